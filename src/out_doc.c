/*
 * out_doc.c: build the result tree.
 */
#include <stdio.h>
#include <stdlib.h>

#include "out_doc.h"
#include "fmt.h"

/* Adders that remember a failed allocation instead of checking each. */
struct jb {
	int	oom;
};

static cJSON *
jcheck(struct jb *j, cJSON *v)
{
	if (v == NULL)
		j->oom = 1;
	return v;
}

static void
jnum(struct jb *j, cJSON *o, const char *key, double x)
{
	char	buf[FMT_NUM_MAX];

	if (o != NULL)
		jcheck(j, cJSON_AddRawToObject(o, key, fmt_fixed(buf, x, 0)));
}

static void
jint(struct jb *j, cJSON *o, const char *key, long long x)
{
	char	buf[32];

	snprintf(buf, sizeof(buf), "%lld", x);
	if (o != NULL)
		jcheck(j, cJSON_AddRawToObject(o, key, buf));
}

static void
jstr(struct jb *j, cJSON *o, const char *key, const char *s)
{
	char	*clean;

	if (o == NULL)
		return;
	if ((clean = utf8_clean(s)) == NULL) {
		j->oom = 1;
		return;
	}
	jcheck(j, cJSON_AddStringToObject(o, key, clean));
	free(clean);
}

static void
jnull(struct jb *j, cJSON *o, const char *key)
{
	if (o != NULL)
		jcheck(j, cJSON_AddNullToObject(o, key));
}

static cJSON *
jobj(struct jb *j, cJSON *o, const char *key)
{
	return o == NULL ? NULL : jcheck(j, cJSON_AddObjectToObject(o, key));
}

/* A number, or null where the input did not give it. */
static void
jfield(struct jb *j, cJSON *o, const char *key, const struct bench *b, int f)
{
	if (bench_has(b, f))
		jnum(j, o, key, b->v[f]);
	else
		jnull(j, o, key);
}

/*
 * guidellm 0.8 goodput, only where the input has any of it, so that the
 * output of every other input stays as it was.
 */
static void
jslo(struct jb *j, cJSON *o, const struct bench *b)
{
	cJSON	*s;
	int	 f;

	for (f = BF_SLO_ATTAIN; f <= BF_SLO_E2EL; f++)
		if (bench_has(b, f))
			break;
	if (f > BF_SLO_E2EL)
		return;
	s = jobj(j, o, "slo");
	jfield(j, s, "ttftMs", b, BF_SLO_TTFT);
	jfield(j, s, "tpotMs", b, BF_SLO_TPOT);
	jfield(j, s, "e2elMs", b, BF_SLO_E2EL);
	jfield(j, s, "attainment", b, BF_SLO_ATTAIN);
	jfield(j, s, "requestGoodput", b, BF_GOODPUT);
}

static void
jstats(struct jb *j, cJSON *o, const char *key, const struct bench *b,
    int group)
{
	cJSON	*v = jobj(j, o, key);
	int	 s;

	for (s = 0; s < ST__COUNT; s++)
		jfield(j, v, stat_name((enum statistic)s), b, group + s);
}

static void
bench_obj(struct jb *j, cJSON *arr, const struct bench *b)
{
	cJSON	*o, *r;

	if (arr == NULL)
		return;
	if ((o = jcheck(j, cJSON_CreateObject())) == NULL)
		return;
	cJSON_AddItemToArray(arr, o);
	jstr(j, o, "name", b->name);
	jstr(j, o, "strategy", strategy_name(b->type));
	if (b->has_param)
		jnum(j, o, b->type == S_CONCURRENT ? "streams" : "rate",
		    b->param);
	jstr(j, o, "format", source_name(b->src));
	jstr(j, o, "file", b->file);
	if (b->line > 0)
		jint(j, o, "line", (long long)b->line);
	else
		jnull(j, o, "line");
	jfield(j, o, "requestsPerSecond", b, BF_RPS);
	jfield(j, o, "concurrency", b, BF_CONC);
	jfield(j, o, "maxConcurrency", b, BF_MAX_CONC);
	jfield(j, o, "outputTokensPerSecond", b, BF_OUT_TPS);
	jfield(j, o, "totalTokensPerSecond", b, BF_TOT_TPS);
	jstats(j, o, "requestLatencySeconds", b, BF_LAT);
	jstats(j, o, "ttftMs", b, BF_TTFT);
	jstats(j, o, "itlMs", b, BF_ITL);
	jstats(j, o, "tpotMs", b, BF_TPOT);
	if (bench_has(b, BF_COMPLETED)) {
		r = jobj(j, o, "requests");
		jfield(j, r, "completed", b, BF_COMPLETED);
		jfield(j, r, "incomplete", b, BF_INCOMPLETE);
		jfield(j, r, "errored", b, BF_ERRORED);
	} else
		jnull(j, o, "requests");
	jfield(j, o, "promptTokensPerRequest", b, BF_PROMPT_TPR);
	jfield(j, o, "outputTokensPerRequest", b, BF_OUTPUT_TPR);
	jfield(j, o, "durationSeconds", b, BF_DURATION);
	jslo(j, o, b);
	if (b->info_line > 0)
		jint(j, o, "infoLine", (long long)b->info_line);
	else
		jnull(j, o, "infoLine");
}

static void
point_obj(struct jb *j, cJSON *arr, const struct fit *f,
    const struct fit_point *p)
{
	cJSON	*o;

	if (arr == NULL || (o = jcheck(j, cJSON_CreateObject())) == NULL)
		return;
	cJSON_AddItemToArray(arr, o);
	jstr(j, o, "benchmark", p->b->name);
	jnum(j, o, "batchSize", p->batch);
	jnum(j, o, "itlMs", p->itl);
	if (f->method == FIT_LSQ)
		jnum(j, o, "itlResidualMs", p->itl_resid);
	if (p->has_ttft) {
		jnum(j, o, "inputTokens", p->tokens);
		jnum(j, o, "ttftMs", p->ttft);
		if (f->method == FIT_LSQ)
			jnum(j, o, "ttftResidualMs", p->ttft_resid);
	}
	jstr(j, o, "file", p->b->file);
	if (p->b->line > 0)
		jint(j, o, "line", (long long)p->b->line);
	else
		jnull(j, o, "line");
}

static void
fit_fields(struct jb *j, cJSON *d, const struct fit *f)
{
	static const char *const from[] = { "option", "measured",
	    "maxConcurrency", "points" };
	cJSON	*pts;
	size_t	 i;

	jstr(j, d, "method", f->method == FIT_LSQ ? "lsq" : "two-point");
	jstr(j, d, "statistic", stat_name(f->itl_stat));
	jnum(j, d, "alpha", f->alpha);
	jnum(j, d, "beta", f->beta);
	if (f->have_prefill) {
		jnum(j, d, "gamma", f->gamma);
		jnum(j, d, "delta", f->delta);
	} else {
		jnull(j, d, "gamma");
		jnull(j, d, "delta");
	}
	jint(j, d, "maxBatchSize", f->max_batch);
	jstr(j, d, "maxBatchSizeFrom", from[f->max_batch_from]);
	if (f->have_prefill) {
		jnum(j, d, "inputTokens", f->input_tokens);
		jstr(j, d, "inputTokensFrom", f->input_tokens_measured ?
		    "measured" : "option");
	} else {
		jnull(j, d, "inputTokens");
		jnull(j, d, "inputTokensFrom");
	}
	if (f->method == FIT_LSQ) {
		jnum(j, d, "itlR2", f->r2_itl);
		if (f->have_prefill)
			jnum(j, d, "ttftR2", f->r2_ttft);
		else
			jnull(j, d, "ttftR2");
	}
	jint(j, d, "pointCount", (long long)f->npts);
	pts = d == NULL ? NULL :
	    jcheck(j, cJSON_AddArrayToObject(d, "points"));
	for (i = 0; i < f->npts; i++)
		point_obj(j, pts, f, &f->pts[i]);
}

cJSON *
doc_build(const struct benchset *set, const struct fit *f)
{
	struct jb	 j = { 0 };
	cJSON		*d, *arr;
	size_t		 i;

	if ((d = cJSON_CreateObject()) == NULL)
		return NULL;
	if (f != NULL)
		fit_fields(&j, d, f);
	arr = jcheck(&j, cJSON_AddArrayToObject(d, "benchmarks"));
	for (i = 0; i < set->n; i++)
		bench_obj(&j, arr, &set->v[i]);
	if (j.oom) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}
