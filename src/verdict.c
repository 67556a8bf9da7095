/*
 * verdict.c: the max rate by the measurements alone (verdict.h).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "verdict.h"

static int
near(double x, double want)
{
	return fabs(x - want) <= VD_SHAPE * want;
}

/*
 * Sweep k measured the shape: its benchmarks' mean tokens per request
 * are within VD_SHAPE of it. A sweep without token counts is the shape
 * only when it is the one sweep.
 */
static int
same_shape(const struct benchset *set, unsigned k, const struct qshape *s)
{
	double	in = 0, out = 0;
	size_t	i, nin = 0, nout = 0;

	for (i = 0; i < set->n; i++) {
		if (set->v[i].sweep != k)
			continue;
		if (bench_has(&set->v[i], BF_PROMPT_TPR)) {
			in += set->v[i].v[BF_PROMPT_TPR];
			nin++;
		}
		if (bench_has(&set->v[i], BF_OUTPUT_TPR)) {
			out += set->v[i].v[BF_OUTPUT_TPR];
			nout++;
		}
	}
	if (nin == 0 || nout == 0)
		return set->nsw == 1;
	return near(in / (double)nin, s->in_tokens) &&
	    near(out / (double)nout, s->out_tokens);
}

static int
load(const struct bench *b)
{
	return b->type != S_THROUGHPUT && !bench_is_zero(b) &&
	    bench_has(b, BF_RPS) && b->v[BF_RPS] > 0;
}

/*
 * The statistic read for a group: st, but for the mean the median where
 * a point has the median only. -1 when some point has neither.
 */
static int
pick(const struct benchset *set, const char *in, int group,
    enum statistic st)
{
	const struct bench *b;
	size_t	i;
	int	use = st;

	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (!in[i])
			continue;
		if (bench_has(b, group + use))
			continue;
		if (st == ST_MEAN && use == ST_MEAN && bench_has(b, group +
		    ST_MEDIAN)) {
			use = ST_MEDIAN;
			i = (size_t)-1;		/* again, with medians */
			continue;
		}
		return -1;
	}
	return use;
}

double
verdict_value(const struct verdict *v, const struct bench *b,
    enum binding t)
{
	return t == BIND_TTFT ? b->v[BF_TTFT + v->ttft_stat] :
	    b->v[BF_ITL + v->itl_stat];
}

/* The worst target b misses (by value / target), or BIND_NONE. */
static enum binding
misses(const struct verdict *v, const struct slo *slo, const struct bench *b)
{
	double	 rt = 0, ri = 0;

	if (slo->ttft > 0)
		rt = verdict_value(v, b, BIND_TTFT) / slo->ttft;
	if (slo->itl > 0)
		ri = verdict_value(v, b, BIND_ITL) / slo->itl;
	if (rt <= 1 && ri <= 1)
		return BIND_NONE;
	return rt >= ri ? BIND_TTFT : BIND_ITL;
}

/* Where target t's statistic, linear between lo and hi, reaches x. */
static double
cross(const struct verdict *v, const struct bench *lo, const struct bench *hi,
    enum binding t, double x)
{
	double	a = verdict_value(v, lo, t), b = verdict_value(v, hi, t);
	double	r0 = lo->v[BF_RPS], r1 = hi->v[BF_RPS];

	if (!(b > a))
		return r0;
	return r0 + (x - a) / (b - a) * (r1 - r0);
}

static void
bracket(struct verdict *v, const struct benchset *set, const char *in,
    const struct slo *slo)
{
	const struct bench *b;
	size_t	i;
	double	r;

	for (i = 0; i < set->n; i++) {
		if (!in[i])
			continue;
		b = &set->v[i];
		r = b->v[BF_RPS];
		if (misses(v, slo, b) == BIND_NONE) {
			if (v->pass == NULL || r > v->pass->v[BF_RPS])
				v->pass = b;
		} else if (v->miss == NULL || r < v->miss->v[BF_RPS])
			v->miss = b;
	}
	v->monotone = v->pass == NULL || v->miss == NULL ||
	    v->pass->v[BF_RPS] < v->miss->v[BF_RPS];
	if (v->miss == NULL)
		return;
	v->miss_by = misses(v, slo, v->miss);
	v->miss_value = verdict_value(v, v->miss, v->miss_by);
	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (in[i] && misses(v, slo, b) == BIND_NONE &&
		    b->v[BF_RPS] < v->miss->v[BF_RPS] && (v->below == NULL ||
		    b->v[BF_RPS] > v->below->v[BF_RPS]))
			v->below = b;
	}
	if (v->below == NULL)
		return;
	v->rate = INFINITY;
	if (slo->ttft > 0 && verdict_value(v, v->miss, BIND_TTFT) > slo->ttft)
		v->rate = fmin(v->rate, cross(v, v->below, v->miss, BIND_TTFT,
		    slo->ttft));
	if (slo->itl > 0 && verdict_value(v, v->miss, BIND_ITL) > slo->itl)
		v->rate = fmin(v->rate, cross(v, v->below, v->miss, BIND_ITL,
		    slo->itl));
}

void
verdict_measure(const struct benchset *set, const struct qshape *shape,
    const struct slo *slo, enum statistic st, struct verdict *v)
{
	char	in[WI_MAX_BENCH], seen[WI_MAX_BENCH];
	size_t	i;
	int	ts = ST_MEAN, is = ST_MEAN;

	memset(v, 0, sizeof(*v));
	memset(seen, 0, sizeof(seen));
	v->stat = v->ttft_stat = v->itl_stat = st;
	for (i = 0; i < set->n; i++)
		in[i] = load(&set->v[i]) && same_shape(set, set->v[i].sweep,
		    shape);
	if ((slo->ttft > 0 && (ts = pick(set, in, BF_TTFT, st)) == -1) ||
	    (slo->itl > 0 && (is = pick(set, in, BF_ITL, st)) == -1)) {
		snprintf(v->whybuf, sizeof(v->whybuf), "a measured point at "
		    "this shape has no %s %s", ts == -1 ? "TTFT" : "ITL",
		    stat_name(st));
		v->why = v->whybuf;
		return;
	}
	v->ttft_stat = (enum statistic)ts;
	v->itl_stat = (enum statistic)is;
	for (i = 0; i < set->n; i++)
		if (in[i]) {
			v->npts++;
			if (!seen[set->v[i].sweep]++)
				v->nsweeps++;
		}
	if (v->npts == 0) {
		snprintf(v->whybuf, sizeof(v->whybuf), "no sweep measured "
		    "this shape (%.0f prompt, %.0f output tokens per request, "
		    "within 10%%)", shape->in_tokens, shape->out_tokens);
		v->why = v->whybuf;
		return;
	}
	v->have = 1;
	bracket(v, set, in, slo);
}

void
verdict_compare(struct verdict *v, const struct slo *slo, double rate)
{
	const struct bench *p = v->pass, *m = v->miss;
	enum binding	t;

	v->model_rate = rate;
	v->agree = VD_NONE;
	if (!v->have)
		return;
	v->agree = VD_AGREE;
	if (m != NULL && v->below != NULL && rate > v->below->v[BF_RPS]) {
		/*
		 * The measured statistic where the model puts the answer;
		 * at or beyond the miss, the miss's own.
		 */
		t = v->miss_by;
		v->at_by = t;
		v->at_model = rate >= m->v[BF_RPS] ? v->miss_value :
		    verdict_value(v, v->below, t) + (rate -
		    v->below->v[BF_RPS]) / (m->v[BF_RPS] - v->below->v[BF_RPS]) *
		    (verdict_value(v, m, t) - verdict_value(v, v->below, t));
	}
	if (p != NULL && rate < p->v[BF_RPS] * (1 - VD_TOL)) {
		v->agree = VD_BELOW_PASS;
		v->against = p;
	} else if (v->stat != ST_MEAN)
		return;		/* the model's rate bounds a percentile's */
	else if (m != NULL && rate > m->v[BF_RPS] * (1 + VD_TOL)) {
		v->agree = VD_ABOVE_MISS;
		v->against = m;
	} else if (v->rate > 0 && rate > v->rate * (1 + VD_OPTIM)) {
		v->agree = VD_OPTIMISTIC;
		v->against = m;
	}
	(void)slo;
}
