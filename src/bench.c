/*
 * bench.c: the benchmark set.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"

const char *
strategy_name(enum strategy s)
{
	static const char *const names[] = { "synchronous", "throughput",
	    "concurrent", "constant", "poisson" };

	return names[s];
}

void
benchset_init(struct benchset *set)
{
	memset(set, 0, sizeof(*set));
}

void
benchset_free(struct benchset *set)
{
	free(set->v);
	memset(set, 0, sizeof(*set));
}

const struct bench *
benchset_find(const struct benchset *set, const char *name)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->v[i].name, name) == 0)
			return &set->v[i];
	return NULL;
}

int
benchset_add(struct benchset *set, const struct bench *b,
    const struct wi_warn *w, struct wi_err *err)
{
	struct bench	*old, *nv;
	size_t		 ncap;

	if ((old = (struct bench *)benchset_find(set, b->name)) != NULL) {
		wi_warnf(w, b->file, b->line,
		    "benchmark %s appears again (first at %s:%lu); "
		    "using this one", b->name, old->file, old->line);
		*old = *b;
		return 0;
	}
	if (set->n == WI_MAX_BENCH) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "more than %d benchmarks", WI_MAX_BENCH);
		return -1;
	}
	if (set->n == set->cap) {
		ncap = set->cap ? set->cap * 2 : 16;
		if ((nv = realloc(set->v, ncap * sizeof(*nv))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		set->v = nv;
		set->cap = ncap;
	}
	set->v[set->n++] = *b;
	return 0;
}

/*
 * A run that completed nothing: guidellm zero-fills its statistics, so
 * its numbers are not measurements.
 */
int
bench_is_zero(const struct bench *b)
{
	if (b->has_info)
		return b->completed == 0;
	return b->rps == 0 && b->conc == 0 && b->itl.mean == 0 &&
	    b->ttft.mean == 0;
}

void
bench_warn_errored(const struct bench *b, const struct wi_warn *w)
{
	if (b->has_info && b->errored > 0)
		wi_warnf(w, b->file, b->info_line,
		    "benchmark %s: %lld of %lld requests errored", b->name,
		    b->errored, b->completed + b->incomplete + b->errored);
}
