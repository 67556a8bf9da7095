/*
 * in_g04.h: guidellm 0.4.x to 0.7.x console output.
 *
 * These releases print tables titled "ℹ Request Latency Statistics
 * (Completed Requests)", "ℹ Server Throughput Statistics ...", with
 * "|===|" borders, three header rows (group, name, unit or statistic)
 * whose merged cells print as "||", left-justified cells, "--" for a
 * missing value, and rows labelled by strategy type only. The tables
 * never wrap; their titles do, on a console narrower than the title
 * (rich wraps at spaces): the lines after a title are taken as its
 * pieces while they keep it the start of a title guidellm prints, and
 * the table is told by the whole title once its "|===|" border comes.
 * The latency table has medians and p95, no means.
 *
 * Takes cleaned lines; rows of the tables of one run are matched by
 * their order (row k of each table is benchmark k), and the benchmarks
 * are added to the set when the run's last table (throughput) ends, or
 * at the end of the input. Columns are found by their header names.
 */
#ifndef G04_H
#define G04_H

#include <stddef.h>

#include "bench.h"
#include "wi.h"

struct g04;

struct g04 *g04_new(void);
void	g04_free(struct g04 *);
void	g04_start(struct g04 *, const char *file);
int	g04_active(const struct g04 *);

/*
 * 1 if the line was taken, 0 if not (not a title, or the line that
 * ended a table: offer it to the other parsers), -1 on an error.
 */
int	g04_line(struct g04 *, const char *s, size_t n, unsigned long no,
	    int truncated, struct benchset *, const struct wi_warn *,
	    struct wi_err *);
int	g04_eof(struct g04 *, unsigned long lastline, struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
