/*
 * fit_twopoint.c: the two-point method of the WVA guide and its sanity
 * checks: the low benchmark is batch size 1, the high one batch size B.
 *
 *	beta  = (ITL_high - ITL_low) / (B - 1)		alpha = ITL_low - beta
 *	delta = (TTFT_high - TTFT_low) / (inputTokens * (B - 1))
 *	gamma = TTFT_low - delta * inputTokens
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "fmt.h"

/*
 * Without a synchronous (throughput) benchmark and without --low
 * (--high), a run capped at concurrency 1 is batch size 1 and the run
 * with the highest cap is the max batch size: what vLLM's bench serve
 * and guidellm's concurrent runs give.
 */
static const struct bench *
by_cap(const struct benchset *set, int lowest, const struct bench *not)
{
	const struct bench *best = NULL;
	size_t	i;
	double	c;

	for (i = 0; i < set->n; i++) {
		c = fit_concurrency(&set->v[i], 0, NULL);
		if (&set->v[i] == not || c < 1 || bench_is_zero(&set->v[i]))
			continue;
		if (lowest ? c == 1 && best == NULL :
		    best == NULL || c >= fit_concurrency(best, 0, NULL))
			best = &set->v[i];
	}
	return best;
}

static int
usable(const struct bench *b, enum statistic st, struct wi_err *err)
{
	if (bench_is_zero(b)) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "benchmark %s completed no requests; it cannot be a "
		    "data point", b->name);
		return -1;
	}
	if (!(b->v[BF_ITL + st] > 0)) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "benchmark %s has a %s ITL of %g ms%s", b->name,
		    stat_name(st), b->v[BF_ITL + st],
		    b->v[BF_ITL + st] == 0 ? ": its requests made at most one "
		    "output token" : ", which is no measurement");
		return -1;
	}
	return 0;
}

/* For "no mean or median in common": which was impossible, if one was. */
static const char *
dropped_note(const struct bench *lo, const struct bench *hi, int group)
{
	int	s;

	for (s = ST_MEAN; s <= ST_MEDIAN; s++)
		if (*bench_why_unknown(lo, group + s) != '\0' ||
		    *bench_why_unknown(hi, group + s) != '\0')
			return " (a value was impossible and taken as unknown)";
	return "";
}

/* Mean where both points have it, else median; -1 if neither. */
static int
common_stat(const struct bench *lo, const struct bench *hi, int group)
{
	if (bench_has(lo, group + ST_MEAN) && bench_has(hi, group + ST_MEAN))
		return ST_MEAN;
	if (bench_has(lo, group + ST_MEDIAN) &&
	    bench_has(hi, group + ST_MEDIAN))
		return ST_MEDIAN;
	return -1;
}

/*
 * The benchmark named so, the last read where several sweeps have one
 * (two logs of the same run type: the later is the rerun), with a
 * warning.
 */
static const struct bench *
by_name(const struct benchset *set, const char *name,
    const struct wi_warn *w)
{
	const struct bench *b = benchset_find(set, name), *first;
	size_t	n = benchset_count(set, name), i;

	if (n < 2)
		return b;
	for (i = 0; strcmp(set->v[i].name, name) != 0; i++)
		continue;
	first = &set->v[i];
	if (n == 2)
		wi_warnf(w, b->file, b->line, "benchmark %s appears again "
		    "(first at %s:%lu); using this one", name, first->file,
		    first->line);
	else
		wi_warnf(w, b->file, b->line, "benchmark %s appears in %zu "
		    "sweeps (first at %s:%lu); using this one", name, n,
		    first->file, first->line);
	return b;
}

static int
find_points(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	char	names[256];
	int	st;

	f->low = by_name(set, o->low, w);
	f->high = by_name(set, o->high, w);
	if (f->low == NULL && !o->low_set &&
	    (f->low = by_cap(set, 1, f->high)) != NULL)
		wi_notef(w, f->low->file, f->low->line, "no %s benchmark: "
		    "taking %s, capped at concurrency 1, as batch size 1",
		    o->low, f->low->name);
	if (f->high == NULL && !o->high_set && f->low != NULL &&
	    (f->high = by_cap(set, 0, f->low)) != NULL)
		wi_notef(w, f->high->file, f->high->line, "no %s benchmark: "
		    "taking %s, the highest concurrency cap, as the max "
		    "batch size", o->high, f->high->name);
	if (f->low == NULL && f->high == NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no %s or %s benchmark found in %s (benchmarks found: %s)",
		    o->low, o->high, o->inputs, fit_names(set, names,
		    sizeof(names)));
		return -1;
	}
	if (f->low == NULL || f->high == NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no %s benchmark found in %s (benchmarks found: %s)",
		    f->low == NULL ? o->low : o->high, o->inputs,
		    fit_names(set, names, sizeof(names)));
		return -1;
	}
	if ((st = common_stat(f->low, f->high, BF_ITL)) == -1) {
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "benchmarks %s and %s have no ITL mean or median in "
		    "common%s", f->low->name, f->high->name,
		    dropped_note(f->low, f->high, BF_ITL));
		return -1;
	}
	f->itl_stat = (enum statistic)st;
	if (usable(f->low, f->itl_stat, err) == -1 ||
	    usable(f->high, f->itl_stat, err) == -1)
		return -1;
	return 0;
}

static void
prefill(const struct solve_opts *o, struct fit *f, const struct wi_warn *w)
{
	const struct bench *lo = f->low, *hi = f->high;
	double	B = (double)f->max_batch, t_lo, t_hi;
	int	st;

	if ((st = common_stat(lo, hi, BF_TTFT)) == -1) {
		snprintf(f->no_prefill, sizeof(f->no_prefill), "benchmarks %s "
		    "and %s have no TTFT mean or median in common", lo->name,
		    hi->name);
		wi_warnf(w, hi->file, hi->line, "benchmarks %s and %s have no "
		    "TTFT mean or median in common%s: gamma and delta not "
		    "computed", lo->name, hi->name,
		    dropped_note(lo, hi, BF_TTFT));
		return;
	}
	f->ttft_stat = (enum statistic)st;
	if (o->input_tokens > 0)
		f->input_tokens = o->input_tokens;
	else if (bench_has(hi, BF_PROMPT_TPR) && hi->v[BF_PROMPT_TPR] > 0) {
		f->input_tokens = hi->v[BF_PROMPT_TPR];
		f->input_tokens_measured = 1;
	} else {
		snprintf(f->no_prefill, sizeof(f->no_prefill), "benchmark %s "
		    "has %s prompt tokens per request; give -i", hi->name,
		    bench_has(hi, BF_PROMPT_TPR) ? "0" : "no");
		wi_warnf(w, hi->file, hi->line,
		    "benchmark %s has %s prompt tokens per request%s: gamma "
		    "and delta not computed; give -i", hi->name,
		    bench_has(hi, BF_PROMPT_TPR) ? "0" : "no",
		    bench_why_unknown(hi, BF_PROMPT_TPR));
		return;
	}
	f->have_prefill = 1;
	t_lo = lo->v[BF_TTFT + st];
	t_hi = hi->v[BF_TTFT + st];
	f->delta = (t_hi - t_lo) / (f->input_tokens * (B - 1));
	f->gamma = t_lo - f->delta * f->input_tokens;
	if (f->delta < 0)
		wi_warnf(w, hi->file, hi->line,
		    "delta is negative: TTFT fell from %g ms (%s) to %g ms (%s)",
		    t_lo, lo->name, t_hi, hi->name);
}

static void
sanity(const struct fit *f, const struct wi_warn *w)
{
	const struct bench *lo = f->low, *hi = f->high;
	const struct bench *both[2] = { lo, hi };
	char	num[FMT_NUM_MAX];
	double	B = (double)f->max_batch;

	bench_warn_errored(both, 2, w);
	if (bench_has(lo, BF_CONC) && lo->v[BF_CONC] > 1.5)
		wi_warnf(w, lo->file, lo->line,
		    "benchmark %s ran at a concurrency of %s, not 1",
		    lo->name, fmt_dec(num, lo->v[BF_CONC], 2));
	if (bench_has(hi, BF_CONC) && hi->v[BF_CONC] < SATURATED * B)
		wi_warnf(w, hi->file, hi->line,
		    "benchmark %s reached a concurrency of %.2f, below 90%% "
		    "of the max batch size %ld: the server was not "
		    "saturated and beta is extrapolated", hi->name,
		    hi->v[BF_CONC], f->max_batch);
	if (f->beta < 0)
		wi_warnf(w, hi->file, hi->line,
		    "beta is negative: ITL fell from %g ms (%s) to %g ms (%s)",
		    lo->v[BF_ITL + f->itl_stat], lo->name,
		    hi->v[BF_ITL + f->itl_stat], hi->name);
}

/* The two points as fit points, so both methods print the same way. */
static int
two_points(struct fit *f, struct wi_err *err)
{
	const struct bench *b[2] = { f->low, f->high };
	int	k;

	if ((f->pts = calloc(2, sizeof(*f->pts))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	f->npts = 2;
	for (k = 0; k < 2; k++) {
		f->pts[k].b = b[k];
		f->pts[k].batch = k == 0 ? 1 : (double)f->max_batch;
		f->pts[k].itl = b[k]->v[BF_ITL + f->itl_stat];
		f->pts[k].has_ttft = f->have_prefill;
		f->pts[k].tokens = f->input_tokens;
		f->pts[k].ttft = b[k]->v[BF_TTFT + f->ttft_stat];
	}
	return 0;
}

int
fit_twopoint(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	enum batch_from	 from;
	double		 i_lo, i_hi, x;

	if (find_points(set, o, f, w, err) == -1)
		return -1;
	/* As lsq takes x: measured, else the cap (vLLM measures none). */
	x = fit_concurrency(f->high, 1, &from);
	if (fit_max_batch(f, o, x, from, err) == -1)
		return -1;
	i_lo = f->low->v[BF_ITL + f->itl_stat];
	i_hi = f->high->v[BF_ITL + f->itl_stat];
	f->beta = (i_hi - i_lo) / ((double)f->max_batch - 1);
	f->alpha = i_lo - f->beta;
	sanity(f, w);
	prefill(o, f, w);
	if (fit_finish(f, w, err) == -1)
		return -1;
	return two_points(f, err);
}
