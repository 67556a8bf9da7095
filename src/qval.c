/*
 * qval.c: out-of-sample errors and error bars of a queueing-model fit
 * (qval.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qval.h"

double
qv_t(size_t df)
{
	/* The 0.95 quantile of Student's t, df 1..30, then in 1/df. */
	static const double t[31] = { 0, 6.314, 2.920, 2.353, 2.132, 2.015,
	    1.943, 1.895, 1.860, 1.833, 1.812, 1.796, 1.782, 1.771, 1.761,
	    1.753, 1.746, 1.740, 1.734, 1.729, 1.725, 1.721, 1.717, 1.714,
	    1.711, 1.708, 1.706, 1.703, 1.701, 1.699, 1.697 };
	static const struct { double df, t; } tail[] = { { 30, 1.697 },
	    { 40, 1.684 }, { 60, 1.671 }, { 120, 1.658 }, { INFINITY, 1.645 } };
	double	x;
	size_t	i;

	if (df < 1)
		df = 1;
	if (df <= 30)
		return t[df];
	for (i = 1; (double)df > tail[i].df; i++)
		continue;
	/* Linear in 1/df between the table's entries. */
	x = (1 / tail[i - 1].df - 1 / (double)df) /
	    (1 / tail[i - 1].df - 1 / tail[i].df);
	return tail[i - 1].t + x * (tail[i].t - tail[i - 1].t);
}

void
qv_interval(double est, const double *reps, size_t g, double floor,
    double *se, double *lo, double *hi)
{
	double	mean = 0, ss = 0, h;
	size_t	i;

	for (i = 0; i < g; i++)
		mean += reps[i] / (double)g;
	for (i = 0; i < g; i++)
		ss += (reps[i] - mean) * (reps[i] - mean);
	*se = sqrt((double)(g - 1) / (double)g * ss);
	h = qv_t(g - 1) * *se;
	*lo = fmax(est - h, floor);
	*hi = est + h;
}

/* ------------------------------------------------------------ summaries */

static void
err_add(struct qv_err *e, double x, size_t pt)
{
	e->n++;
	e->rms += x * x;	/* sums until err_end */
	e->bias += x;
	if (fabs(x) > e->worst || e->n == 1) {
		e->worst = fabs(x);
		e->worst_pt = pt;
	}
}

static void
err_end(struct qv_err *e)
{
	if (e->n == 0)
		return;
	e->rms = sqrt(e->rms / (double)e->n);
	e->bias /= (double)e->n;
}

/* Point i's errors into s (relative ones only: observations > 0). */
static void
sum_add(struct qv_sum *s, const struct qobs *o, const struct qpoint *p,
    size_t i)
{
	if (!(o[i].ttft > 0 && o[i].itl > 0) || isnan(p[i].rel_ttft))
		return;
	err_add(&s->ttft, p[i].rel_ttft, i);
	err_add(&s->itl, p[i].rel_itl, i);
}

static void
sum_end(struct qv_sum *s)
{
	err_end(&s->ttft);
	err_end(&s->itl);
}

/* The sweeps in order of appearance, and each point's index among them. */
static int
sweeps(struct qval *v, const unsigned *sweep, size_t n, size_t *idx)
{
	size_t	i, k;

	if ((v->sw = calloc(n, sizeof(*v->sw))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		for (k = 0; k < v->nsw && v->sw[k].sweep != sweep[i]; k++)
			continue;
		if (k == v->nsw)
			v->sw[v->nsw++].sweep = sweep[i];
		v->sw[k].n++;
		idx[i] = k;
	}
	return 0;
}

static void
summarise(struct qval *v, const struct qobs *o, const struct qpoint *pred,
    size_t n, const size_t *idx)
{
	size_t	i, k;

	for (i = 0; i < n; i++) {
		sum_add(&v->in, o, pred, i);
		sum_add(&v->sw[idx[i]].in, o, pred, i);
		if (v->oos != NULL) {
			sum_add(&v->out, o, v->oos, i);
			sum_add(&v->sw[idx[i]].out, o, v->oos, i);
		}
	}
	sum_end(&v->in);
	sum_end(&v->out);
	for (k = 0; k < v->nsw; k++) {
		sum_end(&v->sw[k].in);
		sum_end(&v->sw[k].out);
	}
}

/* ---------------------------------------------------------------- folds */

static const struct qobs *sort_obs;

static int
by_rate(const void *a, const void *b)
{
	double	x = sort_obs[*(const size_t *)a].rate;
	double	y = sort_obs[*(const size_t *)b].rate;

	return x < y ? -1 : x > y;
}

/*
 * fold[i] for every point; the number of folds, or 0 when there are too
 * few sweeps and levels (v->why_none says so).
 */
static size_t
assign(struct qval *v, const struct qobs *o, size_t n, const size_t *idx,
    size_t *order, size_t *fold)
{
	size_t	i, levels, nf;

	for (i = 0; i < n; i++)
		order[i] = i;
	sort_obs = o;
	qsort(order, n, sizeof(*order), by_rate);
	if (v->nsw >= 2) {
		v->method = QV_SWEEPS;
		nf = v->nsw < QV_MAX_FOLDS ? v->nsw : QV_MAX_FOLDS;
		for (i = 0; i < n; i++)
			fold[i] = idx[i] * nf / v->nsw;
		return nf;
	}
	/* Load levels, by rate: fold[] holds each point's level first. */
	for (levels = 0, i = 0; i < n; i++) {
		if (i > 0 && o[order[i]].rate - o[order[i - 1]].rate >
		    QFIT_RATE_SEP * o[order[i]].rate)
			levels++;
		fold[order[i]] = levels;
	}
	levels++;
	if (levels < QV_MIN_LEVELS) {
		v->why_none = "fewer than 4 load levels to leave out one at a "
		    "time";
		return 0;
	}
	v->method = QV_LOADS;
	nf = levels < QV_MAX_FOLDS ? levels : QV_MAX_FOLDS;
	for (i = 0; i < n; i++)
		fold[i] = fold[i] * nf / levels;
	return nf;
}

/* Distinct rates among the points not in fold k (order: by rate). */
static int
rest_rates(const struct qobs *o, size_t n, const size_t *order,
    const size_t *fold, size_t k)
{
	double	last = -1;
	size_t	i;
	int	r = 0;

	for (i = 0; i < n; i++) {
		if (fold[order[i]] == k)
			continue;
		if (last < 0 || o[order[i]].rate - last > QFIT_RATE_SEP *
		    o[order[i]].rate)
			r++;
		last = o[order[i]].rate;
	}
	return r;
}

/*
 * Fold k: refit the rest, predict the fold's points into v->oos. 1 when
 * it ran, 0 when the model failed (its points keep no prediction), -1
 * out of memory (buf: room for n points, pts for n predictions).
 */
static int
run_fold(struct qval *v, const struct qobs *o, size_t n,
    const struct qserver *s, const struct qparams *p, const size_t *fold,
    size_t k, struct qobs *buf, struct qpoint *pts)
{
	struct qparams	 q;
	struct qscore	 sc;
	double		 loss;
	size_t		 i, nt = 0, nk = 0;

	for (i = 0; i < n; i++)
		if (fold[i] != k)
			buf[nt++] = o[i];
	if (qfit_from(buf, nt, s, p, &q, &loss) == -1)
		return 0;
	for (i = 0; i < n; i++)
		if (fold[i] == k)
			buf[nk++] = o[i];
	if (qfit_eval(buf, nk, s, &q, &sc, pts) == -1)
		return 0;
	for (nk = 0, i = 0; i < n; i++)
		if (fold[i] == k)
			v->oos[i] = pts[nk++];
	v->reps[v->nreps++] = q;
	return 1;
}

static void
bars(struct qval *v, const struct qparams *p)
{
	double	*x, est[3] = { p->alpha, p->beta, p->gamma };
	size_t	 i;
	int	 j;

	if (v->nreps < 2 || (x = malloc(v->nreps * sizeof(*x))) == NULL)
		return;
	for (j = 0; j < 3; j++) {
		for (i = 0; i < v->nreps; i++)
			x[i] = j == 0 ? v->reps[i].alpha : j == 1 ?
			    v->reps[i].beta : v->reps[i].gamma;
		qv_interval(est[j], x, v->nreps, 0, &v->se[j], &v->lo[j],
		    &v->hi[j]);
	}
	v->has_bars = 1;
	free(x);
}

static int
refits(struct qval *v, const struct qobs *o, size_t n,
    const struct qserver *s, const struct qparams *p, const size_t *idx)
{
	struct qobs	*buf = NULL;
	struct qpoint	*pts = NULL;
	size_t		*order = NULL, *fold = NULL, nf, k;
	int		 rc = -1, r;

	if ((order = calloc(n, sizeof(*order))) == NULL ||
	    (fold = calloc(n, sizeof(*fold))) == NULL ||
	    (buf = calloc(n, sizeof(*buf))) == NULL ||
	    (pts = calloc(n, sizeof(*pts))) == NULL)
		goto out;
	if ((nf = assign(v, o, n, idx, order, fold)) == 0) {
		rc = 0;
		goto out;
	}
	for (k = 0; k < nf; k++)
		if (rest_rates(o, n, order, fold, k) < 3) {
			v->method = QV_NONE;
			v->why_none = "leaving out a fold leaves fewer than 3 "
			    "distinct rates";
			rc = 0;
			goto out;
		}
	if ((v->oos = calloc(n, sizeof(*v->oos))) == NULL ||
	    (v->reps = calloc(nf, sizeof(*v->reps))) == NULL)
		goto out;
	/* A fold the model fails on leaves its points without one. */
	for (k = 0; k < n; k++)
		v->oos[k].ttft = v->oos[k].itl = v->oos[k].rel_ttft =
		    v->oos[k].rel_itl = NAN;
	for (k = 0; k < nf; k++) {
		if ((r = run_fold(v, o, n, s, p, fold, k, buf, pts)) == 0)
			v->failed++;
		v->folds++;
	}
	bars(v, p);
	rc = 0;
out:
	free(order);
	free(fold);
	free(buf);
	free(pts);
	return rc;
}

int
qval_run(const struct qobs *o, const unsigned *sweep, size_t n,
    const struct qserver *s, const struct qparams *p,
    const struct qpoint *pred, int given, struct qval *v)
{
	size_t	*idx;
	int	 rc = 0;

	memset(v, 0, sizeof(*v));
	v->why_none = "no points";
	if (n == 0)
		return 0;
	if ((idx = calloc(n, sizeof(*idx))) == NULL || sweeps(v, sweep, n,
	    idx) == -1) {
		free(idx);
		return -1;
	}
	if (given) {
		/* Nothing was fitted to the points: every error is out. */
		v->method = QV_GIVEN;
		if ((v->oos = calloc(n, sizeof(*v->oos))) == NULL)
			rc = -1;
		else
			memcpy(v->oos, pred, n * sizeof(*pred));
	} else
		rc = refits(v, o, n, s, p, idx);
	if (rc == 0)
		summarise(v, o, pred, n, idx);
	free(idx);
	return rc;
}

void
qval_free(struct qval *v)
{
	free(v->oos);
	free(v->sw);
	free(v->reps);
	memset(v, 0, sizeof(*v));
}
