/*
 * in_g02.h: guidellm 0.2.x and 0.3.x console output.
 *
 * Takes cleaned lines, finds the "Benchmarks Info:" and "Benchmarks
 * Stats:" tables (re-joined by rejoin.c), locates their columns by the
 * header names, checks every cell it uses and adds one struct bench per
 * Stats row to the set, with the counts of the Info row of the same
 * name that came before it in the same input.
 */
#ifndef G02_H
#define G02_H

#include <stddef.h>

#include "bench.h"
#include "wi.h"

struct g02;

struct g02 *g02_new(void);
void	g02_free(struct g02 *);
void	g02_start(struct g02 *, const char *file);	/* a new input */
int	g02_active(const struct g02 *);		/* inside a table */

/* 1 if the line was taken (a title or a table line), 0 if not, -1 on error. */
int	g02_line(struct g02 *, const char *s, size_t n, unsigned long no,
	    int truncated, struct benchset *, const struct wi_warn *,
	    struct wi_err *);
int	g02_eof(struct g02 *, unsigned long lastline, struct wi_err *);

#endif
