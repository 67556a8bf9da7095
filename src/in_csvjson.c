/*
 * in_csvjson.c: guidellm 0.2/0.3 CSV rows as a JSON array, one object a
 * row keyed by the CSV header, as llm-inferno model-trainer keeps its
 * inputs (its exp1/data files, read by its guidellmcsv.go):
 *
 *	doc	= "[" [row *("," row)] "]"
 *	row	= "{" member *("," member) "}"
 *	member	= header ":" (number | string | null)
 *	header	= a guidellm 0.2/0.3 CSV column name: "Name",
 *		  "Successful Requests per second mean",
 *		  "Successful Inter token latency ms mean",
 *		  "Successful Inter token latency ms [min, 0.1, 1, ..., max]"
 *		  (a string "[...]"), "Errored Requests", ...
 *
 * Each member is read as in_csv.c reads the column of that header, a
 * string as the CSV cell it was, so the rows give the benchmarks of the
 * CSV they came from (but for file, line and column). Members of other
 * headers, and their order, do not matter.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "in.h"
#include "jstream.h"

struct cjread {
	const char	*file;
	struct benchset	*set;
	const struct wi_warn *w;
	unsigned long	 nrows;
};

static enum js_want
want(void *ctx, const char *key)
{
	(void)ctx, (void)key;
	return JS_SKIP;		/* an object, not rows: end() says so */
}

static int
bad(const struct cjread *c, long index, unsigned long line, const char *key,
    const char *what, const cJSON *v, struct wi_err *err)
{
	char	 qk[72], qv[64];
	char	*text = cJSON_IsString(v) ? NULL : cJSON_PrintUnformatted(v);
	const char *s = cJSON_IsString(v) ? v->valuestring : text;

	wi_quote(qk, sizeof(qk), key, strlen(key));
	wi_quote(qv, sizeof(qv), s != NULL ? s : "", s != NULL ? strlen(s) : 0);
	wi_seterr(err, WI_EINPUT, c->file, line, "guidellm CSV rows as JSON: "
	    "row %ld, %s %s: %s", index + 1, qk, what, qv);
	free(text);
	return -1;
}

/* A member of a number column: 1 read into *x, 0 none, -1 not a number. */
static int
number(const cJSON *m, double *x)
{
	if (cJSON_IsNull(m))
		return 0;
	if (cJSON_IsString(m))
		return csv_number(m->valuestring, x);
	if (!cJSON_IsNumber(m))
		return -1;
	*x = m->valuedouble;
	return isfinite(*x) ? 1 : 0;
}

/* One member into b: 0, or -1 with err set. */
static int
member(const struct cjread *c, struct bench *b, const cJSON *m, long index,
    unsigned long line, struct wi_err *err)
{
	double	 x;
	int	 field = 0, rc;

	switch (csv_v02_column(m->string, &field)) {
	case CSV_NAME:
		if (!cJSON_IsString(m))
			return bad(c, index, line, m->string, "is not a "
			    "benchmark name", m, err);
		rc = bench_parse_name(b, m->valuestring,
		    strlen(m->valuestring), err);
		if (rc == 0)
			return bad(c, index, line, m->string, "is not a "
			    "benchmark name", m, err);
		return rc == 1 ? 0 : -1;
	case CSV_PCTL:
		if (cJSON_IsNull(m) || (cJSON_IsString(m) &&
		    m->valuestring[0] == '\0'))
			return 0;
		if (!cJSON_IsString(m) ||
		    csv_percentiles(b, field, m->valuestring) == -1)
			return bad(c, index, line, m->string, "is not a list "
			    "of 11 percentiles", m, err);
		return 0;
	case CSV_NUM:
		if ((rc = number(m, &x)) == -1)
			return bad(c, index, line, m->string, "is not a number",
			    m, err);
		if (rc == 1)
			bench_set(b, field, x);
		return 0;
	}
	return 0;	/* a column not read */
}

static int
row(struct cjread *c, const cJSON *o, long index, unsigned long line,
    struct wi_err *err)
{
	struct bench	 b;
	const cJSON	*m;

	if (!cJSON_IsObject(o)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm CSV rows as "
		    "JSON: row %ld is not an object", index + 1);
		return -1;
	}
	memset(&b, 0, sizeof(b));
	b.src = SRC_G_CSVJSON;
	b.file = c->file;
	b.line = line;
	for (m = o->child; m != NULL; m = m->next)
		if (member(c, &b, m, index, line, err) == -1)
			return -1;
	if (b.name[0] == '\0') {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm CSV rows as "
		    "JSON: row %ld has no \"Name\"", index + 1);
		return -1;
	}
	if (!bench_has(&b, BF_ITL + ST_MEAN)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm CSV rows as "
		    "JSON: benchmark %s has no ITL mean", b.name);
		return -1;
	}
	return benchset_add(c->set, &b, c->w, err);
}

static int
take(void *ctx, const char *key, long index, cJSON *v, unsigned long line,
    struct wi_err *err)
{
	struct cjread	*c = ctx;
	int		 rc = 0;

	(void)key;
	if (index >= 0) {
		c->nrows++;
		rc = row(c, v, index, line, err);
	}
	cJSON_Delete(v);
	return rc;
}

/* Else "no benchmark results found" would not say what was read. */
static int
end(void *ctx, unsigned long line, struct wi_err *err)
{
	struct cjread	*c = ctx;

	if (c->nrows == 0) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm CSV rows as "
		    "JSON: no rows (a JSON array of objects keyed by the CSV "
		    "header is read)");
		return -1;
	}
	c->nrows = 0;
	return 0;
}

static int
feed(void *j, const char *p, size_t n, struct wi_err *err)
{
	return js_feed(j, p, n, err);
}

/*
 * 1: an array of objects, which no other report is (a log line may
 * begin with "[", as oc logs --prefix does, but not with "[{"); -1: too
 * short to tell (0 at the end of what can be read); else 0.
 */
static int
cj_sniff(const char *p, size_t n, int final)
{
	size_t	i = lead_len(p, n);

	if (i == n)
		return final ? 0 : -1;
	if (p[i] != '[')
		return 0;
	i++;
	i += lead_len(p + i, n - i);
	if (i == n)
		return final ? 0 : -1;
	return p[i] == '{';
}

static int
cj_read(void *unused, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct cjread	 c = { r->name, set, w, 0 };
	struct js_sink	 sink = { want, take, end, &c, 1 };
	struct js	 j;
	int		 rc;

	(void)unused;
	js_init(&j, &sink, r->name);
	rc = lr_feed_all(r, feed, &j, err);
	if (rc == 0)
		rc = js_finish(&j, err);
	js_free(&j);
	return rc;
}

const struct in_report in_csvjson = {
	"csvjson", "guidellm CSV rows as JSON", cj_sniff, NULL, NULL, cj_read
};
