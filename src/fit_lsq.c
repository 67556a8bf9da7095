/*
 * fit_lsq.c: --fit lsq, ordinary least squares over every usable benchmark.
 *
 *	ITL_i  = alpha + beta  * c_i			c_i: measured concurrency
 *	TTFT_i = gamma + delta * in_i * c_i		in_i: prompt tokens/request
 *
 * A benchmark is a point if it completed requests and has a concurrency
 * (measured, or vLLM's cap) and the statistic used (the mean, or the
 * median where fewer than two points have means).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "fmt.h"

#define R2_MIN		0.9	/* below: the line does not describe the points */
#define OFF_LINE	3.0	/* residuals beyond this many standard errors */

/* x of a point: measured concurrency, or the cap vLLM ran at. */
#define concurrency(b)	fit_concurrency((b), 1, NULL)

struct line {
	double	a, b, r2;	/* intercept, slope, R^2 */
	double	mx, sxx, ss;	/* mean and spread of x; residual sum of squares */
};

/*
 * Two-pass least squares: means first, then centred sums, which keeps
 * the precision when x is large and its spread small. -1 if all x are
 * equal.
 */
static int
ols(const double *x, const double *y, double *resid, size_t n, struct line *l)
{
	double	mx = 0, my = 0, sxx = 0, sxy = 0, syy = 0, ss = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= (double)n;
	my /= (double)n;
	for (i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (!(sxx > 0))
		return -1;
	l->b = sxy / sxx;
	l->a = my - l->b * mx;
	for (i = 0; i < n; i++) {
		resid[i] = y[i] - (l->a + l->b * x[i]);
		ss += resid[i] * resid[i];
	}
	l->r2 = syy > 0 ? 1 - ss / syy : 1;
	l->mx = mx;
	l->sxx = sxx;
	l->ss = ss;
	return 0;
}

/* The statistic: the mean if two points have it, else the median. */
static int
pick_stat(const struct benchset *set, int group)
{
	size_t	i, mean = 0, median = 0;

	for (i = 0; i < set->n; i++) {
		if (bench_is_zero(&set->v[i]) || concurrency(&set->v[i]) <= 0)
			continue;
		mean += bench_has(&set->v[i], group + ST_MEAN);
		median += bench_has(&set->v[i], group + ST_MEDIAN);
	}
	return mean >= 2 ? ST_MEAN : median >= 2 ? ST_MEDIAN : -1;
}

static int
gather(const struct benchset *set, struct fit *f, const struct wi_warn *w,
    struct wi_err *err)
{
	const struct bench *b;
	size_t	i;
	int	st;

	if ((st = pick_stat(set, BF_ITL)) == -1) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--fit lsq needs at least 2 "
		    "benchmarks that completed requests and have a "
		    "concurrency and an ITL mean or median");
		return -1;
	}
	f->itl_stat = (enum statistic)st;
	if ((f->pts = calloc(set->n, sizeof(*f->pts))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (bench_is_zero(b))
			continue;	/* zero-filled: not a measurement */
		if (concurrency(b) <= 0 || !bench_has(b, BF_ITL + st)) {
			wi_notef(w, b->file, b->line, "benchmark %s is not a "
			    "point of the fit: it has no %s", b->name,
			    concurrency(b) <= 0 ? "concurrency" :
			    st == ST_MEAN ? "ITL mean" : "ITL median");
			continue;
		}
		f->pts[f->npts].b = b;
		f->pts[f->npts].batch = concurrency(b);
		f->pts[f->npts].itl = b->v[BF_ITL + st];
		f->npts++;
	}
	return 0;
}

static size_t
distinct(const struct fit *f)
{
	size_t	i, j, n = 0;

	for (i = 0; i < f->npts; i++) {
		for (j = 0; j < i; j++)
			if (f->pts[j].batch == f->pts[i].batch)
				break;
		n += j == i;
	}
	return n;
}

static int
max_batch(const struct solve_opts *o, struct fit *f, struct wi_err *err)
{
	double	hi = 0;
	size_t	i;

	for (i = 0; i < f->npts; i++)
		if (f->pts[i].batch >= hi) {
			hi = f->pts[i].batch;
			f->high = f->pts[i].b;
		}
	f->low = f->pts[0].b;
	for (i = 0; i < f->npts; i++)
		if (f->pts[i].batch < concurrency(f->low))
			f->low = f->pts[i].b;
	return fit_max_batch(f, o, hi, BATCH_POINTS, err);
}

/*
 * Warns about points far off the line. Each point is judged against the
 * line's scatter without it (its externally studentized residual): a
 * point far off inflates the plain standard error so much that it could
 * never stand out against it. Needs four points.
 */
static void
off_line(const struct fit *f, const struct line *l, int ttft,
    const struct wi_warn *w)
{
	const struct fit_point *p;
	char	num[FMT_NUM_MAX];
	double	x, e, h, s2, t;
	size_t	i, n = f->npts;

	if (n < 4)
		return;
	for (i = 0; i < n; i++) {
		p = &f->pts[i];
		x = ttft ? p->tokens * p->batch : p->batch;
		e = ttft ? p->ttft_resid : p->itl_resid;
		h = 1 / (double)n + (x - l->mx) * (x - l->mx) / l->sxx;
		if (!(h < 1))
			continue;
		s2 = (l->ss - e * e / (1 - h)) / (double)(n - 3);
		t = s2 > 0 ? fabs(e) / sqrt(s2 * (1 - h)) : 0;
		if (t > OFF_LINE)
			wi_warnf(w, p->b->file, p->b->line, "benchmark %s lies "
			    "%s standard errors off the %s line fitted to the "
			    "other points (residual %g ms)", p->b->name,
			    fmt_dec(num, t, 1), ttft ? "TTFT" : "ITL", e);
	}
}

/*
 * Fits one line through the points, ITL on concurrency or TTFT on
 * inputTokens * concurrency, and stores each point's residual: 1, or 0
 * if x is the same everywhere, -1 if memory ran out.
 */
static int
fit_line(struct fit *f, int ttft, struct line *l, struct wi_err *err)
{
	struct fit_point *p;
	double		*x, *y, *r;
	size_t		 i, n = f->npts;
	int		 rc;

	if ((x = calloc(3 * n, sizeof(*x))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	y = x + n;
	r = y + n;
	for (i = 0; i < n; i++) {
		p = &f->pts[i];
		x[i] = ttft ? p->tokens * p->batch : p->batch;
		y[i] = ttft ? p->ttft : p->itl;
	}
	if ((rc = ols(x, y, r, n, l)) == 0)
		for (i = 0; i < n; i++)
			*(ttft ? &f->pts[i].ttft_resid :
			    &f->pts[i].itl_resid) = r[i];
	free(x);
	return rc == 0 ? 1 : 0;
}

static int
fit_itl(struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	struct line	l;

	/* distinct() made sure x varies. */
	if (fit_line(f, 0, &l, err) == -1)
		return -1;
	f->alpha = l.a;
	f->beta = l.b;
	f->r2_itl = l.r2;
	if (l.r2 < R2_MIN)
		wi_warnf(w, NULL, 0, "R^2 of the ITL fit is %.3f, below %.1f: "
		    "ITL is not linear in concurrency over these %zu points",
		    l.r2, R2_MIN, f->npts);
	off_line(f, &l, 0, w);
	if (f->beta < 0)
		wi_warnf(w, NULL, 0, "beta is negative: ITL falls as "
		    "concurrency grows");
	return 0;
}

/* Every point's TTFT and prompt tokens; 0 if one lacks them. */
static int
ttft_points(const struct solve_opts *o, struct fit *f, const struct wi_warn *w)
{
	struct fit_point *p;
	size_t	i;
	int	st = ST_MEAN;

	for (i = 0; i < f->npts; i++)
		if (!bench_has(f->pts[i].b, BF_TTFT + ST_MEAN))
			st = ST_MEDIAN;
	for (i = 0; i < f->npts; i++) {
		p = &f->pts[i];
		if (!bench_has(p->b, BF_TTFT + st) || (o->input_tokens <= 0 &&
		    !(bench_has(p->b, BF_PROMPT_TPR) &&
		    p->b->v[BF_PROMPT_TPR] > 0))) {
			if (!bench_has(p->b, BF_TTFT + st))
				snprintf(f->no_prefill, sizeof(f->no_prefill),
				    "benchmark %s has no TTFT %s", p->b->name,
				    stat_name((enum statistic)st));
			else
				snprintf(f->no_prefill, sizeof(f->no_prefill),
				    "benchmark %s has no prompt tokens per "
				    "request; give -i", p->b->name);
			wi_warnf(w, p->b->file, p->b->line, "benchmark %s has "
			    "no TTFT %s or prompt tokens per request%s: gamma "
			    "and delta not computed%s", p->b->name,
			    stat_name((enum statistic)st),
			    *bench_why_unknown(p->b, BF_TTFT + st) ?
			    bench_why_unknown(p->b, BF_TTFT + st) :
			    bench_why_unknown(p->b, BF_PROMPT_TPR),
			    o->input_tokens > 0 ? "" : "; give -i");
			return 0;
		}
		p->tokens = o->input_tokens > 0 ? o->input_tokens :
		    p->b->v[BF_PROMPT_TPR];
		p->ttft = p->b->v[BF_TTFT + st];
	}
	f->ttft_stat = (enum statistic)st;
	return 1;
}

/* The input tokens reported: the option, or the points' (mean) value. */
static void
input_tokens(const struct solve_opts *o, struct fit *f)
{
	double	sum = 0;
	size_t	i;

	f->input_tokens_measured = o->input_tokens <= 0;
	if (o->input_tokens > 0) {
		f->input_tokens = o->input_tokens;
		return;
	}
	for (i = 0; i < f->npts; i++)
		sum += f->pts[i].tokens;
	f->input_tokens = sum / (double)f->npts;
	/* Equal tokens everywhere (the usual case) print as given. */
	for (i = 1; i < f->npts && f->pts[i].tokens == f->pts[0].tokens; i++)
		continue;
	if (i == f->npts)
		f->input_tokens = f->pts[0].tokens;
}

/* TTFT on inputTokens * concurrency, where every point has both. */
static int
fit_ttft(const struct solve_opts *o, struct fit *f, const struct wi_warn *w,
    struct wi_err *err)
{
	struct line	l;
	size_t		i;
	int		rc;

	if (!ttft_points(o, f, w))
		return 0;
	if ((rc = fit_line(f, 1, &l, err)) != 1) {
		if (rc == 0)
			snprintf(f->no_prefill, sizeof(f->no_prefill),
			    "inputTokens * concurrency is the same for every "
			    "point");
		if (rc == 0)
			wi_warnf(w, NULL, 0, "inputTokens * concurrency is the "
			    "same for every point: gamma and delta not "
			    "computed");
		return rc;
	}
	f->have_prefill = 1;
	f->gamma = l.a;
	f->delta = l.b;
	f->r2_ttft = l.r2;
	input_tokens(o, f);
	for (i = 0; i < f->npts; i++)
		f->pts[i].has_ttft = 1;
	if (l.r2 < R2_MIN)
		wi_warnf(w, NULL, 0, "R^2 of the TTFT fit is %.3f, below %.1f",
		    l.r2, R2_MIN);
	off_line(f, &l, 1, w);
	if (f->delta < 0)
		wi_warnf(w, NULL, 0, "delta is negative: TTFT falls as "
		    "concurrency grows");
	return 0;
}

int
fit_lsq(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	const struct bench **used;
	size_t	i, nd;

	if (gather(set, f, w, err) == -1)
		return -1;
	if ((nd = distinct(f)) < 2) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--fit lsq needs points at 2 "
		    "or more concurrencies; %s has %zu", o->inputs, nd);
		return -1;
	}
	if (nd < 3)
		wi_warnf(w, NULL, 0, "--fit lsq over %zu concurrencies only: "
		    "with 2 a line always fits; R^2 says nothing", nd);
	if (max_batch(o, f, err) == -1 || fit_itl(f, w, err) == -1)
		return -1;
	if ((used = calloc(f->npts, sizeof(*used))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < f->npts; i++)
		used[i] = f->pts[i].b;
	bench_warn_errored(used, f->npts, w);
	free(used);
	if (concurrency(f->high) <
	    SATURATED * (double)f->max_batch)
		wi_warnf(w, f->high->file, f->high->line, "the highest "
		    "concurrency measured, %.2f (%s), is below 90%% of the max "
		    "batch size %ld: the line is extrapolated beyond it",
		    concurrency(f->high), f->high->name, f->max_batch);
	if (fit_ttft(o, f, w, err) == -1)
		return -1;
	return fit_finish(f, w, err);
}
