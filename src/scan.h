/*
 * scan.h: read one input from start to end and collect its benchmarks.
 *
 * Takes a path ("-" for stdin); reads it with lineio, hands lines to
 * the console parsers and adds what they find to the set. Outside a
 * table a line costs one memmem(); only lines that may be a title, and
 * the lines of a table, are cleaned and matched.
 */
#ifndef SCAN_H
#define SCAN_H

#include "bench.h"
#include "g02.h"
#include "wi.h"

struct scan {
	struct g02	*g02;
	unsigned long	 tables;	/* Stats tables seen in all inputs so far */
};

int	scan_init(struct scan *, struct wi_err *);
void	scan_free(struct scan *);
int	scan_input(struct scan *, const char *path, struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
