/*
 * in_range.c: Prometheus (or Thanos) query_range results in JSON, the
 * raw counters exported over time (--print-queries gives the query):
 *
 *	document = { "status": "success",
 *	             "data": { "resultType": "matrix",
 *	                       "result": [ series, ... ] },
 *	             [ "warnings": [...], "infos": [...], ... ] }
 *	series   = { "metric": { "__name__": NAME, LABEL: VALUE, ... },
 *	             "values": [ [ TIME, "VALUE" ], ... ] }
 *
 * Several documents may follow one another (the results of several
 * queries concatenated); members may come in any order. The input is
 * read a block at a time through a small JSON lexer, never whole: only
 * one series' samples are held while it is read, and the samples of
 * the families mstore.h lists are handed to the store (ms_series),
 * which puts each pod's series together once every input is read. A
 * series is a pod's by its pod label, else instance, else "server";
 * the scheduler's attempts by pod_name. Other members, other series
 * and native histograms are passed over. An error document
 * ("status": "error") is reported with its message.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in.h"
#include "jlex.h"
#include "mstore.h"

#define DEPTH_MAX	64
#define DEFAULT_POD	"server"

/* What a container is, by where it sits. */
enum role { R_DOC, R_DATA, R_RESULT, R_SERIES, R_METRIC, R_VALUES, R_PAIR,
	R_SKIP };

/* The scalar members read. */
enum slot { S_NONE, S_STATUS, S_ERROR, S_RTYPE, S_LABEL, S_TIME, S_VALUE };

/* What may come next in a container. */
enum want { W_KEY, W_COLON, W_VALUE, W_NEXT };

struct frame {
	enum role	 role;
	char		 kind;		/* '{' or '[' */
	enum want	 want;
	enum slot	 slot;		/* of the member whose value is next */
	int		 child;		/* the role a container value takes */
	long		 index;		/* elements so far (arrays) */
	int		 label;		/* R_METRIC: the label being read */
};

/* The labels of a series that tell its family and pod. */
enum label { L_NAME, L_POD, L_INSTANCE, L_POD_NAME, L_MODEL, L_REASON,
	L_STATUS, L_LE, L__COUNT };
static const char *const label_names[] = { "__name__", "pod", "instance",
	"pod_name", "model_name", "finished_reason", "status", "le" };

struct rr {
	struct mstore	*ms;
	const char	*file;
	const struct wi_warn *w;
	struct jlex	 x;
	const char	*buf;		/* the token: its text, length, cut */
	size_t		 len;
	int		 toolong;
	/* parser */
	struct frame	 f[DEPTH_MAX];
	int		 depth;		/* frames in use; 0: between documents */
	unsigned long	 doc_line;
	char		 status[16], error[256], rtype[16];
	int		 has_data;
	/* the series being read */
	char		 lv[L__COUNT][MS_NAME_MAX];
	unsigned	 has;
	unsigned long	 ser_line;
	double		*t, *v;
	size_t		 n, cap;
	double		 pair_t;
	int		 pair_has_t, pair_has_v;
	double		 pair_v;
	unsigned long	 series, taken;
	int		 histograms;
};

static int
bad_at(struct rr *r, unsigned long line, struct wi_err *err,
    const char *what)
{
	wi_seterr(err, WI_EINPUT, r->file, line, "query_range JSON: %s",
	    what);
	return -1;
}

static int
bad(struct rr *r, struct wi_err *err, const char *what)
{
	return bad_at(r, r->x.line, err, what);
}

/* ------------------------------------------------------------- series */

static void
series_start(struct rr *r)
{
	r->has = 0;
	r->n = 0;
	r->ser_line = r->x.line;
}

static int
push_sample(struct rr *r, struct wi_err *err)
{
	double	*nt, *nv;
	size_t	 ncap;

	if (!r->pair_has_t || !r->pair_has_v)
		return bad(r, err, "a sample is not [time, \"value\"]");
	if (r->n > 0 && !(r->pair_t > r->t[r->n - 1]))
		return bad(r, err, "a series' times do not ascend");
	if (r->n == r->cap) {
		if (r->cap >= MS_MAX_SAMPLES) {
			wi_seterr(err, WI_EINPUT, r->file, r->x.line, "a series "
			    "of more than %d samples", MS_MAX_SAMPLES);
			return -1;
		}
		ncap = r->cap ? 2 * r->cap : 256;
		if ((nt = realloc(r->t, ncap * sizeof(*nt))) == NULL)
			goto oom;
		r->t = nt;
		if ((nv = realloc(r->v, ncap * sizeof(*nv))) == NULL)
			goto oom;
		r->v = nv;
		r->cap = ncap;
	}
	r->t[r->n] = r->pair_t;
	r->v[r->n++] = r->pair_v;
	return 0;
oom:
	wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return -1;
}

static const char *
lab(const struct rr *r, int l)
{
	return (r->has >> l) & 1 ? r->lv[l] : NULL;
}

/* A whole series: its samples to its pod's field, or passed over. */
static int
series_end(struct rr *r, struct wi_err *err)
{
	const struct mfamily *fm;
	const char	*pod;
	long		 k;
	int		 f, inf;

	r->series++;
	if (!((r->has >> L_NAME) & 1)) {
		wi_seterr(err, WI_EINPUT, r->file, r->ser_line, "query_range "
		    "JSON: a series without __name__: export the raw counters "
		    "(see --print-queries), not rates");
		return -1;
	}
	if ((fm = ms_family(r->lv[L_NAME], strlen(r->lv[L_NAME]))) == NULL)
		return 0;
	f = ms_field(fm, lab(r, L_REASON), lab(r, L_STATUS), lab(r, L_LE),
	    &inf);
	if (f == MS_BAD_LE) {
		wi_seterr(err, WI_EINPUT, r->file, r->ser_line, "query_range "
		    "JSON: a histogram bucket without a number in its le "
		    "label");
		return -1;
	}
	if (f < 0)
		return 0;
	if (fm->kind == MK_ARRIVE)
		pod = lab(r, L_POD_NAME);
	else if ((pod = lab(r, L_POD)) == NULL &&
	    (pod = lab(r, L_INSTANCE)) == NULL)
		pod = DEFAULT_POD;
	if (pod == NULL)
		return 0;	/* attempts that name no pod */
	if ((k = ms_pod(r->ms, pod, strlen(pod), SRC_PROM_RANGE, err)) == -1)
		return -1;
	if (lab(r, L_MODEL) != NULL)
		ms_model(r->ms, k, r->lv[L_MODEL], strlen(r->lv[L_MODEL]));
	r->taken++;
	return ms_series(r->ms, k, f, inf, r->t, r->v, r->n, r->file,
	    r->ser_line, err);
}

/* ---------------------------------------------------------- documents */

static int
doc_end(struct rr *r, struct wi_err *err)
{
	char	q[300], msg[400];

	if (strcmp(r->status, "error") == 0) {
		snprintf(msg, sizeof(msg), "the query failed: %s",
		    wi_quote(q, sizeof(q), r->error, strlen(r->error)));
		return bad_at(r, r->doc_line, err, msg);
	}
	if (strcmp(r->status, "success") != 0 || !r->has_data) {
		return bad_at(r, r->doc_line, err, "not a query result: no \"status\": "
		    "\"success\" and \"data\"");
	}
	if (strcmp(r->rtype, "matrix") != 0) {
		return bad_at(r, r->doc_line, err, strcmp(r->rtype, "vector") ==
		    0 ?
		    "an instant query's result (a vector): export a range "
		    "with query_range" : "its resultType is not \"matrix\"");
	}
	return 0;
}

/* The role of a member's value, and the scalar it fills. */
static void
member(struct rr *r, struct frame *fr, const char *key)
{
	static const struct { enum role in; const char *key; int child;
	    enum slot slot; } map[] = {
		{ R_DOC, "status", R_SKIP, S_STATUS },
		{ R_DOC, "error", R_SKIP, S_ERROR },
		{ R_DOC, "data", R_DATA, S_NONE },
		{ R_DATA, "resultType", R_SKIP, S_RTYPE },
		{ R_DATA, "result", R_RESULT, S_NONE },
		{ R_SERIES, "metric", R_METRIC, S_NONE },
		{ R_SERIES, "values", R_VALUES, S_NONE },
	};
	size_t	i;
	int	l;

	fr->child = R_SKIP;
	fr->slot = S_NONE;
	if (fr->role == R_METRIC) {
		for (l = 0; l < L__COUNT; l++)
			if (strcmp(key, label_names[l]) == 0)
				break;
		fr->label = l;
		fr->slot = S_LABEL;
		return;
	}
	if (fr->role == R_SERIES && strcmp(key, "histograms") == 0)
		r->histograms = 1;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].in == fr->role && strcmp(map[i].key, key) == 0) {
			fr->child = map[i].child;
			fr->slot = map[i].slot;
			if (fr->role == R_DOC && fr->child == R_DATA)
				r->has_data = 1;
		}
}

/* s into d[0..sz), cut short if need be. */
static void
cpy(char *d, size_t sz, const char *s)
{
	size_t	n = strlen(s);

	if (n >= sz)
		n = sz - 1;
	memcpy(d, s, n);
	d[n] = '\0';
}

/* A scalar value (string or atom) in fr. */
static int
scalar(struct rr *r, struct frame *fr, int str, struct wi_err *err)
{
	char	*end;
	double	 x;

	if (fr->kind == '[' && fr->role == R_PAIR) {
		if (fr->index == 0 && !str) {
			x = strtod(r->buf, &end);
			if (*end != '\0' || !isfinite(x) || r->toolong)
				return bad(r, err, "a sample's time is not a "
				    "number");
			r->pair_t = x;
			r->pair_has_t = 1;
			return 0;
		}
		if (fr->index == 1 && str) {
			/* "NaN", "+Inf" as Prometheus writes them */
			r->pair_v = strtod(r->buf, &end);
			if (r->len == 0 || *end != '\0' || r->toolong)
				return bad(r, err, "a sample's value is not a "
				    "number in a string");
			r->pair_has_v = 1;
			return 0;
		}
		return bad(r, err, "a sample is not [time, \"value\"]");
	}
	if (fr->slot == S_NONE)
		return 0;
	if (!str || r->toolong) {
		if (fr->slot == S_LABEL && fr->label == L__COUNT)
			return 0;
		return bad(r, err, r->toolong ? "a string read is too long" :
		    "a member read is not a string");
	}
	switch (fr->slot) {
	case S_STATUS:
		cpy(r->status, sizeof(r->status), r->buf);
		break;
	case S_ERROR:
		cpy(r->error, sizeof(r->error), r->buf);
		break;
	case S_RTYPE:
		cpy(r->rtype, sizeof(r->rtype), r->buf);
		break;
	case S_LABEL:
		if (fr->label == L__COUNT)
			break;
		if (r->len >= MS_NAME_MAX) {
			wi_seterr(err, WI_EINPUT, r->file, r->x.line, "the %s "
			    "label is longer than %d bytes",
			    label_names[fr->label], MS_NAME_MAX - 1);
			return -1;
		}
		memcpy(r->lv[fr->label], r->buf, r->len + 1);
		r->has |= 1U << fr->label;
		break;
	default:
		break;
	}
	return 0;
}

/* A container opens as a value of the top frame (or a document). */
static int
open_value(struct rr *r, char kind, struct wi_err *err)
{
	struct frame	*up = r->depth > 0 ? &r->f[r->depth - 1] : NULL;
	struct frame	*fr;
	int		 role;

	if (r->depth == DEPTH_MAX)
		return bad(r, err, "nested too deep");
	if (up == NULL) {
		if (kind != '{')
			return bad(r, err, "a document is not an object");
		role = R_DOC;
		r->doc_line = r->x.line;
		r->status[0] = r->error[0] = r->rtype[0] = '\0';
		r->has_data = 0;
	} else if (up->role == R_SKIP)
		role = R_SKIP;
	else if (up->kind == '[')
		role = up->role == R_RESULT ? R_SERIES : up->role == R_VALUES ?
		    R_PAIR : R_SKIP;
	else
		role = up->child;
	if (((role == R_SERIES || role == R_METRIC || role == R_DATA) &&
	    kind != '{') || ((role == R_RESULT || role == R_VALUES ||
	    role == R_PAIR) && kind != '['))
		return bad(r, err, "not shaped as a query result");
	fr = &r->f[r->depth++];
	memset(fr, 0, sizeof(*fr));
	fr->role = (enum role)role;
	fr->kind = kind;
	fr->want = kind == '{' ? W_KEY : W_VALUE;
	if (role == R_SERIES)
		series_start(r);
	if (role == R_PAIR)
		r->pair_has_t = r->pair_has_v = 0;
	return 0;
}

/* The top container closes. */
static int
close_value(struct rr *r, struct wi_err *err)
{
	struct frame	*fr = &r->f[--r->depth];

	if (fr->role == R_PAIR && push_sample(r, err) == -1)
		return -1;
	if (fr->role == R_SERIES && series_end(r, err) == -1)
		return -1;
	if (r->depth == 0)
		return doc_end(r, err);
	r->f[r->depth - 1].want = W_NEXT;
	return 0;
}

/* One token into the parser. */
static int
token(struct rr *r, enum jtok t, struct wi_err *err)
{
	struct frame	*fr = r->depth > 0 ? &r->f[r->depth - 1] : NULL;

	if (fr == NULL) {
		if (t == JT_LBRACE)
			return open_value(r, '{', err);
		return bad(r, err, "a document is not an object");
	}
	switch (fr->want) {
	case W_KEY:
		if (t == JT_RBRACE && fr->index == 0)
			return close_value(r, err);
		if (t != JT_STRING)
			return bad(r, err, "expected a member name");
		if (r->toolong)
			return bad(r, err, "a member name is too long");
		member(r, fr, r->buf);
		fr->want = W_COLON;
		return 0;
	case W_COLON:
		if (t != JT_COLON)
			return bad(r, err, "expected \":\"");
		fr->want = W_VALUE;
		return 0;
	case W_VALUE:
		if (t == JT_RBRACK && fr->kind == '[' && fr->index == 0)
			return close_value(r, err);
		if (t == JT_LBRACE || t == JT_LBRACK)
			return open_value(r, t == JT_LBRACE ? '{' : '[', err);
		if (t != JT_STRING && t != JT_ATOM)
			return bad(r, err, "expected a value");
		if (scalar(r, fr, t == JT_STRING, err) == -1)
			return -1;
		fr->want = W_NEXT;
		return 0;
	case W_NEXT:
		if (t == JT_COMMA) {
			fr->index++;
			fr->want = fr->kind == '{' ? W_KEY : W_VALUE;
			return 0;
		}
		if ((t == JT_RBRACE && fr->kind == '{') ||
		    (t == JT_RBRACK && fr->kind == '['))
			return close_value(r, err);
		return bad(r, err, "expected \",\" or the end of a container");
	}
	return 0;
}

/* ------------------------------------------------------------- reader */

/*
 * 1: an object whose start holds "resultType" or the "status" of a
 * query result ("success" or "error" first, as Prometheus writes it);
 * -1 for an object whose first 4 KiB have not all come yet.
 */
static int
range_sniff(const char *p, size_t n, int final)
{
	size_t	i = lead_len(p, n);

	if (i == n || p[i] != '{')
		return 0;
	if (memmem(p, n, "\"resultType\"", 12) != NULL ||
	    memmem(p, n, "{\"status\":\"success\",\"data\":{", 28) != NULL ||
	    memmem(p, n, "{\"status\":\"error\"", 17) != NULL)
		return 1;
	return final || n >= 4096 ? 0 : -1;
}

/* A token from the lexer into the parser. */
static int
tok(void *ctx, enum jtok t, const char *text, size_t len, int toolong,
    struct wi_err *err)
{
	struct rr	*r = ctx;

	r->buf = text;
	r->len = len;
	r->toolong = toolong;
	return token(r, t, err);
}

static int
feed(void *ctx, const char *p, size_t n, struct wi_err *err)
{
	return jlex_feed(&((struct rr *)ctx)->x, p, n, err);
}

static int
range_read(void *state, struct lr *lr, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct rr	*r;
	int		 rc;

	(void)state;
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	if ((r->ms = ms_get(set, NULL, err)) == NULL) {
		free(r);
		return -1;
	}
	r->file = lr->name;
	r->w = w;
	jlex_init(&r->x, lr->name, tok, r);
	if (r->ms->inputs++ == 0)
		r->ms->first = lr->name;
	rc = lr_feed_all(lr, feed, r, err);
	if (rc == 0)
		rc = jlex_end(&r->x, err);
	if (rc == 0 && r->depth > 0)
		rc = bad(r, err, "the input ends inside a document");
	if (rc == 0 && r->series == 0)
		wi_warnf(w, lr->name, 0, "query_range JSON without a series");
	else if (rc == 0 && r->taken == 0)
		wi_warnf(w, lr->name, 0, "no series of the vLLM metrics the fit "
		    "reads (vllm:request_success_total, "
		    "vllm:time_to_first_token_seconds, ...)");
	if (rc == 0 && r->histograms)
		wi_notef(w, lr->name, 0, "native histograms are not read: "
		    "export the classic _sum and _count series");
	free(r->t);
	free(r->v);
	free(r);
	return rc;
}

const struct in_report in_range = {
	"range", "Prometheus query_range JSON", range_sniff, NULL, NULL,
	range_read
};
