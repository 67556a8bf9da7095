/*
 * mpool.c: each pod's used windows pooled by load into benchmarks, and
 * the spread of load they cover (mstore.h).
 *
 * A pool is a bin of width h in log(rate): key floor(log(rate) / h).
 * h starts at log(1 + MS_BIN) and grows by half until all pods together
 * hold at most MS_MAX_POINTS pools: the fit costs a few microseconds a
 * point per evaluation, and a day of one-minute windows of eight pods
 * is 11,520 windows. The pool's counters are the sums of its windows'
 * differences, so its rate is its completions over its seconds and its
 * means are the means over its requests.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mstore.h"

#define BIT(f)		(1U << (f))

static const double *sort_rate;

static int
by_rate(const void *a, const void *b)
{
	double	x = sort_rate[*(const size_t *)a];
	double	y = sort_rate[*(const size_t *)b];

	return x < y ? -1 : x > y;
}

/* The key of a rate's pool. */
static long
key(double rate, double h)
{
	return (long)floor(log(rate) / h);
}

/*
 * The completion-weighted 5th and 95th percentiles of the rates of the
 * windows idx[0..n) (sorted by rate).
 */
static void
spread(const struct mstore *ms, const size_t *idx, size_t n,
    const double *rate, double *lo, double *hi)
{
	double	total = 0, run = 0;
	size_t	i;

	*lo = *hi = 0;
	for (i = 0; i < n; i++)
		total += ms->win[idx[i]].d[MF_DONE];
	for (i = 0; i < n; i++) {
		run += ms->win[idx[i]].d[MF_DONE];
		if (*lo == 0 && run >= 0.05 * total)
			*lo = rate[idx[i]];
		if (run >= 0.95 * total) {
			*hi = rate[idx[i]];
			break;
		}
	}
	if (*hi == 0 && n > 0)
		*hi = rate[idx[n - 1]];
}

/* A pool's sums into a benchmark of the pod. */
static void
to_bench(const struct mstore *ms, const struct mpod *p, const double *d,
    unsigned mask, double dur, const struct mwin *first, struct bench *b)
{
	struct mwin	 w;
	struct mpoint	 pt;

	memset(&w, 0, sizeof(w));
	memcpy(w.d, d, sizeof(w.d));
	w.mask = mask;
	w.dur = dur;
	w.pod = first->pod;
	ms_point(ms, &w, &pt);
	memset(b, 0, sizeof(*b));
	b->type = S_OTHER;
	b->has_param = 1;
	b->param = pt.rate;
	b->src = p->src;
	b->file = first->file;
	b->line = first->line;
	bench_set(b, BF_RPS, pt.rate);
	bench_set(b, BF_COMPLETED, d[MF_DONE]);
	if (mask & BIT(MF_ABORT))
		bench_set(b, BF_INCOMPLETE, d[MF_ABORT]);
	bench_set(b, BF_TTFT + ST_MEAN, pt.ttft);
	bench_set(b, BF_ITL + ST_MEAN, pt.itl);
	bench_set(b, BF_PROMPT_TPR, pt.in);
	bench_set(b, BF_OUTPUT_TPR, pt.out);
	bench_set(b, BF_DURATION, dur);
	bench_set(b, BF_OUT_TPS, d[MF_OUT_S] / dur);
	bench_set(b, BF_TOT_TPS, (d[MF_IN_S] + d[MF_OUT_S]) / dur);
	if (isfinite(pt.latency))
		bench_set(b, BF_LAT + ST_MEAN, pt.latency);
	if (isfinite(pt.conc))
		bench_set(b, BF_CONC, pt.conc);
}

/* The name of a pool: load@RATE, made unique within its pod. */
static void
name(struct mpod *p, size_t k, double rate, struct bench *b)
{
	size_t	i;
	int	dup = 1;

	snprintf(b->name, sizeof(b->name), "load@%.4g", rate);
	for (;;) {
		for (i = 0; i < k; i++)
			if (strcmp(p->pools[i], b->name) == 0)
				break;
		if (i == k)
			break;
		snprintf(b->name, sizeof(b->name), "load@%.4g#%d", rate,
		    ++dup);
	}
	memcpy(p->pools[k], b->name, sizeof(p->pools[k]));
}

/* Pod p's pools (its used windows idx[0..n), sorted by rate) as benchmarks. */
static int
pod_pools(struct mstore *ms, size_t pi, const size_t *idx, size_t n,
    const double *rate, double h, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct mpod	*p = &ms->pod[pi];
	struct mwin	*x;
	struct bench	 b;
	double		 d[MF__COUNT], dur;
	unsigned	 mask;
	size_t		 i, j, k, npools = 0;
	int		 f;

	for (i = 0; i < n; i++)
		npools += i == 0 || key(rate[idx[i]], h) !=
		    key(rate[idx[i - 1]], h);
	if ((p->pools = calloc(npools, sizeof(*p->pools))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	if (benchset_sweep(set, p->name, err) == -1)
		return -1;
	for (k = 0, i = 0; i < n; i = j, k++) {
		memset(d, 0, sizeof(d));
		dur = 0;
		mask = ~0U;
		for (j = i; j < n && key(rate[idx[j]], h) ==
		    key(rate[idx[i]], h); j++) {
			x = &ms->win[idx[j]];
			x->pool = (unsigned short)(k + 1);
			mask &= x->mask;
			dur += x->dur;
			for (f = 0; f < MF__COUNT; f++)
				d[f] += x->d[f];
		}
		to_bench(ms, p, d, mask, dur, &ms->win[idx[i]], &b);
		name(p, k, b.v[BF_RPS], &b);
		if (benchset_add(set, &b, w, err) == -1)
			return -1;
	}
	p->npools = npools;
	ms->npoints += npools;
	return 0;
}

/* How many pools all pods would hold at width h. */
static size_t
count(const struct mstore *ms, const size_t *idx, const size_t *first,
    const double *rate, double h)
{
	size_t	pi, i, n = 0;

	for (pi = 0; pi < ms->npods; pi++)
		for (i = first[pi]; i < first[pi + 1]; i++)
			n += i == first[pi] || key(rate[idx[i]], h) !=
			    key(rate[idx[i - 1]], h);
	return n;
}

/* Rates are arrivals for a pod whose every used window has them. */
static void
arrivals(struct mstore *ms)
{
	struct mwin	*x;
	size_t		 i;

	for (i = 0; i < ms->npods; i++)
		ms->pod[i].arrivals = ms->pod[i].nused > 0;
	for (i = 0; i < ms->nwin; i++) {
		x = &ms->win[i];
		if (x->reason == MR_USED && !((x->mask & BIT(MF_ARRIVE) &&
		    x->d[MF_ARRIVE] > 0) || (x->mask & BIT(MF_ARRIVE2) &&
		    x->d[MF_ARRIVE2] > 0)))
			ms->pod[x->pod].arrivals = 0;
	}
	for (i = 0; i < ms->npods; i++)
		ms->arrivals |= ms->pod[i].arrivals;
}

static void
warn_spread(const struct mstore *ms, const struct wi_warn *w)
{
	size_t	i, used = 0, flat = 0;

	if (ms->hi < MS_ONE_POINT * ms->lo) {
		wi_warnf(w, NULL, 0, "the windows cover %.3g to %.3g req/s: one "
		    "operating point; beta and gamma cannot be learned from it",
		    ms->lo, ms->hi);
		return;
	}
	for (i = 0; i < ms->npods; i++) {
		if (ms->pod[i].nused == 0)
			continue;
		used++;
		flat += ms->pod[i].hi < MS_ONE_POINT * ms->pod[i].lo;
	}
	if (used > 1 && flat == used)
		wi_notef(w, NULL, 0, "each pod sits at one operating point: "
		    "the spread of load, %.3g to %.3g req/s, is between pods, "
		    "which the fit takes to be alike", ms->lo, ms->hi);
}

/*
 * What a window is pooled by: not its own rate alone, whose Poisson
 * noise sorts the windows that happened to complete more into pools of
 * higher load, where their latencies, of a lower load, bend the curve
 * the fit sees (at 60 s windows, alpha came out 4% high on simulated
 * pods), but the mean rate of the two windows next to it in time
 * (contiguous, used), whose noise is not its own: the load moves slowly
 * next to a window. Where those two differ by more than MS_STEP, the
 * load stepped: the one nearer its own rate, so that each window stays
 * on its side of the step. A window short of two such neighbours keeps
 * its own rate. idx[first[p]..first[p+1]) are pod p's used windows in
 * time order.
 */
static int
instrument(const struct mstore *ms, const size_t *idx, const size_t *first,
    const double *rate, double **out)
{
	const struct mwin *a, *b, *c;
	double	*x, u, v, w;
	size_t	 pi, i;

	if ((x = calloc(ms->nwin, sizeof(*x))) == NULL)
		return -1;
	for (pi = 0; pi < ms->npods; pi++)
		for (i = first[pi]; i < first[pi + 1]; i++) {
			b = &ms->win[idx[i]];
			x[idx[i]] = rate[idx[i]];
			if (i == first[pi] || i + 1 == first[pi + 1])
				continue;
			a = &ms->win[idx[i - 1]];
			c = &ms->win[idx[i + 1]];
			if (a->t0 + a->dur != b->t0 || b->t0 + b->dur != c->t0)
				continue;
			u = rate[idx[i - 1]];
			v = rate[idx[i]];
			w = rate[idx[i + 1]];
			if (fabs(u - w) <= MS_STEP * fmax(u, w))
				x[idx[i]] = (u + w) / 2;
			else	/* a step: the neighbour on its side */
				x[idx[i]] = fabs(u - v) < fabs(w - v) ? u : w;
		}
	*out = x;
	return 0;
}

int
ms_pool(struct mstore *ms, struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	struct mpoint	 pt;
	double		*rate = NULL, *own = NULL, *inst = NULL,
			 h = log(1 + MS_BIN);
	size_t		*idx = NULL, *first = NULL, *all = NULL, i, n = 0,
			 pi;
	int		 rc = -1;

	arrivals(ms);
	if ((own = rate = calloc(ms->nwin, sizeof(*rate))) == NULL ||
	    (idx = calloc(ms->nwin, sizeof(*idx))) == NULL ||
	    (all = calloc(ms->nwin + ms->npods, sizeof(*all))) == NULL ||
	    (first = calloc(ms->npods + 1, sizeof(*first))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto out;
	}
	/* The used windows, pod by pod (first[]: where each starts). */
	for (pi = 0; pi < ms->npods; pi++)
		first[pi + 1] = first[pi] + ms->pod[pi].nused;
	n = first[ms->npods];
	memcpy(all, first, ms->npods * sizeof(*all));	/* fill points */
	for (i = 0; i < ms->nwin; i++) {
		if (ms->win[i].reason != MR_USED)
			continue;
		ms_point(ms, &ms->win[i], &pt);
		rate[i] = pt.rate;
		idx[all[ms->win[i].pod]++] = i;
	}
	if (instrument(ms, idx, first, rate, &inst) == -1) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto out;
	}
	rate = inst;	/* pools and spread go by it from here */
	for (pi = 0; pi < ms->npods; pi++) {
		sort_rate = rate;
		qsort(idx + first[pi], first[pi + 1] - first[pi], sizeof(*idx), by_rate);
		spread(ms, idx + first[pi], first[pi + 1] - first[pi], rate,
		    &ms->pod[pi].lo, &ms->pod[pi].hi);
	}
	memcpy(all, idx, n * sizeof(*all));
	qsort(all, n, sizeof(*all), by_rate);
	spread(ms, all, n, rate, &ms->lo, &ms->hi);
	while (count(ms, idx, first, rate, h) > MS_MAX_POINTS)
		h *= 1.5;
	ms->bin = exp(h) - 1;
	for (pi = 0; pi < ms->npods; pi++)
		if (first[pi + 1] > first[pi] && pod_pools(ms, pi, idx +
		    first[pi], first[pi + 1] - first[pi], rate, h, set, w,
		    err) == -1)
			goto out;
	wi_notef(w, NULL, 0, "%zu used window%s pooled by load into %zu "
	    "point%s (rates within %.0f%%); the queueing-model fit weighs each "
	    "point by its completions; rates are %s", n, n == 1 ? "" : "s",
	    ms->npoints, ms->npoints == 1 ? "" : "s", 100 * ms->bin,
	    ms->arrivals ? "the scheduler's arrivals at each pod" :
	    "completion rates (no scheduler arrival counter names the pods)");
	warn_spread(ms, w);
	rc = 0;
out:
	free(own);
	free(inst);
	free(idx);
	free(all);
	free(first);
	return rc;
}
