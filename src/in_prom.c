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

#define SEEN_MAX	(1 << 20)	/* series in one snapshot */
#define DEFAULT_POD	"server"

/* The labels a sample is read by. */
enum label { L_POD, L_INSTANCE, L_POD_NAME, L_MODEL, L_REASON, L_STATUS,
	L_LE, L__COUNT };
static const char *const label_names[] = { "pod", "instance", "pod_name",
	"model_name", "finished_reason", "status", "le" };

struct sample {
	char		 lv[L__COUNT][MS_NAME_MAX];
	size_t		 ll[L__COUNT];
	unsigned	 has;		/* bit l: label l was there */
	double		 value, ts;
	int		 has_ts;
	uint64_t	 id;		/* the series */
};

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

/* ------------------------------------------------------------- lexing */

static unsigned char name_char[256];	/* 1: in a name; 2: may start one */

static void
init_chars(void)
{
	int	c;

	if (name_char['a'])
		return;
	for (c = 0; c < 256; c++)
		name_char[c] = (c >= 'a' && c <= 'z') || (c >= 'A' &&
		    c <= 'Z') || c == '_' || c == ':' ? 3 :
		    (c >= '0' && c <= '9') ? 1 : 0;
}

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

/* A number token s[0..n) into *x: 0, or -1. */
static int
number(const char *s, size_t n, double *x)
{
	char	buf[64], *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*x = strtod(buf, &end);
	return *end == '\0' ? 0 : -1;
}

/*
 * The label block after "{" at s[*i]: the labels read into sm, *i past
 * its "}". 0, or -1 with err.
 */
static int
labels(struct pr *r, const char *s, size_t n, size_t *i, struct sample *sm,
    unsigned long no, struct wi_err *err)
{
	const char	*why;
	size_t		 k, st, len;
	int		 l;
	char		*dst, c;

	for (;;) {
		k = blanks(s, n, *i);
		if (k < n && s[k] == '}') {
			*i = k + 1;
			return 0;
		}
		for (st = k; k < n && (name_char[(unsigned char)s[k]] &
		    (k == st ? 2 : 1)); k++)
			continue;
		if ((len = k - st) == 0) {
			why = "a label name";
			goto bad;
		}
		for (l = 0; l < L__COUNT; l++)
			if (strlen(label_names[l]) == len &&
			    memcmp(label_names[l], s + st, len) == 0)
				break;
		k = blanks(s, n, k);
		if (k >= n || s[k] != '=') {
			why = "\"=\" after a label name";
			goto bad;
		}
		k = blanks(s, n, k + 1);
		if (k >= n || s[k] != '"') {
			why = "a quoted label value";
			goto bad;
		}
		dst = l < L__COUNT ? sm->lv[l] : NULL;
		len = 0;
		for (k++; k < n && s[k] != '"'; k++) {
			c = s[k];
			if (c == '\\') {
				if (++k == n || (s[k] != '\\' && s[k] != '"' &&
				    s[k] != 'n')) {
					why = "a label value escape of \\\\, \\\" "
					    "or \\n";
					goto bad;
				}
				c = s[k] == 'n' ? '\n' : s[k];
			}
			if (dst != NULL && len + 1 >= MS_NAME_MAX) {
				wi_seterr(err, WI_EINPUT, r->file, no, "the "
				    "%s label is longer than %d bytes",
				    label_names[l], MS_NAME_MAX - 1);
				return -1;
			}
			if (dst != NULL)
				dst[len++] = c;
		}
		if (k == n) {
			why = "a closing quote";
			goto bad;
		}
		if (dst != NULL) {
			dst[len] = '\0';
			sm->ll[l] = len;
			sm->has |= 1U << l;
		}
		k = blanks(s, n, k + 1);
		if (k < n && s[k] == ',')
			k++;
		else if (k >= n || s[k] != '}') {
			why = "\",\" or \"}\" after a label";
			goto bad;
		}
		*i = k;
	}
bad:
	wi_seterr(err, WI_EINPUT, r->file, no, "malformed sample: expected "
	    "%s at column %zu", why, k + 1);
	return -1;
}

/* The value, timestamp and exemplar after the name and labels. */
static int
tail(struct pr *r, const char *s, size_t n, size_t i, struct sample *sm,
    unsigned long no, struct wi_err *err)
{
	size_t	st, k;
	int	tok;

	if (i >= n || (s[i] != ' ' && s[i] != '\t')) {
		wi_seterr(err, WI_EINPUT, r->file, no, "malformed sample: "
		    "expected a blank and a value at column %zu", i + 1);
		return -1;
	}
	for (tok = 0; ; tok++) {
		i = blanks(s, n, i);
		if (i == n)
			break;
		if (s[i] == '#' && tok > 0)
			break;		/* an exemplar: not read */
		for (st = i; i < n && s[i] != ' ' && s[i] != '\t'; i++)
			continue;
		k = i - st;
		if (tok == 0 && number(s + st, k, &sm->value) == 0)
			continue;
		if (tok == 1 && number(s + st, k, &sm->ts) == 0 &&
		    isfinite(sm->ts)) {
			sm->has_ts = 1;
			continue;
		}
		wi_seterr(err, WI_EINPUT, r->file, no, "malformed sample: %s "
		    "at column %zu is not %s", tok > 1 ? "text" : tok ?
		    "the timestamp" : "the value", st + 1, tok > 1 ?
		    "an exemplar (\" # {...} value\")" : "a number");
		return -1;
	}
	if (tok == 0) {
		wi_seterr(err, WI_EINPUT, r->file, no, "malformed sample: no "
		    "value");
		return -1;
	}
	return 0;
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

/* --------------------------------------------------------------- time */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long
days(long y, long m, long d)
{
	long	era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Digits s[i..i+k) into *v; 1, or 0 if they are not all digits. */
static int
digits(const char *s, size_t n, size_t i, size_t k, long *v)
{
	*v = 0;
	if (i + k > n)
		return 0;
	for (; k > 0; k--, i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

/* "1787000000[.5]" or "2026-08-21T13:42:28[.5](Z|+0000|+00:00)". */
static int
parse_time(const char *s, size_t n, double *t)
{
	long	y, mo, d, h, mi, sec, oh = 0, om = 0;
	double	frac = 0;
	size_t	i = 19, st;
	int	sign = 1;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 19 || s[4] != '-')
		return number(s, n, t) == 0 && isfinite(*t) && *t >= 0 ? 0 :
		    -1;
	if (!digits(s, n, 0, 4, &y) || !digits(s, n, 5, 2, &mo) ||
	    s[7] != '-' || !digits(s, n, 8, 2, &d) || (s[10] != 'T' &&
	    s[10] != ' ') || !digits(s, n, 11, 2, &h) || s[13] != ':' ||
	    !digits(s, n, 14, 2, &mi) || s[16] != ':' ||
	    !digits(s, n, 17, 2, &sec) || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (i < n && s[i] == '.') {
		for (st = i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
		if (number(s + st, i - st, &frac) == -1)
			return -1;
	}
	if (i < n && (s[i] == 'Z' || s[i] == 'z'))
		i++;
	else if (i < n && (s[i] == '+' || s[i] == '-')) {
		sign = s[i++] == '-' ? -1 : 1;
		if (!digits(s, n, i, 2, &oh))
			return -1;
		i += 2;
		if (i < n && s[i] == ':')
			i++;
		if (i < n && !digits(s, n, i, 2, &om))
			return -1;
		i += i < n ? 2 : 0;
	}
	if (i != n)
		return -1;
	*t = ((double)days(y, mo, d) * 86400 + (double)(h * 3600 + mi * 60 +
	    sec) + frac) - sign * (double)(oh * 3600 + om * 60);
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
		if (parse_time(s + i, n - i, &r->ts) == -1) {
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
pod_of(struct pr *r, const struct mfamily *fm, const struct sample *sm,
    struct wi_err *err)
{
	enum source	 src = SRC_PROM_TEXT;
	int		 l;

	if (fm->kind == MK_ARRIVE) {
		if (!(sm->has & (1U << L_POD_NAME))) {
			r->nopodname = 1;
			return -2;
		}
		return ms_pod(r->ms, sm->lv[L_POD_NAME], sm->ll[L_POD_NAME],
		    src, err);
	}
	for (l = L_POD; l <= L_INSTANCE; l++)
		if (sm->has & (1U << l))
			return ms_pod(r->ms, sm->lv[l], sm->ll[l], src, err);
	if (r->hdrlen > 0)
		return ms_pod(r->ms, r->hdr, r->hdrlen, src, err);
	return ms_pod(r->ms, DEFAULT_POD, strlen(DEFAULT_POD), src, err);
}

/* A sample of one of the families: into its pod's snapshot. */
static int
take(struct pr *r, const struct mfamily *fm, struct sample *sm,
    unsigned long no, struct wi_err *err)
{
	struct msnap	*s;
	long		 k;
	int		 f, inf;

	f = ms_field(fm, sm->has & (1U << L_REASON) ? sm->lv[L_REASON] : NULL,
	    sm->has & (1U << L_STATUS) ? sm->lv[L_STATUS] : NULL,
	    sm->has & (1U << L_LE) ? sm->lv[L_LE] : NULL, &inf);
	if (f == MS_BAD_LE) {
		wi_seterr(err, WI_EINPUT, r->file, no, "a histogram bucket "
		    "without a number in its le label");
		return -1;
	}
	if (f < 0)
		return 0;
	if ((k = pod_of(r, fm, sm, err)) < 0)
		return k == -1 ? -1 : 0;
	switch (seen(r, sm->id ^ (uint64_t)k * 0x9e3779b97f4a7c15ULL, no,
	    err)) {
	case -1:
		return -1;
	case 1:		/* the next snapshot has begun */
		if (end_snapshot(r, no, err) == -1 || seen(r, sm->id ^
		    (uint64_t)k * 0x9e3779b97f4a7c15ULL, no, err) == -1)
			return -1;
	}
	if ((s = cur(r, k, err)) == NULL)
		return -1;
	r->samples++;
	if (sm->has & (1U << L_MODEL))
		ms_model(r->ms, k, sm->lv[L_MODEL], sm->ll[L_MODEL]);
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
	struct sample	 sm;
	size_t		 i;
	char		 q[64];

	for (i = 0; i < n && (name_char[(unsigned char)s[i]] & (i ? 1 : 2));
	    i++)
		continue;
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
	sm.has = 0;
	sm.has_ts = 0;
	if (i < n && s[i] == '{') {
		i++;
		if (labels(r, s, n, &i, &sm, no, err) == -1)
			return -1;
	}
	sm.id = fnv(14695981039346656037ULL, s, i);
	if (tail(r, s, n, i, &sm, no, err) == -1)
		return -1;
	return take(r, fm, &sm, no, err);
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

/* Does a bucket's line hold le="+Inf"? ('+' is rare: memchr is quick) */
static int
inf_bucket(const char *s, size_t n)
{
	const char	*p = s, *end = s + n;

	while ((p = memchr(p, '+', (size_t)(end - p))) != NULL) {
		if (p - s >= 4 && end - p >= 5 && memcmp(p - 4, "le=\"+Inf\"",
		    9) == 0)
			return 1;
		p++;
	}
	return 0;
}

/*
 * Is the line s[0..n) one to read? Blank lines, "# HELP", the samples
 * of families not read and the buckets below +Inf are not: a /metrics
 * page of vLLM is some 400 lines, of which some 40 are. A line that is
 * neither a comment nor starts like a sample is, to be refused.
 */
static int
wanted_line(const char *s, size_t n)
{
	const struct mfamily *fm;
	size_t	i;

	if (n == 0 || s[0] == '\r')
		return 0;
	if (s[0] == '#')
		return !(n >= 7 && memcmp(s, "# HELP ", 7) == 0);
	for (i = 0; i < n && (name_char[(unsigned char)s[i]] & (i ? 1 : 2)); i++)
		continue;
	if (i == 0 || i == n || (s[i] != '{' && s[i] != ' ' && s[i] != '\t'))
		return 1;
	if ((fm = ms_family(s, i)) == NULL)
		return 0;
	return fm->kind != MK_BUCKET || inf_bucket(s + i, n - i);
}

/* For lr_skip: the offset of the first line to read in s[0..n), or n. */
static size_t
wanted(const char *s, size_t n)
{
	const char	*e;
	size_t		 i = 0, len;

	while (i < n) {
		e = memchr(s + i, '\n', n - i);
		len = e != NULL ? (size_t)(e - (s + i)) : n - i;
		if (wanted_line(s + i, len))
			return i;
		i += len + 1;
	}
	return n;
}

/* 1 at a start of the text format, 0 if not, -1 too short to tell. */
static int
prom_sniff(const char *p, size_t n)
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
			return m == len ? 1 : -1;
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
	init_chars();
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
	"metrics", prom_sniff, NULL, NULL, prom_read
};
