/*
 * mstore.c: pods, snapshots and windows (mstore.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mstore.h"

#define MS_HASH		1024	/* pod hash heads */

/* The counters: every field but the two gauges. */
#define COUNTERS	(((1U << MF__COUNT) - 1) & ~((1U << MF_RUN) | \
			    (1U << MF_WAIT)))
#define BIT(f)		(1U << (f))

void
ms_defaults(struct mopts *o)
{
	memset(o, 0, sizeof(*o));
	o->window = MS_WINDOW;
	o->min_requests = MS_MIN_REQUESTS;
}

struct mstore *
ms_get(struct benchset *set, const struct mopts *o, struct wi_err *err)
{
	struct mstore	*ms;

	if (set->ms != NULL)
		return set->ms;
	if ((ms = calloc(1, sizeof(*ms))) == NULL ||
	    (ms->hash = calloc(MS_HASH, sizeof(*ms->hash))) == NULL) {
		free(ms);
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return NULL;
	}
	if (o != NULL)
		ms->o = *o;
	else
		ms_defaults(&ms->o);
	ms->itl_field = ms->o.itl_request ? MF_RITL_S : MF_ITL_S;
	set->ms = ms;
	return ms;
}

void
ms_free(struct benchset *set)
{
	struct mstore	*ms = set->ms;
	size_t		 i;

	if (ms == NULL)
		return;
	for (i = 0; i < ms->npods; i++) {
		free(ms->pod[i].name);
		free(ms->pod[i].pools);
	}
	free(ms->pod);
	free(ms->hash);
	free(ms->win);
	free(ms->ser);
	free(ms->st);
	free(ms->sv);
	free(ms);
	set->ms = NULL;
}

int
ms_read(const struct benchset *set)
{
	return set->ms != NULL && set->ms->npods > 0;
}

static size_t
hash(const char *s, size_t n)
{
	size_t	h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h % MS_HASH;
}

long
ms_pod(struct mstore *ms, const char *name, size_t n, enum source src,
    struct wi_err *err)
{
	struct mpod	*p, *nv;
	size_t		 h = hash(name, n), k, ncap;

	for (k = ms->hash[h]; k != 0; k = ms->pod[k - 1].hash_next) {
		p = &ms->pod[k - 1];
		if (strlen(p->name) == n && memcmp(p->name, name, n) == 0)
			return (long)(k - 1);
	}
	if (ms->npods == MS_MAX_PODS) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "more than %d pods",
		    MS_MAX_PODS);
		return -1;
	}
	if (ms->npods == ms->podcap) {
		ncap = ms->podcap ? 2 * ms->podcap : 16;
		if ((nv = realloc(ms->pod, ncap * sizeof(*nv))) == NULL)
			goto oom;
		ms->pod = nv;
		ms->podcap = ncap;
	}
	p = &ms->pod[ms->npods];
	memset(p, 0, sizeof(*p));
	if ((p->name = malloc(n + 1)) == NULL)
		goto oom;
	memcpy(p->name, name, n);
	p->name[n] = '\0';
	p->src = src;
	p->hash_next = ms->hash[h];
	ms->hash[h] = ++ms->npods;
	return (long)(ms->npods - 1);
oom:
	wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return -1;
}

void
ms_model(struct mstore *ms, long pod, const char *name, size_t n)
{
	struct mpod	*p = &ms->pod[pod];

	if (p->model[0] != '\0' || n == 0)
		return;
	if (n >= sizeof(p->model))
		n = sizeof(p->model) - 1;
	memcpy(p->model, name, n);
	p->model[n] = '\0';
}

const char *
ms_reason_name(enum mreason r)
{
	static const char *const names[] = { "used", "missing", "reset",
	    "gap", "few-requests", "short", "queue-growing", "partial" };

	return names[r];
}

/*
 * The ITL a window is read from: --itl request, the per-request
 * histogram; else the per-step one, by its name since vLLM v0.11 where
 * there, else by its old name. -1: none at both ends.
 */
static int
itl_field(const struct mstore *ms, unsigned mask)
{
	if (ms->o.itl_request)
		return (mask & BIT(MF_RITL_S)) && (mask & BIT(MF_RITL_N)) ?
		    MF_RITL_S : -1;
	if ((mask & BIT(MF_ITL_S)) && (mask & BIT(MF_ITL_N)))
		return MF_ITL_S;
	if ((mask & BIT(MF_TPOT_S)) && (mask & BIT(MF_TPOT_N)))
		return MF_TPOT_S;
	return -1;
}

/* The first field a window needs and lacks, or -1. */
static int
lacking(const struct mstore *ms, unsigned mask)
{
	static const int need[] = { MF_DONE, MF_TTFT_S, MF_TTFT_N, MF_IN_S,
	    MF_IN_N, MF_OUT_S, MF_OUT_N };
	size_t	i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if (!(mask & BIT(need[i])))
			return need[i];
	if (itl_field(ms, mask) == -1)
		return ms->o.itl_request ? MF_RITL_S : MF_ITL_S;
	return -1;
}

void
ms_point(const struct mstore *ms, const struct mwin *w, struct mpoint *pt)
{
	const double	*d = w->d;
	int		 k = itl_field(ms, w->mask), arr = -1;

	memset(pt, 0, sizeof(*pt));
	pt->done = d[MF_DONE];
	if (ms->pod[w->pod].arrivals)
		arr = (w->mask & BIT(MF_ARRIVE)) && d[MF_ARRIVE] > 0 ?
		    MF_ARRIVE : MF_ARRIVE2;
	pt->rate = w->dur > 0 ? (arr >= 0 ? d[arr] : d[MF_DONE]) / w->dur : 0;
	pt->ttft = d[MF_TTFT_N] > 0 ? 1000 * d[MF_TTFT_S] / d[MF_TTFT_N] : NAN;
	pt->itl = k >= 0 && d[k + 1] > 0 ? 1000 * d[k] / d[k + 1] : NAN;
	pt->in = d[MF_IN_N] > 0 ? d[MF_IN_S] / d[MF_IN_N] : NAN;
	pt->out = d[MF_OUT_N] > 0 ? d[MF_OUT_S] / d[MF_OUT_N] : NAN;
	if ((w->mask & BIT(MF_E2E_S)) && d[MF_E2E_N] > 0)
		pt->latency = d[MF_E2E_S] / d[MF_E2E_N];
	else if (isfinite(pt->ttft) && isfinite(pt->itl) && pt->out >= 1)
		pt->latency = (pt->ttft + (pt->out - 1) * pt->itl) / 1000;
	else
		pt->latency = NAN;
	if ((w->mask & BIT(MF_RUN)) && w->dur > 0)
		pt->conc = d[MF_RUN] / w->dur;
	else	/* Little's law: in the system, waiting included */
		pt->conc = pt->rate * pt->latency;
}

/* The reason a complete window is dropped, or MR_USED. */
static enum mreason
judge(const struct mstore *ms, const struct mwin *w)
{
	struct mpoint	pt;

	if (lacking(ms, w->mask) != -1)
		return MR_MISSING;
	if (w->d[MF_DONE] < ms->o.min_requests || w->d[MF_DONE] <= 0)
		return MR_FEW;
	ms_point(ms, w, &pt);
	if (isfinite(pt.latency) && w->dur < MS_LATENCIES * pt.latency)
		return MR_SHORT;
	if ((w->mask & BIT(MF_WAIT)) && w->d[MF_WAIT] >= MS_QUEUE_MIN &&
	    w->d[MF_WAIT] >= MS_QUEUE_SHARE * w->d[MF_DONE])
		return MR_QUEUE;
	return MR_USED;
}

/* The window from the pod's start to end, kept or dropped (why). */
static int
cut(struct mstore *ms, long pod, const struct msnap *end, enum mreason why,
    struct wi_err *err)
{
	struct mpod	*p = &ms->pod[pod];
	struct mwin	*w, *nv;
	size_t		 ncap;
	int		 f;

	if (ms->nwin == MS_MAX_WINDOWS) {
		wi_seterr(err, WI_EINPUT, end->file, end->line, "more than %d "
		    "windows: give a longer --window", MS_MAX_WINDOWS);
		return -1;
	}
	if (ms->nwin == ms->wincap) {
		ncap = ms->wincap ? 2 * ms->wincap : 256;
		if ((nv = realloc(ms->win, ncap * sizeof(*nv))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		ms->win = nv;
		ms->wincap = ncap;
	}
	w = &ms->win[ms->nwin];
	memset(w, 0, sizeof(*w));
	w->pod = (unsigned)pod;
	w->t0 = p->start.t;
	w->dur = end->t - p->start.t;
	w->mask = p->start.mask & end->mask;
	for (f = 0; f < MF__COUNT; f++)
		if (w->mask & BIT(f))
			w->d[f] = end->v[f] - p->start.v[f];
	/* The integral holds only while every snapshot had the gauge. */
	w->d[MF_RUN] = p->run_int;
	if (!isfinite(p->run_int))
		w->mask &= ~BIT(MF_RUN);
	w->file = end->file;
	w->line = end->line;
	w->reason = (unsigned char)(why == MR_USED ? judge(ms, w) : why);
	ms->count[w->reason]++;
	ms->nwin++;
	p->nwin++;
	p->nused += w->reason == MR_USED;
	return 0;
}

/* A new window starts at s. */
static void
restart(struct mpod *p, const struct msnap *s)
{
	p->start = p->prev = *s;
	p->have_start = p->have_prev = 1;
	p->run_int = (s->mask & BIT(MF_RUN)) ? 0 : INFINITY;
}

static int
went_down(const struct msnap *a, const struct msnap *b)
{
	unsigned	both = a->mask & b->mask & COUNTERS;
	int		f;

	for (f = 0; f < MF__COUNT; f++)
		if ((both & BIT(f)) && b->v[f] < a->v[f])
			return 1;
	return 0;
}

/* The fields of b that a, of the same time, lacks. */
static void
merge(struct msnap *a, const struct msnap *b)
{
	int	f;

	for (f = 0; f < MF__COUNT; f++)
		if ((b->mask & BIT(f)) && !(a->mask & BIT(f))) {
			a->v[f] = b->v[f];
			a->mask |= BIT(f);
		}
}

/* The next snapshot of the pod, complete: into its windows. */
static int
step(struct mstore *ms, long pod, const struct msnap *in,
    struct wi_err *err)
{
	struct mpod	*p = &ms->pod[pod];
	struct msnap	 s = *in;
	double		 dt, limit, sp;

	if (!p->have_start) {
		restart(p, &s);
		return 0;
	}
	dt = s.t - p->prev.t;
	if (went_down(&p->prev, &s)) {
		if (cut(ms, pod, &s, MR_RESET, err) == -1)
			return -1;
		restart(p, &s);
		return 0;
	}
	sp = ms->o.interval > 0 ? ms->o.interval : p->spacing;
	limit = sp > 0 ? MS_GAP * sp : INFINITY;
	if (dt > limit) {
		if (cut(ms, pod, &s, MR_GAP, err) == -1)
			return -1;
		restart(p, &s);
		return 0;
	}
	if (p->spacing == 0 || dt < p->spacing)
		p->spacing = dt;
	if ((s.mask & BIT(MF_RUN)) && (p->prev.mask & BIT(MF_RUN)))
		p->run_int += (p->prev.v[MF_RUN] + s.v[MF_RUN]) / 2 * dt;
	else
		p->run_int = INFINITY;
	p->prev = s;
	sp = ms->o.interval > 0 ? ms->o.interval : p->spacing;
	if (s.t - p->start.t < ms->o.window - sp / 2)
		return 0;
	if (cut(ms, pod, &s, MR_USED, err) == -1)
		return -1;
	restart(p, &s);
	return 0;
}

/*
 * A snapshot is held until one of a later time comes: scrapes of the
 * same time (the scheduler's page with the pod's arrivals, a pod's
 * engines written apart) are merged into it first.
 */
int
ms_snapshot(struct mstore *ms, long pod, const struct msnap *in,
    const struct wi_warn *w, struct wi_err *err)
{
	struct mpod	*p = &ms->pod[pod];
	struct msnap	 s = *in;
	int		 f;

	(void)w;
	/* A histogram without _count: its +Inf bucket counts the same. */
	for (f = 0; f < MF__COUNT; f++)
		if (!(s.mask & BIT(f)) && (s.infmask & BIT(f))) {
			s.v[f] = s.inf[f];
			s.mask |= BIT(f);
		}
	ms->snapshots++;
	p->nsnap++;
	if (p->have_pend && s.t == p->pend.t) {
		merge(&p->pend, &s);
		return 0;
	}
	if (p->have_pend && !(s.t > p->pend.t)) {
		ms->skipped++;
		return 0;
	}
	if (p->have_pend && step(ms, pod, &p->pend, err) == -1)
		return -1;
	p->pend = s;
	p->have_pend = 1;
	return 0;
}

/* "12 few-requests, 3 gap" for the reasons windows were dropped. */
static void
dropped(const struct mstore *ms, char *buf, size_t sz)
{
	size_t	len = 0;
	int	r;

	buf[0] = '\0';
	for (r = MR_USED + 1; r < MR__COUNT; r++)
		if (ms->count[r] > 0 && len < sz)
			len += (size_t)snprintf(buf + len, sz - len, "%s%zu %s",
			    len > 0 ? ", " : "", ms->count[r],
			    ms_reason_name((enum mreason)r));
	if (len == 0)
		snprintf(buf, sz, "none");
}

/* Why no window was used, as advice: the commonest reason's. */
static const char *
advice(const struct mstore *ms)
{
	size_t	top = 0;
	int	r, k = MR_FEW;

	for (r = MR_USED + 1; r < MR__COUNT; r++)
		if (ms->count[r] > top) {
			top = ms->count[r];
			k = r;
		}
	switch (k) {
	case MR_MISSING:
		return "a series the fit needs is absent (see --print-queries)";
	case MR_FEW:
		return "give a longer --window or a lower --min-requests";
	case MR_SHORT:
		return "requests last longer than a third of the window: give "
		    "a longer --window";
	case MR_PARTIAL:
		return "the input is shorter than one --window";
	default:
		return "the load was not steady";
	}
}

int
ms_finish(struct benchset *set, const struct wi_warn *w, struct wi_err *err)
{
	struct mstore	*ms = set->ms;
	struct mpod	*p;
	char		 why[256];
	size_t		 i;

	if (ms == NULL || ms->finished)
		return 0;
	ms->finished = 1;
	if (ms->inputs == 0)
		return 0;
	if (ms_range_flush(ms, w, err) == -1)
		return -1;
	if (ms->npods == 0) {
		wi_seterr(err, WI_EINPUT, ms->first, 0, "no vLLM metrics: no "
		    "series of vllm:request_success_total, "
		    "vllm:time_to_first_token_seconds and the others the fit "
		    "needs (see --print-queries)");
		return -1;
	}
	for (i = 0; i < ms->npods; i++) {
		p = &ms->pod[i];
		if (p->have_pend && step(ms, (long)i, &p->pend, err) == -1)
			return -1;
		p->have_pend = 0;
		if (p->have_start && p->prev.t > p->start.t &&
		    cut(ms, (long)i, &p->prev, MR_PARTIAL, err) == -1)
			return -1;
	}
	if (ms->skipped > 0)
		wi_warnf(w, NULL, 0, "%lu snapshot%s passed over: earlier "
		    "than the pod's one before (give the snapshots in time "
		    "order)", ms->skipped, ms->skipped == 1 ? "" : "s");
	dropped(ms, why, sizeof(why));
	if (ms->count[MR_USED] == 0) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "no window of %.0f s of the "
		    "%zu pod%s is usable (%zu windows; dropped: %s): %s",
		    ms->o.window, ms->npods, ms->npods == 1 ? "" : "s",
		    ms->nwin, why, advice(ms));
		return -1;
	}
	wi_notef(w, NULL, 0, "%zu windows of %.0f s from %zu pod%s: %zu used, "
	    "dropped: %s", ms->nwin, ms->o.window, ms->npods, ms->npods == 1 ?
	    "" : "s", ms->count[MR_USED], why);
	return ms_pool(ms, set, w, err);
}
