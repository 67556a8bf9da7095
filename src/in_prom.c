/*
 * in_prom.c: a stream of Prometheus text exposition snapshots (format
 * 0.0.4, and OpenMetrics 1.0), as `curl /metrics` in a loop or
 * llm-d-benchmark's collect_metrics.sh write them, read line by line
 * through lineio:
 *
 *	stream   = { snapshot }
 *	snapshot = [ "# Timestamp: " TIME ] [ "# Pod: " NAME ] { line }
 *	           [ "# EOF" ]
 *	line     = "# HELP " name " " text | "# TYPE " name " " type
 *	         | "# UNIT " name " " unit | "#" comment | "" | sample
 *	sample   = name [ "{" [ label { "," label } [ "," ] ] "}" ]
 *	           " " value [ " " timestamp ] [ " # " exemplar ]
 *	label    = lname "=" '"' { char | "\\\\" | "\\\"" | "\\n" } '"'
 *	value    = float | "NaN" | "+Inf" | "-Inf"
 *	TIME     = seconds since the epoch | YYYY-MM-DDTHH:MM:SS[.f](Z|+hhmm)
 *
 * (blanks and tabs may separate the tokens of 0.0.4). A snapshot ends
 * at a "# Timestamp:" line, at "# EOF", at a "# Pod:" line, at a series
 * seen again, and at the input's end. Its time is its "# Timestamp:",
 * else its samples' latest timestamp (milliseconds in 0.0.4, seconds
 * in OpenMetrics, told by "# EOF", "# UNIT" or an OpenMetrics type),
 * else the pod's snapshot count times --interval.
 *
 * Only the samples of the families mstore.h lists are parsed whole, and
 * of their buckets only le="+Inf" (a histogram's count where it has no
 * _count): a vLLM page is some 400 lines of which some 40 are read, the
 * others passed over a block at a time (lr_skip) once their name is
 * seen to be another family's. A line that starts neither like a
 * comment nor like a sample is an error. A sample's pod is
 * its pod label, else instance, else the "# Pod:" line, else "server";
 * the scheduler's attempts count for the pod its pod_name label names.
 * Series are summed per pod (engines, finish reasons); _created series
 * are read past; NaN and infinite samples are not taken.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in.h"
#include "mstore.h"
#include "prom_text.h"

#define SEEN_MAX	(1 << 20)	/* series in one snapshot */
#define DEFAULT_POD	"server"

struct pr {
	struct mstore	*ms;
	const char	*file;
	const struct wi_warn *w;
	double		 ts;		/* # Timestamp: of this snapshot */
	double		*sts;		/* per pod: its samples' latest
					   timestamp in the snapshot, or NAN */
	int		 om;		/* OpenMetrics */
	unsigned long	 line;		/* its first line */
	char		 hdr[MS_NAME_MAX];	/* # Pod: */
	size_t		 hdrlen;
	struct msnap	*cur;		/* per pod of the store */
	long		*touched;	/* pods in this snapshot */
	size_t		 ntouched, curcap;
	uint64_t	*seen;		/* its series, open addressing */
	size_t		 nseen, seencap;
	unsigned long	 samples;	/* of the families, in the input */
	int		 nopodname;	/* attempts without pod_name */
};

static size_t
blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

static uint64_t
fnv(uint64_t h, const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

/* ------------------------------------------------------------ snapshots */

static int
seen_grow(struct pr *r, struct wi_err *err)
{
	uint64_t	*old = r->seen, *nv, h;
	size_t		 oldcap = r->seencap, ncap, i, k;

	ncap = oldcap ? 2 * oldcap : 1024;
	if ((nv = calloc(ncap, sizeof(*nv))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < oldcap; i++)
		if ((h = old[i]) != 0) {
			for (k = h & (ncap - 1); nv[k] != 0; k = (k + 1) &
			    (ncap - 1))
				continue;
			nv[k] = h;
		}
	free(old);
	r->seen = nv;
	r->seencap = ncap;
	return 0;
}

/* Was series id seen in this snapshot? Notes it if not. 1, 0, -1. */
static int
seen(struct pr *r, uint64_t id, unsigned long no, struct wi_err *err)
{
	size_t	k;

	if (id == 0)
		id = 1;
	if (2 * (r->nseen + 1) > r->seencap) {
		if (r->nseen == SEEN_MAX) {
			wi_seterr(err, WI_EINPUT, r->file, no, "more than %d "
			    "vLLM series in one snapshot", SEEN_MAX);
			return -1;
		}
		if (seen_grow(r, err) == -1)
			return -1;
	}
	for (k = id & (r->seencap - 1); r->seen[k] != 0; k = (k + 1) &
	    (r->seencap - 1))
		if (r->seen[k] == id)
			return 1;
	r->seen[k] = id;
	r->nseen++;
	return 0;
}

/* The current snapshot of pod k, made room for. */
static struct msnap *
cur(struct pr *r, long k, struct wi_err *err)
{
	struct msnap	*nc;
	double		*ns;
	long		*nt;
	size_t		 ncap;

	if ((size_t)k >= r->curcap) {
		ncap = r->curcap ? 2 * r->curcap : 16;
		while (ncap <= (size_t)k)
			ncap *= 2;
		if ((nc = realloc(r->cur, ncap * sizeof(*nc))) == NULL)
			goto oom;
		r->cur = nc;
		if ((nt = realloc(r->touched, ncap * sizeof(*nt))) == NULL)
			goto oom;
		r->touched = nt;
		if ((ns = realloc(r->sts, ncap * sizeof(*ns))) == NULL)
			goto oom;
		r->sts = ns;
		memset(r->cur + r->curcap, 0, (ncap - r->curcap) *
		    sizeof(*nc));
		r->curcap = ncap;
	}
	if (r->cur[k].file == NULL) {	/* first sample of the pod here */
		r->cur[k].file = r->file;
		r->sts[k] = NAN;
		r->touched[r->ntouched++] = k;
	}
	return &r->cur[k];
oom:
	wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return NULL;
}

/* The snapshot is complete: hand each pod's over, start the next. */
static int
end_snapshot(struct pr *r, unsigned long no, struct wi_err *err)
{
	struct msnap	*s;
	double		 t;
	size_t		 i;
	long		 k;

	for (i = 0; i < r->ntouched; i++) {
		k = r->touched[i];
		s = &r->cur[k];
		/* Each pod's own: federated pods are scraped apart. */
		t = !isnan(r->ts) ? r->ts : isnan(r->sts[k]) ? NAN : r->om ?
		    r->sts[k] : r->sts[k] / 1000;
		if (isnan(t) && !(r->ms->o.interval > 0)) {
			wi_seterr(err, WI_EINPUT, r->file, r->line, "the "
			    "snapshot that begins here has no time: no "
			    "\"# Timestamp:\" line, no sample timestamps; give "
			    "--interval SECONDS");
			return -1;
		}
		s->t = isnan(t) ? r->ms->o.interval * (double)r->ms->pod[k].nsnap
		    : t;
		s->line = r->line;
		if (ms_snapshot(r->ms, k, s, r->w, err) == -1)
			return -1;
		memset(s, 0, sizeof(*s));
	}
	r->ntouched = 0;
	if (r->nseen > 0)
		memset(r->seen, 0, r->seencap * sizeof(*r->seen));
	r->nseen = 0;
	r->ts = NAN;
	r->om = 0;
	r->line = no;
	return 0;
}

/* ------------------------------------------------------------- lines */

static int
comment(struct pr *r, const char *s, size_t n, unsigned long no,
    struct wi_err *err)
{
	static const char *const om_types[] = { " unknown", " info",
	    " stateset", " gaugehistogram" };
	size_t	i, k;

	if (n >= 12 && memcmp(s, "# Timestamp:", 12) == 0) {
		if (end_snapshot(r, no, err) == -1)
			return -1;
		i = blanks(s, n, 12);
		if (pt_time(s + i, n - i, &r->ts) == -1) {
			wi_seterr(err, WI_EINPUT, r->file, no, "\"# Timestamp:\" "
			    "is not seconds since the epoch or "
			    "YYYY-MM-DDTHH:MM:SS with a zone");
			return -1;
		}
		return 0;
	}
	if (n >= 5 && memcmp(s, "# EOF", 5) == 0 && blanks(s, n, 5) == n) {
		r->om = 1;
		return end_snapshot(r, no + 1, err);
	}
	if (n >= 6 && memcmp(s, "# Pod:", 6) == 0) {
		if (r->ntouched > 0 && end_snapshot(r, no, err) == -1)
			return -1;
		i = blanks(s, n, 6);
		for (k = n; k > i && (s[k - 1] == ' ' || s[k - 1] == '\t'); )
			k--;
		if (k - i >= sizeof(r->hdr)) {
			wi_seterr(err, WI_EINPUT, r->file, no, "the pod name is "
			    "longer than %d bytes", MS_NAME_MAX - 1);
			return -1;
		}
		memcpy(r->hdr, s + i, k - i);
		r->hdrlen = k - i;
		return 0;
	}
	if (n >= 7 && memcmp(s, "# UNIT ", 7) == 0)
		r->om = 1;
	if (n >= 7 && memcmp(s, "# TYPE ", 7) == 0)
		for (i = 0; i < sizeof(om_types) / sizeof(om_types[0]); i++) {
			k = strlen(om_types[i]);
			if (n > k && memcmp(s + n - k, om_types[i], k) == 0)
				r->om = 1;
		}
	return 0;
}

/* The pod a sample is of: its index, -2 to pass it over, -1 on error. */
static long
pod_of(struct pr *r, const struct mfamily *fm, const struct psample *sm,
    struct wi_err *err)
{
	enum source	 src = SRC_PROM_TEXT;
	int		 l;

	if (fm->kind == MK_ARRIVE) {
		if (!(sm->has & (1U << PL_POD_NAME))) {
			r->nopodname = 1;
			return -2;
		}
		return ms_pod(r->ms, sm->lv[PL_POD_NAME], sm->ll[PL_POD_NAME],
		    src, err);
	}
	for (l = PL_POD; l <= PL_INSTANCE; l++)
		if (sm->has & (1U << l))
			return ms_pod(r->ms, sm->lv[l], sm->ll[l], src, err);
	if (r->hdrlen > 0)
		return ms_pod(r->ms, r->hdr, r->hdrlen, src, err);
	return ms_pod(r->ms, DEFAULT_POD, strlen(DEFAULT_POD), src, err);
}

/* A sample of one of the families: into its pod's snapshot. */
static int
take(struct pr *r, const struct mfamily *fm, struct psample *sm,
    uint64_t id, unsigned long no, struct wi_err *err)
{
	struct msnap	*s;
	long		 k;
	int		 f, inf;

	f = ms_field(fm, sm->has & (1U << PL_REASON) ? sm->lv[PL_REASON] : NULL,
	    sm->has & (1U << PL_STATUS) ? sm->lv[PL_STATUS] : NULL,
	    sm->has & (1U << PL_LE) ? sm->lv[PL_LE] : NULL, &inf);
	if (f == MS_BAD_LE) {
		wi_seterr(err, WI_EINPUT, r->file, no, "a histogram bucket "
		    "without a number in its le label");
		return -1;
	}
	if (f < 0)
		return 0;
	if ((k = pod_of(r, fm, sm, err)) < 0)
		return k == -1 ? -1 : 0;
	switch (seen(r, id ^ (uint64_t)k * 0x9e3779b97f4a7c15ULL, no,
	    err)) {
	case -1:
		return -1;
	case 1:		/* the next snapshot has begun */
		if (end_snapshot(r, no, err) == -1 || seen(r, id ^
		    (uint64_t)k * 0x9e3779b97f4a7c15ULL, no, err) == -1)
			return -1;
	}
	if ((s = cur(r, k, err)) == NULL)
		return -1;
	r->samples++;
	if (sm->has & (1U << PL_MODEL))
		ms_model(r->ms, k, sm->lv[PL_MODEL], sm->ll[PL_MODEL]);
	if (sm->has_ts && (isnan(r->sts[k]) || sm->ts > r->sts[k]))
		r->sts[k] = sm->ts;
	if (!isfinite(sm->value))
		return 0;
	if (inf) {
		s->inf[f] += sm->value;
		s->infmask |= 1U << f;
	} else
		ms_add(s, f, sm->value);
	return 0;
}

static int
sample(struct pr *r, const char *s, size_t n, unsigned long no, int trunc,
    struct wi_err *err)
{
	const struct mfamily *fm;
	struct psample	 sm;
	size_t		 i = pt_name(s, n);
	uint64_t	 id;
	char		 q[64];

	if (i == 0 || (i < n && s[i] != '{' && s[i] != ' ' && s[i] != '\t')) {
		wi_seterr(err, WI_EINPUT, r->file, no, "not a sample or a "
		    "comment of the Prometheus text format: %s",
		    wi_quote(q, sizeof(q), s, n));
		return -1;
	}
	if ((fm = ms_family(s, i)) == NULL)
		return 0;
	if (trunc) {
		wi_seterr(err, WI_EINPUT, r->file, no, "a sample longer than "
		    "%d bytes", WI_LINE_MAX);
		return -1;
	}
	if (pt_sample(s, n, i, &sm, r->file, no, err) == -1)
		return -1;
	id = fnv(14695981039346656037ULL, s, sm.end);
	return take(r, fm, &sm, id, no, err);
}

static int
line(struct pr *r, const struct line *l, struct wi_err *err)
{
	if (l->n == 0)
		return 0;
	if (l->s[0] == '#')
		return comment(r, l->s, l->n, l->no, err);
	return sample(r, l->s, l->n, l->no, l->truncated, err);
}

/* ------------------------------------------------------------- reader */


/* For lr_skip: the offset of the first line to read in s[0..n), or n. */
static size_t
wanted(const char *s, size_t n)
{
	const char	*e;
	size_t		 i = 0, len;

	while (i < n) {
		e = memchr(s + i, '\n', n - i);
		len = e != NULL ? (size_t)(e - (s + i)) : n - i;
		if (pt_wanted(s + i, len))
			return i;
		i += len + 1;
	}
	return n;
}

/* 1 at a start of the text format, 0 if not, -1 too short to tell. */
static int
prom_sniff(const char *p, size_t n, int final)
{
	static const char *const starts[] = { "# HELP ", "# TYPE ", "# UNIT ",
	    "# Timestamp:", "# Pod:", "# EOF", "vllm:",
	    "inference_extension_", "llm_d_epp_" };
	size_t	i = lead_len(p, n), k, len, m;

	if (i == n)
		return 0;
	for (k = 0; k < sizeof(starts) / sizeof(starts[0]); k++) {
		len = strlen(starts[k]);
		m = n - i < len ? n - i : len;
		if (memcmp(p + i, starts[k], m) == 0)
			return m == len ? 1 : final ? 0 : -1;
	}
	return 0;
}

static int
prom_read(void *state, struct lr *lr, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct pr	 r;
	struct line	 l;
	int		 rc;

	(void)state;
	memset(&r, 0, sizeof(r));
	if ((r.ms = ms_get(set, NULL, err)) == NULL)
		return -1;
	r.file = lr->name;
	r.w = w;
	r.ts = NAN;
	r.line = 1;
	if (r.ms->inputs++ == 0)
		r.ms->first = lr->name;
	for (;;) {
		if (lr_skip(lr, wanted, err) == -1) {
			rc = -1;
			break;
		}
		if ((rc = lr_next(lr, &l, err)) != 1)
			break;
		if (line(&r, &l, err) == -1) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		rc = end_snapshot(&r, lr->lineno + 1, err);
	if (rc == 0 && r.samples == 0)
		wi_warnf(w, lr->name, 0, "no sample of the vLLM metrics the fit "
		    "reads (vllm:request_success_total, "
		    "vllm:time_to_first_token_seconds, ...)");
	if (rc == 0 && r.nopodname)
		wi_notef(w, lr->name, 0, "scheduler attempts without a pod_name "
		    "label are not read: they name no pod");
	free(r.cur);
	free(r.touched);
	free(r.sts);
	free(r.seen);
	return rc;
}

const struct in_report in_prom = {
	"metrics", "Prometheus text (/metrics)", prom_sniff, NULL, NULL,
	prom_read
};
