/*
 * scan.h: read one input from start to end and collect its benchmarks.
 *
 * Takes a path ("-" for stdin). A text log goes line by line to the
 * console parsers (guidellm 0.2/0.3 and 0.4+); outside a table a line
 * costs a few memmem() calls, and only lines that may be a title, and
 * the lines of a table, are cleaned and matched.
 */
#ifndef SCAN_H
#define SCAN_H

#include "bench.h"
#include "g02.h"
#include "g04.h"
#include "vcon.h"
#include "wi.h"

struct scan {
	struct g02	*g02;
	struct g04	*g04;
	struct vcon	*vcon;
	unsigned long	 tables;	/* Stats tables seen in all inputs so far */
};

int	scan_init(struct scan *, struct wi_err *);
void	scan_free(struct scan *);
int	scan_input(struct scan *, const char *path, struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
