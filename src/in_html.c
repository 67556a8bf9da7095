/*
 * in_html.c: guidellm's HTML report (benchmarks.html, 0.4 and later),
 * read through jstream.
 *
 * The page carries its data as JavaScript assignments in its head:
 *
 *	page	= ... "window." name ws "=" ws value ";" ... (for each name)
 *	name	= "runInfo" | "workloadDetails" | "benchmarks"
 *	value	= a JSON object or array (json.dumps, indent 2)
 *
 * Those three are passed to jstream as the members of one object, the
 * rest of the page is skipped (its newlines are kept, so lines count
 * right). Per benchmark the page has requestsPerSecond, itl, ttft,
 * timePerRequest (request latency) and throughput (output tokens/s) of
 * the successful requests, each with mean, median, min, max, count and
 * percentiles; no strategy, concurrency or token counts. Strategies are
 * told from workloadDetails.rateType (that of the first benchmark): a
 * synchronous one followed by others is a sweep (synchronous,
 * throughput, then constant rates); otherwise every benchmark is of
 * that type.
 *
 * Which guidellm wrote what (presentation/data_models.py in 0.3,
 * benchmark/outputs/html.py from 0.4 on): 0.3.0 named the inter-token
 * latency "tpot" (it held inter_token_latency_ms), 0.3.1 "itl"; 0.3.x
 * set rateType to the profile ("sweep", "async", ...), 0.4 and later to
 * the first benchmark's strategy ("synchronous" for a sweep). "sweep"
 * is read as the sweep above; "tpot" as ITL where there is no "itl".
 * Names are ranked like the 0.4+ CSV's (constant#2). Tokens
 * per request are workloadDetails' prompt and generation means, over
 * all the benchmarks of the run.
  */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "in.h"
#include "jstream.h"

#define NAME_MAX_LEN	32

/* Where the page is: outside the values, in a "window.NAME =", in one. */
enum hstate { H_SEEK, H_NAME, H_EQ, H_VALUE_WS, H_VALUE };

struct rh_ctx {
	const char	*file;
	struct benchset	*set;
	const struct wi_warn *w;
	unsigned long	*ranks;
	struct bench	*b;		/* the page's benchmarks, in order */
	size_t		 nb, cap;
	char		 rate_type[32];
	double		 prompt_tpr, output_tpr;
	int		 has_prompt, has_output, has_bench;
	int		 tpot_itl;	/* guidellm 0.3.0's "tpot" read as ITL */
};

struct hfilter {
	struct js	 js;
	enum hstate	 st;
	size_t		 matched;	/* bytes of "window." matched */
	char		 name[NAME_MAX_LEN];
	size_t		 nlen;
	int		 depth, in_str, esc;
	int		 nvalues;	/* values passed on */
};

/*
 * An HTML page; -1 while what came is blank or a prefix of its start,
 * which is taken for the page once no more comes.
 */
static int
html_sniff(const char *p, size_t n, int final)
{
	static const char *const starts[] = { "<!doctype html", "<html" };
	size_t	i = bom_len(p, n), k, len, m;
	int	partial = 0;

	while (i < n && isspace((unsigned char)p[i]))
		i++;
	if (i == n)
		return final ? 0 : -1;
	for (k = 0; k < 2; k++) {
		len = strlen(starts[k]);
		m = n - i < len ? n - i : len;
		if (strncasecmp(p + i, starts[k], m) != 0)
			continue;
		if (m == len)
			return 1;
		partial = 1;
	}
	return partial ? (final ? 1 : -1) : 0;
}

static int
number(const cJSON *o, const char *path, double *x)
{
	const cJSON	*v = js_at(o, path);

	if (!cJSON_IsNumber(v))
		return 0;
	*x = v->valuedouble;
	return 1;
}

static void
field(struct bench *b, int f, const cJSON *o, const char *path)
{
	double	x;

	if (number(o, path, &x))
		bench_set(b, f, x);
}

/*
 * Percentile k of p90, p95, p99: guidellm leaves out a percentile equal to
 * the next one up (it keeps the highest of a run of equal values), so
 * a missing one is the next that is there.
 */
static void
pctl(struct bench *b, int f, const cJSON *d, int k)
{
	static const char *const up[] = { "percentiles.p90",
	    "percentiles.p95", "percentiles.p99", "percentiles.p999" };
	double	x;

	for (; k < 4; k++)
		if (number(d, up[k], &x)) {
			bench_set(b, f, x);
			return;
		}
}

/* A distribution: mean, median, p90, p95, p99, and its min and max. */
static void
stats(struct bench *b, int group, const cJSON *e, const char *name)
{
	const cJSON	*d = js_at(e, name);
	double		 lo, hi;

	if (!cJSON_IsObject(d))
		return;
	field(b, group + ST_MEAN, d, "mean");
	if (!bench_has(b, group + ST_MEDIAN))
		field(b, group + ST_MEDIAN, d, "median");
	pctl(b, group + ST_P90, d, 0);
	pctl(b, group + ST_P95, d, 1);
	pctl(b, group + ST_P99, d, 2);
	if (number(d, "min", &lo) && number(d, "max", &hi))
		bench_set_range(b, group, lo, hi);
}

static int
keep(struct rh_ctx *c, const cJSON *e, unsigned long line,
    struct wi_err *err)
{
	struct bench	*b, *nv;
	size_t		 ncap;

	if (c->nb == WI_MAX_BENCH) {
		wi_seterr(err, WI_EINPUT, c->file, line,
		    "more than %d benchmarks", WI_MAX_BENCH);
		return -1;
	}
	if (c->nb == c->cap) {
		ncap = c->cap ? c->cap * 2 : 16;
		if ((nv = realloc(c->b, ncap * sizeof(*nv))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		c->b = nv;
		c->cap = ncap;
	}
	b = &c->b[c->nb++];
	memset(b, 0, sizeof(*b));
	b->src = SRC_G_HTML;
	b->file = c->file;
	b->line = line;
	stats(b, BF_ITL, e, "itl");
	if (!cJSON_IsObject(js_at(e, "itl")) && cJSON_IsObject(js_at(e,
	    "tpot"))) {
		stats(b, BF_ITL, e, "tpot");
		c->tpot_itl = 1;
	}
	stats(b, BF_TTFT, e, "ttft");
	stats(b, BF_LAT, e, "timePerRequest");
	field(b, BF_RPS, e, "requestsPerSecond");
	field(b, BF_OUT_TPS, e, "throughput.mean");
	/* The latencies are those of the successful requests, one each. */
	field(b, BF_COMPLETED, e, "timePerRequest.count");
	if (!bench_has(b, BF_ITL + ST_MEAN)) {
		wi_seterr(err, WI_EINPUT, c->file, line, "guidellm HTML "
		    "report: benchmark %zu has no itl.mean (nor, as guidellm "
		    "0.3.0 wrote it, tpot.mean)", c->nb - 1);
		return -1;
	}
	return 0;
}

static void
workload(struct rh_ctx *c, const cJSON *v)
{
	const cJSON	*t = js_at(v, "rateType");

	if (cJSON_IsString(t))
		snprintf(c->rate_type, sizeof(c->rate_type), "%s",
		    t->valuestring);
	c->has_prompt = number(v, "prompts.tokenDistributions.statistics.mean",
	    &c->prompt_tpr);
	c->has_output = number(v,
	    "generations.tokenDistributions.statistics.mean", &c->output_tpr);
}

static enum js_want
want(void *ctx, const char *key)
{
	(void)ctx;
	if (strcmp(key, "benchmarks") == 0)
		return JS_EACH;
	if (strcmp(key, "workloadDetails") == 0)
		return JS_TAKE;
	return JS_SKIP;
}

static int
take(void *ctx, const char *key, long index, cJSON *v, unsigned long line,
    struct wi_err *err)
{
	struct rh_ctx	*c = ctx;
	int		 rc = 0;

	if (index >= 0) {
		c->has_bench = 1;
		rc = keep(c, v, line, err);
	} else if (strcmp(key, "workloadDetails") == 0)
		workload(c, v);
	cJSON_Delete(v);
	return rc;
}

static int
end(void *ctx, unsigned long line, struct wi_err *err)
{
	(void)ctx, (void)line, (void)err;
	return 0;
}

/* A sweep: rateType "sweep" (0.3), or "synchronous" with others after. */
static int
sweep(const struct rh_ctx *c)
{
	return strcmp(c->rate_type, "sweep") == 0 || (c->nb > 1 &&
	    strcmp(c->rate_type, "synchronous") == 0);
}

/* The strategy of benchmark i, by the rule at the top. */
static enum strategy
type_of(const struct rh_ctx *c, size_t i)
{
	if (sweep(c))
		return i == 0 ? S_SYNCHRONOUS : i == 1 ? S_THROUGHPUT :
		    S_CONSTANT;
	return strategy_from_name(c->rate_type, strlen(c->rate_type));
}

static int
add_all(struct rh_ctx *c, struct wi_err *err)
{
	struct bench	*b;
	const char	*name;
	size_t		 i;
	int		 sw, tokens;

	if (c->nb > 0 && c->rate_type[0] == '\0') {
		wi_seterr(err, WI_EINPUT, c->file, c->b[0].line, "guidellm "
		    "HTML report: no workloadDetails.rateType to tell the "
		    "strategies by");
		return -1;
	}
	/* One note: several lines would say again what the page lacks. */
	sw = c->nb > 0 && sweep(c);
	tokens = c->nb > 0 && (c->has_prompt || c->has_output);
	if (sw || tokens || c->tpot_itl)
		wi_notef(c->w, c->file, c->b[0].line, "guidellm HTML report: "
		    "%s%s%s%s%s", sw ? "taken as a sweep (synchronous, "
		    "throughput, then constant rates): the page names no "
		    "strategies" : "", sw && tokens ? "; " : "", tokens ?
		    "tokens per request are the run's, as the page has no "
		    "others (the JSON report has them)" : "", (sw || tokens) &&
		    c->tpot_itl ? "; " : "", c->tpot_itl ? "its \"tpot\" is "
		    "read as the ITL, guidellm 0.3.0's name for it" : "");
	for (i = 0; i < c->nb; i++) {
		b = &c->b[i];
		b->type = type_of(c, i);
		name = b->type == S_OTHER ? c->rate_type :
		    strategy_name(b->type);
		bench_rank_name(b, name, strlen(name), ++c->ranks[b->type]);
		if (c->has_prompt)
			bench_set(b, BF_PROMPT_TPR, c->prompt_tpr);
		if (c->has_output)
			bench_set(b, BF_OUTPUT_TPR, c->output_tpr);
		if (benchset_add(c->set, b, c->w, err) == -1)
			return -1;
	}
	return 0;
}

/* Pass p[0..n) on to jstream. */
static int
pass(struct hfilter *h, const char *p, size_t n, struct wi_err *err)
{
	return n == 0 ? 0 : js_feed(&h->js, p, n, err);
}

/* A "window.NAME = " was read and a value starts: open its member. */
static int
open_value(struct hfilter *h, struct wi_err *err)
{
	char	buf[NAME_MAX_LEN + 8];
	int	n;

	n = snprintf(buf, sizeof(buf), "%s\"%.*s\":", h->nvalues ? "," : "{",
	    (int)h->nlen, h->name);
	h->nvalues++;
	h->depth = 0;
	h->in_str = h->esc = 0;
	return pass(h, buf, (size_t)n, err);
}

static int
wanted(const struct hfilter *h)
{
	static const char *const names[] = { "runInfo", "workloadDetails",
	    "benchmarks" };
	size_t	k;

	for (k = 0; k < 3; k++)
		if (strlen(names[k]) == h->nlen &&
		    memcmp(names[k], h->name, h->nlen) == 0)
			return 1;
	return 0;
}

/* The end of the value, or n: tracks nesting and strings. */
static size_t
value_end(struct hfilter *h, const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (h->in_str) {
			if (h->esc)
				h->esc = 0;
			else if (p[i] == '\\')
				h->esc = 1;
			else if (p[i] == '"')
				h->in_str = 0;
		} else if (p[i] == '"')
			h->in_str = 1;
		else if (p[i] == '{' || p[i] == '[')
			h->depth++;
		else if ((p[i] == '}' || p[i] == ']') && --h->depth == 0)
			return i + 1;
	}
	return n;
}

/* One byte outside a value. */
static int
seek_byte(struct hfilter *h, char ch, struct wi_err *err)
{
	static const char win[] = "window.";

	switch (h->st) {
	case H_SEEK:
		break;
	case H_NAME:
		if (isalnum((unsigned char)ch) || ch == '_') {
			if (h->nlen == NAME_MAX_LEN - 1)
				h->st = H_SEEK;
			else
				h->name[h->nlen++] = ch;
			return 0;
		}
		h->st = wanted(h) ? H_EQ : H_SEEK;
		if (h->st == H_EQ)
			return seek_byte(h, ch, err);
		break;
	case H_EQ:
		if (ch == ' ' || ch == '\t')
			return 0;
		h->st = ch == '=' ? H_VALUE_WS : H_SEEK;
		if (h->st == H_VALUE_WS)
			return 0;
		break;
	case H_VALUE_WS:
		if (ch == ' ' || ch == '\t')
			return 0;
		if (ch == '{' || ch == '[') {
			h->st = H_VALUE;
			return open_value(h, err);
		}
		h->st = H_SEEK;
		break;
	default:
		break;
	}
	/* H_SEEK: matching "window.", the newlines kept for line numbers. */
	if (ch == '\n' && pass(h, "\n", 1, err) == -1)
		return -1;
	if (ch == win[h->matched]) {
		if (win[++h->matched] == '\0') {
			h->matched = 0;
			h->nlen = 0;
			h->st = H_NAME;
		}
	} else
		h->matched = ch == 'w';
	return 0;
}

static int
feed(void *v, const char *p, size_t n, struct wi_err *err)
{
	struct hfilter	*h = v;
	size_t		 i = 0, k;

	while (i < n) {
		if (h->st == H_VALUE) {
			k = value_end(h, p + i, n - i);
			if (pass(h, p + i, k, err) == -1)
				return -1;
			i += k;
			if (h->depth == 0)
				h->st = H_SEEK;
			continue;
		}
		if (seek_byte(h, p[i], err) == -1)
			return -1;
		if (h->st == H_VALUE) {	/* p[i] opens the value */
			h->depth = 1;
			if (pass(h, p + i, 1, err) == -1)
				return -1;
		}
		i++;
	}
	return 0;
}

static int
html_read(void *ranks, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct rh_ctx	 c;
	struct js_sink	 sink = { want, take, end, &c, 0 };
	struct hfilter	 h;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.file = r->name;
	c.set = set;
	c.w = w;
	c.ranks = ranks;
	memset(ranks, 0, (S_OTHER + 1) * sizeof(unsigned long));
	memset(&h, 0, sizeof(h));
	js_init(&h.js, &sink, r->name);
	rc = lr_feed_all(r, feed, &h, err);
	if (rc == 0 && h.st == H_VALUE) {
		wi_seterr(err, WI_EINPUT, r->name, h.js.line, "guidellm HTML "
		    "report: window.%.*s is cut off", (int)h.nlen, h.name);
		rc = -1;
	}
	if (rc == 0 && h.nvalues > 0)
		rc = pass(&h, "}", 1, err);
	if (rc == 0)
		rc = js_finish(&h.js, err);
	if (rc == 0 && !c.has_bench) {
		wi_seterr(err, WI_EINPUT, r->name, 0, "guidellm HTML report: "
		    "no benchmarks in a window.benchmarks");
		rc = -1;
	}
	if (rc == 0)
		rc = add_all(&c, err);
	js_free(&h.js);
	free(c.b);
	return rc;
}

/* The rank of each benchmark name, counted in each input. */
static void *
html_new(void)
{
	return calloc(S_OTHER + 1, sizeof(unsigned long));
}

const struct in_report in_html = {
	"html", "guidellm HTML", html_sniff, html_new, free,
	html_read
};
