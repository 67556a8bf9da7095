/*
 * in_dataset.c: llm-inferno model-trainer's DataSet JSON (its input and
 * the body of its POST /train; what -o dataset writes):
 *
 *	{"name": ..., "data": [{"requestRate" (req/s), "inputTokens",
 *	    "outputTokens", "avgTTFTTime", "avgITLTime" (ms),
 *	    ["avgWaitTime", "avgPrefillTime",] "maxBatchSize",
 *	    "maxNumTokens"}, ...]}
 *
 * Each element of "data" becomes a benchmark named point-K, K counting
 * over all DataSet inputs. A DataSet does not say which statistic its
 * times are, so each is taken as both the mean and the median; where
 * avgTTFTTime is 0 or less, model-trainer takes avgWaitTime +
 * avgPrefillTime, and so does this reader. Its maxBatchSize and
 * maxNumTokens are per point, the fit's server is one: they are not
 * read, a note says so (give -b and --max-num-tokens).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "in.h"
#include "jstream.h"

struct dsread {
	const char	*file;
	struct benchset	*set;
	const struct wi_warn *w;
	unsigned long	*count;		/* points over all inputs */
	int		 has_data;
	unsigned long	 npoints;	/* elements of this document's "data" */
	int		 noted;		/* the server note was given */
};

static void *
ds_new(void)
{
	return calloc(1, sizeof(unsigned long));
}

static enum js_want
want(void *ctx, const char *key)
{
	struct dsread	*c = ctx;

	if (strcmp(key, "data") == 0) {
		c->has_data = 1;
		return JS_EACH;
	}
	return JS_SKIP;
}

/* Member key of e as a number into *x: 1, 0 when absent, -1 not a number. */
static int
num(const cJSON *e, const char *key, double *x)
{
	const cJSON	*v = cJSON_GetObjectItemCaseSensitive(e, key);

	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble))
		return -1;
	*x = v->valuedouble;
	return 1;
}

static const struct { const char *key; int f, both; } dsfields[] = {
	{ "requestRate", BF_RPS, 0 },
	{ "inputTokens", BF_PROMPT_TPR, 0 },
	{ "outputTokens", BF_OUTPUT_TPR, 0 },
	{ "avgTTFTTime", BF_TTFT, 1 },
	{ "avgITLTime", BF_ITL, 1 }
};

/* avgTTFTTime <= 0: wait + prefill, as model-trainer (DataPoint.Fix). */
static int
ttft_parts(const cJSON *e, struct bench *b)
{
	double	wt = 0, pf = 0;
	int	a, p;

	if ((a = num(e, "avgWaitTime", &wt)) == -1 ||
	    (p = num(e, "avgPrefillTime", &pf)) == -1)
		return -1;
	if (a + p > 0 && wt + pf > 0) {
		bench_set(b, BF_TTFT + ST_MEAN, wt + pf);
		bench_set(b, BF_TTFT + ST_MEDIAN, wt + pf);
	}
	return 0;
}

static void
server_note(struct dsread *c, const cJSON *e, unsigned long line)
{
	double	mb = 0, mt = 0;
	int	has_mb = num(e, "maxBatchSize", &mb) == 1;
	int	has_mt = num(e, "maxNumTokens", &mt) == 1;

	if (c->noted || (!has_mb && !has_mt))
		return;
	c->noted = 1;
	wi_notef(c->w, c->file, line, "DataSet: maxBatchSize %g and "
	    "maxNumTokens %g are not read: give -b and --max-num-tokens", mb,
	    mt);
}

static int
point(struct dsread *c, const cJSON *e, long index, unsigned long line,
    struct wi_err *err)
{
	struct bench	 b;
	double		 x;
	size_t		 i;
	int		 rc;

	if (!cJSON_IsObject(e)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "DataSet: data[%ld] "
		    "is not an object", index);
		return -1;
	}
	memset(&b, 0, sizeof(b));
	b.src = SRC_DATASET;
	b.type = S_OTHER;
	b.file = c->file;
	b.line = line;
	b.rank = ++*c->count;
	snprintf(b.name, sizeof(b.name), "point-%lu", b.rank);
	for (i = 0; i < sizeof(dsfields) / sizeof(dsfields[0]); i++) {
		if ((rc = num(e, dsfields[i].key, &x)) == -1) {
			wi_seterr(err, WI_EINPUT, c->file, line, "DataSet: "
			    "data[%ld].%s is not a number", index,
			    dsfields[i].key);
			return -1;
		}
		if (rc == 0 || (dsfields[i].f == BF_TTFT && x <= 0))
			continue;
		bench_set(&b, dsfields[i].f + (dsfields[i].both ? ST_MEAN : 0),
		    x);
		if (dsfields[i].both)
			bench_set(&b, dsfields[i].f + ST_MEDIAN, x);
	}
	if (!bench_has(&b, BF_TTFT + ST_MEAN) && ttft_parts(e, &b) == -1) {
		wi_seterr(err, WI_EINPUT, c->file, line, "DataSet: data[%ld]: "
		    "avgWaitTime or avgPrefillTime is not a number", index);
		return -1;
	}
	server_note(c, e, line);
	return benchset_add(c->set, &b, c->w, err);
}

static int
take(void *ctx, const char *key, long index, cJSON *v, unsigned long line,
    struct wi_err *err)
{
	int	rc = 0;

	(void)key;
	if (index >= 0) {
		((struct dsread *)ctx)->npoints++;
		rc = point(ctx, v, index, line, err);
	}
	cJSON_Delete(v);
	return rc;
}

static int
end(void *ctx, unsigned long line, struct wi_err *err)
{
	struct dsread	*c = ctx;

	if (!c->has_data) {
		wi_seterr(err, WI_EINPUT, c->file, line, "DataSet: no \"data\" "
		    "list of points");
		return -1;
	}
	/* Else "no benchmark results found" would not say it is a DataSet. */
	if (c->npoints == 0) {
		wi_seterr(err, WI_EINPUT, c->file, line, "DataSet: its \"data\" "
		    "holds no points");
		return -1;
	}
	c->has_data = 0;
	c->npoints = 0;
	return 0;
}

static int
feed(void *j, const char *p, size_t n, struct wi_err *err)
{
	return js_feed(j, p, n, err);
}

static size_t
past_blank(const char *p, size_t n, size_t i)
{
	while (i < n && strchr(" \t\r\n", p[i]) != NULL)
		i++;
	return i;
}

/*
 * Token t at p[*i], past blanks: 1 (and *i past it), 0 if something
 * else is there, -1 if the start runs out first.
 */
static int
tok(const char *p, size_t n, size_t *i, const char *t)
{
	size_t	len = strlen(t), m;

	*i = past_blank(p, n, *i);
	m = n - *i < len ? n - *i : len;
	if (memcmp(p + *i, t, m) != 0)
		return 0;
	if (m < len)
		return -1;
	*i += len;
	return 1;
}

/* The name's string value and the comma after it, at p[*i]. */
static int
name_value(const char *p, size_t n, size_t *i)
{
	int	rc;

	if ((rc = tok(p, n, i, ":")) != 1 || (rc = tok(p, n, i, "\"")) != 1)
		return rc;
	for (; *i < n && p[*i] != '"'; ++*i)
		if (p[*i] == '\\')
			++*i;
	if (*i >= n)
		return -1;
	++*i;
	return tok(p, n, i, ",");
}

/*
 * A DataSet is an object of two members, "name" (a string) and "data"
 * (the list), which guidellm's and vLLM's reports never begin with:
 *
 *	start	= "{" ["name" ":" string ","] "data" ":" "["
 *
 * 1 at the "[", 0 where the start leaves that grammar, -1 while it runs
 * out before either (a name longer than what is looked at): once no
 * more comes, a start that has its name is taken for a DataSet.
 */
static int
ds_sniff(const char *p, size_t n, int final)
{
	size_t	i = bom_len(p, n);
	int	rc, named = 0;

	if ((rc = tok(p, n, &i, "{")) != 1)
		goto out;
	if ((rc = tok(p, n, &i, "\"name\"")) == 1) {
		named = 1;
		if ((rc = name_value(p, n, &i)) != 1)
			goto out;
	} else if (rc == -1)
		goto out;
	if ((rc = tok(p, n, &i, "\"data\"")) == 1 &&
	    (rc = tok(p, n, &i, ":")) == 1)
		rc = tok(p, n, &i, "[");
out:
	return rc == -1 && final ? named : rc;
}

static int
ds_read(void *state, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct dsread	 c = { r->name, set, w, state, 0, 0, 0 };
	struct js_sink	 sink = { want, take, end, &c, 0 };
	struct js	 j;
	int		 rc;

	*(unsigned long *)state = 0;	/* point-1, ... in each input */
	js_init(&j, &sink, r->name);
	rc = lr_feed_all(r, feed, &j, err);
	if (rc == 0)
		rc = js_finish(&j, err);
	js_free(&j);
	return rc;
}

const struct in_report in_dataset = {
	"dataset", "model-trainer DataSet", ds_sniff, ds_new, free,
	ds_read
};
