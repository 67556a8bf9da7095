/*
 * mrange.c: query_range series kept until every input is read, then put
 * together per pod into snapshots by time (mstore.h, ms_series).
 *
 * query_range evaluates every series of one query at the same times
 * (start + k step), so a pod's series share their timestamps: a
 * snapshot is one such time, each field the sum of the pod's series
 * that have a sample then. A series without a sample at a time (it
 * went stale) counts nothing there: a counter of it seems to go down,
 * and the window ends as a reset.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mstore.h"

static int
grow(void **p, size_t *cap, size_t need, size_t size, struct wi_err *err)
{
	void	*nv;
	size_t	 ncap = *cap ? *cap : 64;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if ((nv = realloc(*p, ncap * size)) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	*p = nv;
	*cap = ncap;
	return 0;
}

int
ms_series(struct mstore *ms, long pod, int f, int inf, const double *t,
    const double *v, size_t n, const char *file, unsigned long line,
    struct wi_err *err)
{
	struct mseries	*s;
	size_t		 cap;

	if (n == 0)
		return 0;
	if (n > MS_MAX_SAMPLES - ms->nsamples) {
		wi_seterr(err, WI_EINPUT, file, line, "more than %d samples: "
		    "export a shorter range or a longer step", MS_MAX_SAMPLES);
		return -1;
	}
	cap = ms->samplecap;
	if (grow((void **)&ms->st, &cap, ms->nsamples + n, sizeof(double),
	    err) == -1)
		return -1;
	cap = ms->samplecap;
	if (grow((void **)&ms->sv, &cap, ms->nsamples + n, sizeof(double),
	    err) == -1)
		return -1;
	ms->samplecap = cap;
	if (grow((void **)&ms->ser, &ms->sercap, ms->nser + 1, sizeof(*s),
	    err) == -1)
		return -1;
	s = &ms->ser[ms->nser++];
	s->pod = pod;
	s->f = f;
	s->inf = inf;
	s->off = ms->nsamples;
	s->n = n;
	s->file = file;
	s->line = line;
	memcpy(ms->st + ms->nsamples, t, n * sizeof(double));
	memcpy(ms->sv + ms->nsamples, v, n * sizeof(double));
	ms->nsamples += n;
	return 0;
}

static const struct mseries *sort_ser;

/* By pod, then in the order read. */
static int
by_pod(const void *a, const void *b)
{
	size_t	x = *(const size_t *)a, y = *(const size_t *)b;

	if (sort_ser[x].pod != sort_ser[y].pod)
		return sort_ser[x].pod < sort_ser[y].pod ? -1 : 1;
	return x < y ? -1 : x > y;
}

static int
by_value(const void *a, const void *b)
{
	double	x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The snapshots of one pod, from its series idx[0..n). */
static int
pod_snapshots(struct mstore *ms, const size_t *idx, size_t n, double *times,
    size_t *cursor, const struct wi_warn *w, struct wi_err *err)
{
	const struct mseries *s;
	struct msnap	 snap;
	size_t		 i, k, nt = 0, u;
	double		 x;

	for (i = 0; i < n; i++) {
		s = &ms->ser[idx[i]];
		memcpy(times + nt, ms->st + s->off, s->n * sizeof(double));
		nt += s->n;
		cursor[i] = 0;
	}
	qsort(times, nt, sizeof(*times), by_value);
	for (u = 0, i = 0; i < nt; i++)
		if (u == 0 || times[i] != times[u - 1])
			times[u++] = times[i];
	for (k = 0; k < u; k++) {
		memset(&snap, 0, sizeof(snap));
		snap.t = times[k];
		snap.file = ms->ser[idx[0]].file;
		snap.line = ms->ser[idx[0]].line;
		for (i = 0; i < n; i++) {
			s = &ms->ser[idx[i]];
			while (cursor[i] < s->n && ms->st[s->off + cursor[i]] <
			    times[k])
				cursor[i]++;
			if (cursor[i] == s->n || ms->st[s->off + cursor[i]] !=
			    times[k])
				continue;
			x = ms->sv[s->off + cursor[i]];
			if (!isfinite(x))
				continue;
			if (s->inf) {
				snap.inf[s->f] += x;
				snap.infmask |= 1U << s->f;
			} else
				ms_add(&snap, s->f, x);
		}
		if (ms_snapshot(ms, ms->ser[idx[0]].pod, &snap, w, err) == -1)
			return -1;
	}
	return 0;
}

/* Every buffered series into snapshots, pod by pod; frees them. */
int
ms_range_flush(struct mstore *ms, const struct wi_warn *w, struct wi_err *err)
{
	size_t	*idx = NULL, *cursor = NULL, i, j;
	double	*times = NULL;
	int	 rc = -1;

	if (ms->nser == 0)
		return 0;
	if ((idx = calloc(ms->nser, sizeof(*idx))) == NULL ||
	    (cursor = calloc(ms->nser, sizeof(*cursor))) == NULL ||
	    (times = calloc(ms->nsamples, sizeof(*times))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < ms->nser; i++)
		idx[i] = i;
	sort_ser = ms->ser;
	qsort(idx, ms->nser, sizeof(*idx), by_pod);
	for (i = 0; i < ms->nser; i = j) {
		for (j = i; j < ms->nser && ms->ser[idx[j]].pod ==
		    ms->ser[idx[i]].pod; j++)
			continue;
		if (pod_snapshots(ms, idx + i, j - i, times, cursor, w,
		    err) == -1)
			goto out;
	}
	rc = 0;
out:
	free(idx);
	free(cursor);
	free(times);
	free(ms->ser);
	free(ms->st);
	free(ms->sv);
	ms->ser = NULL;
	ms->st = ms->sv = NULL;
	ms->nser = ms->sercap = ms->nsamples = ms->samplecap = 0;
	return rc;
}
