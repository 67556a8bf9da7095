/*
 * re.h: every PCRE2 pattern of wva-itl, compiled once on first use (JIT
 * where the library has it) and matched with explicit lengths under
 * match and depth limits.
 */
#ifndef RE_H
#define RE_H

#include <stddef.h>

#include "wi.h"

enum re_id {
	RE_TIMESTAMP,	/* oc logs --timestamps: RFC 3339 (or "date time") and a space */
	RE_PODPREFIX,	/* oc logs --prefix: [pod/NAME/CONTAINER] and a space */
	RE_G02_TITLE,	/* guidellm 0.2/0.3 "Benchmarks Stats:" or "Info:" */
	RE_DECIMAL,	/* an unsigned decimal number as guidellm prints it */
	RE_INTEGER,	/* an unsigned integer */
	RE_BENCH_NAME,	/* synchronous, throughput, concurrent@N, ... */
	RE_G04_TITLE,	/* guidellm 0.4+ "ℹ Request Latency Statistics ..." */
	RE_G04_TYPE,	/* guidellm 0.4+ row label: a strategy type */
	RE_VLLM_HEAD,	/* "==== Serving Benchmark Result ====" */
	RE_VLLM_PAIR,	/* "Mean ITL (ms):    9.15" */
	RE__COUNT
};

struct re_match {
	size_t	so[8], eo[8];	/* start and end of groups 0..7 */
};

int	re_init(struct wi_err *);
void	re_free(void);

/* 1 on a match (m filled if not NULL), 0 on none, -1 on a matcher error. */
int	re_exec(enum re_id, const char *s, size_t n, struct re_match *m,
	    struct wi_err *);

#endif
