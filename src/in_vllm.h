/*
 * in_vllm.h: the console summary of vLLM's serving benchmark (`vllm bench
 * serve`, benchmarks/benchmark_serving.py):
 *
 *	Maximum request concurrency: 64
 *	============ Serving Benchmark Result ============
 *	Successful requests:                     100
 *	...
 *	Mean ITL (ms):                           9.15
 *	==================================================
 *
 * Takes cleaned lines. The "Traffic request rate", "Burstiness factor"
 * and "Maximum request concurrency" lines printed before a result block
 * say how the run was driven; lines inside the block that are not
 * "Name: value" (interleaved server logs) are passed over. Each block is
 * one benchmark, named concurrent@N when its concurrency was capped at
 * N, poisson@R for a request rate R, throughput otherwise.
 */
#ifndef VCON_H
#define VCON_H

#include <stddef.h>

#include "bench.h"
#include "wi.h"

struct vcon;

struct vcon *vcon_new(void);
void	vcon_free(struct vcon *);
void	vcon_start(struct vcon *, const char *file);
int	vcon_active(const struct vcon *);
int	vcon_line(struct vcon *, const char *s, size_t n, unsigned long no,
	    struct benchset *, const struct wi_warn *, struct wi_err *);
int	vcon_eof(struct vcon *, unsigned long lastline, struct wi_err *);

#endif
