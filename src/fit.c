/*
 * fit.c: what the fit methods share.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"

/*
 * The concurrency of a run, and where it came from: with measured, what
 * guidellm measured, else the cap vLLM ran at (it measures none);
 * without, the cap only: vLLM's max, or guidellm's streams. -1 if the
 * run has none.
 */
double
fit_concurrency(const struct bench *b, int measured, enum batch_from *from)
{
	enum batch_from	 dummy;

	if (from == NULL)
		from = &dummy;
	if (measured && bench_has(b, BF_CONC)) {
		*from = BATCH_MEASURED;
		return b->v[BF_CONC];
	}
	*from = BATCH_MAX_CONC;
	if (bench_has(b, BF_MAX_CONC))
		return b->v[BF_MAX_CONC];
	if (!measured && b->type == S_CONCURRENT && b->has_param)
		return b->param;
	return -1;
}

/*
 * The max batch size: -b if given, else the concurrency x of f->high
 * (below 0: it has none), rounded.
 */
int
fit_max_batch(struct fit *f, const struct solve_opts *o, double x,
    enum batch_from from, struct wi_err *err)
{
	if (o->max_batch > 0) {
		f->max_batch = o->max_batch;
		f->max_batch_from = BATCH_OPTION;
		return 0;
	}
	if (x < 0) {
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "benchmark %s has no measured concurrency%s to take the "
		    "max batch size from; give -b", f->high->name,
		    bench_why_unknown(f->high, BF_CONC));
		return -1;
	}
	if (!(x >= 1.5 && x < BATCH_LIMIT + 0.5)) {
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "cannot take the max batch size from benchmark %s: its "
		    "concurrency %g does not round to 2..%ld; give -b",
		    f->high->name, x, BATCH_LIMIT);
		return -1;
	}
	f->max_batch = lround(x);
	f->max_batch_from = from;
	return 0;
}

/* Checks common to every method, once the parameters are known. */
int
fit_finish(struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	const struct bench *hi = f->high;

	if (!isfinite(f->alpha) || !isfinite(f->beta) || (f->have_prefill &&
	    (!isfinite(f->gamma) || !isfinite(f->delta)))) {
		wi_seterr(err, WI_EINPUT, hi->file, hi->line,
		    "the parameters are not finite numbers: the input's "
		    "values are out of any plausible range");
		return -1;
	}
	if (f->alpha < 0)
		wi_warnf(w, hi->file, hi->line, "alpha is negative: "
		    "ITL would fall below 0 at small batch sizes");
	if (f->have_prefill && f->beta == 0 && f->delta == 0)
		wi_warnf(w, hi->file, hi->line, "beta and delta are both 0: "
		    "ITL and TTFT do not grow with the batch size, and WVA's "
		    "model divides by them");
	if (f->have_prefill && f->gamma < 0)
		wi_warnf(w, hi->file, hi->line, "gamma is negative: "
		    "TTFT would fall below 0 at small batch sizes (does the "
		    "high run's TTFT include queueing?)");
	return 0;
}

/*
 * "synchronous, throughput, constant@1.49 and 7 more": the
 * benchmarks of set for a message about a name not among them, at most
 * FIT_NAMES of them and about 200 bytes.
 */
#define FIT_NAMES	8

const char *
fit_names(const struct benchset *set, char *buf, size_t sz)
{
	size_t	i, len = 0, n;

	buf[0] = '\0';
	for (i = 0; i < set->n; i++) {
		n = strlen(set->v[i].name);
		if (i == FIT_NAMES || len + n + 2 > 200 || len + n + 2 >= sz)
			break;
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    i > 0 ? ", " : "", set->v[i].name);
	}
	if (i < set->n)
		snprintf(buf + len, sz - len, " and %zu more", set->n - i);
	return buf;
}

const char *
fit_no_prefill(const struct fit *f)
{
	return f->no_prefill[0] != '\0' ? f->no_prefill :
	    "they were not computed (see the warning)";
}

void
fit_free(struct fit *f)
{
	if (f->model != NULL) {
		free(f->model->pred);
		free(f->model->obs);
		qval_free(&f->model->val);
	}
	free(f->model);
	free(f->pts);
	f->model = NULL;
	f->pts = NULL;
	f->npts = 0;
}
