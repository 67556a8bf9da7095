/*
 * points.h: --points, which benchmarks a queue fit takes.
 *
 *	--points ITEM[,ITEM...]		ITEM: [-][SWEEP:]NAME
 *
 * NAME is a benchmark's name as the outputs print it, in every sweep;
 * SWEEP:NAME the one of a sweep, SWEEP its label or the label's end after
 * a "/" (the file's name). Items without "-" choose the points; with
 * "-" they leave points out, of the chosen ones or, when no item
 * chooses, of the default: every benchmark but throughput runs. Names
 * hold no ":", so the last one splits.
 */
#ifndef POINTS_H
#define POINTS_H

#include "bench.h"

#define POINTS_ITEM_MAX	1024	/* bytes of one item */

/* Is the list well formed? NULL, or what is wrong (a constant). */
const char *points_syntax(const char *list);

/* Does the list take b (dflt: whether the default would)? */
int	points_take(const struct benchset *, const char *list,
	    const struct bench *, int dflt);

/* Does the list name b in an item that chooses it (not "-")? */
int	points_named(const struct benchset *, const char *list,
	    const struct bench *);

/*
 * Does every item name a benchmark? 0, or -1 with err naming the first
 * that names none.
 */
int	points_found(const struct benchset *, const char *list,
	    struct wi_err *);

#endif
