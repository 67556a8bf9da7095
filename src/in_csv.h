/*
 * in_csv.h: guidellm CSV reports.
 *
 * 0.2/0.3 write one header row ("Type,Run Id,Id,Name,...") with columns
 * such as "Successful Inter token latency ms mean"; 0.4 and later write
 * three header rows (group, name, unit), e.g. "Inter Token Latency" /
 * "Successful ms" / "Mean", and only the columns that have data, so
 * columns are always found by their names. 0.4+ rows give the strategy
 * type only and are named like the 0.4+ console: concurrent,
 * concurrent#2 (rank counted over all CSV inputs, in ranks[]).
 *
 * Takes the raw bytes of one input and adds one struct bench per row.
 */
#ifndef RCSV_H
#define RCSV_H

#include "bench.h"
#include "lineio.h"
#include "wi.h"

int	rcsv_read(struct lr *, unsigned long ranks[S_OTHER + 1],
	    struct benchset *, const struct wi_warn *, struct wi_err *);
int	rcsv_sniff(const char *p, size_t n);	/* starts like a guidellm CSV */

#endif
