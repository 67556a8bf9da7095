/*
 * solve.c: the two-point fit and its sanity checks.
 */
#include <math.h>
#include <string.h>

#include "solve.h"

/* Below this share of the max batch size the server was not saturated. */
#define SATURATED	0.9

static int
usable(const struct bench *b, struct wi_err *err)
{
	if (bench_is_zero(b)) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "benchmark %s completed no requests; it cannot be a "
		    "data point", b->name);
		return -1;
	}
	if (!(b->itl.mean > 0)) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "benchmark %s has a mean ITL of 0: its requests made "
		    "at most one output token", b->name);
		return -1;
	}
	return 0;
}

static int
find_points(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, struct wi_err *err)
{
	f->low = benchset_find(set, o->low);
	f->high = benchset_find(set, o->high);
	if (f->low == NULL && f->high == NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no %s or %s benchmark found in %s", o->low, o->high,
		    o->inputs);
		return -1;
	}
	if (f->low == NULL || f->high == NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no %s benchmark found in %s",
		    f->low == NULL ? o->low : o->high, o->inputs);
		return -1;
	}
	if (usable(f->low, err) == -1 || usable(f->high, err) == -1)
		return -1;
	return 0;
}

static int
max_batch(const struct solve_opts *o, struct fit *f, struct wi_err *err)
{
	const struct bench *hi = f->high;

	if (o->max_batch > 0) {
		f->max_batch = o->max_batch;
		return 0;
	}
	f->max_batch_measured = 1;
	f->max_batch = lround(hi->conc);
	if (f->max_batch < 2) {
		wi_seterr(err, WI_EINPUT, hi->file, hi->line,
		    "cannot take the max batch size from benchmark %s: its "
		    "concurrency %.2f rounds to %ld; give -b", hi->name,
		    hi->conc, f->max_batch);
		return -1;
	}
	return 0;
}

static void
prefill(const struct solve_opts *o, struct fit *f, const struct wi_warn *w)
{
	const struct bench *lo = f->low, *hi = f->high;
	double	B = (double)f->max_batch;

	if (o->input_tokens > 0)
		f->input_tokens = o->input_tokens;
	else if (hi->has_info && hi->prompt_tpr > 0) {
		f->input_tokens = hi->prompt_tpr;
		f->input_tokens_measured = 1;
	} else {
		wi_warnf(w, hi->file, hi->line,
		    "benchmark %s has no prompt tokens per request (no "
		    "Benchmarks Info row): gamma and delta not computed; "
		    "give -i", hi->name);
		return;
	}
	f->have_prefill = 1;
	f->delta = (hi->ttft.mean - lo->ttft.mean) /
	    (f->input_tokens * (B - 1));
	f->gamma = lo->ttft.mean - f->delta * f->input_tokens;
	if (f->delta < 0)
		wi_warnf(w, hi->file, hi->line,
		    "delta is negative: TTFT fell from %g ms (%s) to %g ms (%s)",
		    lo->ttft.mean, lo->name, hi->ttft.mean, hi->name);
}

int
solve_two_point(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	const struct bench *lo, *hi;
	double	B;

	memset(f, 0, sizeof(*f));
	if (find_points(set, o, f, err) == -1 || max_batch(o, f, err) == -1)
		return -1;
	lo = f->low;
	hi = f->high;
	B = (double)f->max_batch;
	f->beta = (hi->itl.mean - lo->itl.mean) / (B - 1);
	f->alpha = lo->itl.mean - f->beta;

	bench_warn_errored(lo, w);
	bench_warn_errored(hi, w);
	if (lo->conc > 1.5)
		wi_warnf(w, lo->file, lo->line,
		    "benchmark %s ran at a concurrency of %.2f, not 1",
		    lo->name, lo->conc);
	if (hi->conc < SATURATED * B)
		wi_warnf(w, hi->file, hi->line,
		    "benchmark %s reached a concurrency of %.2f, below 90%% "
		    "of the max batch size %ld: the server was not "
		    "saturated and beta is extrapolated", hi->name, hi->conc,
		    f->max_batch);
	if (f->beta < 0)
		wi_warnf(w, hi->file, hi->line,
		    "beta is negative: ITL fell from %g ms (%s) to %g ms (%s)",
		    lo->itl.mean, lo->name, hi->itl.mean, hi->name);
	prefill(o, f, w);
	return 0;
}
