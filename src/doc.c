/*
 * doc.c: build the result tree.
 */
#include <stdio.h>
#include <stdlib.h>

#include "doc.h"
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

static void
jstat3(struct jb *j, cJSON *o, const char *key, const struct stat3 *s)
{
	cJSON	*v = jobj(j, o, key);

	jnum(j, v, "mean", s->mean);
	jnum(j, v, "median", s->median);
	jnum(j, v, "p99", s->p99);
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
	if (b->type == S_CONCURRENT)
		jnum(j, o, "streams", b->param);
	else if (b->type == S_CONSTANT || b->type == S_POISSON)
		jnum(j, o, "rate", b->param);
	jstr(j, o, "file", b->file);
	jint(j, o, "line", (long long)b->line);
	jnum(j, o, "requestsPerSecond", b->rps);
	jnum(j, o, "concurrency", b->conc);
	jnum(j, o, "outputTokensPerSecond", b->out_tps);
	jnum(j, o, "totalTokensPerSecond", b->tot_tps);
	jstat3(j, o, "requestLatencySeconds", &b->lat_s);
	jstat3(j, o, "ttftMs", &b->ttft);
	jstat3(j, o, "itlMs", &b->itl);
	jstat3(j, o, "tpotMs", &b->tpot);
	if (!b->has_info) {
		jnull(j, o, "requests");
		jnull(j, o, "promptTokensPerRequest");
		jnull(j, o, "outputTokensPerRequest");
		jnull(j, o, "durationSeconds");
		jnull(j, o, "infoLine");
		return;
	}
	r = jobj(j, o, "requests");
	jint(j, r, "completed", b->completed);
	jint(j, r, "incomplete", b->incomplete);
	jint(j, r, "errored", b->errored);
	jnum(j, o, "promptTokensPerRequest", b->prompt_tpr);
	jnum(j, o, "outputTokensPerRequest", b->output_tpr);
	jnum(j, o, "durationSeconds", b->duration);
	jint(j, o, "infoLine", (long long)b->info_line);
}

static void
point_obj(struct jb *j, cJSON *arr, const struct bench *b, long batch)
{
	cJSON	*o;

	if (arr == NULL || (o = jcheck(j, cJSON_CreateObject())) == NULL)
		return;
	cJSON_AddItemToArray(arr, o);
	jstr(j, o, "benchmark", b->name);
	jint(j, o, "batchSize", batch);
	jnum(j, o, "itlMs", b->itl.mean);
	jnum(j, o, "ttftMs", b->ttft.mean);
	jstr(j, o, "file", b->file);
	jint(j, o, "line", (long long)b->line);
}

static void
fit_fields(struct jb *j, cJSON *d, const struct fit *f)
{
	cJSON	*pts;

	jstr(j, d, "method", "two-point");
	jstr(j, d, "statistic", "mean");
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
	jstr(j, d, "maxBatchSizeFrom", f->max_batch_measured ?
	    "measured" : "option");
	if (f->have_prefill) {
		jnum(j, d, "inputTokens", f->input_tokens);
		jstr(j, d, "inputTokensFrom", f->input_tokens_measured ?
		    "measured" : "option");
	} else {
		jnull(j, d, "inputTokens");
		jnull(j, d, "inputTokensFrom");
	}
	pts = d == NULL ? NULL :
	    jcheck(j, cJSON_AddArrayToObject(d, "points"));
	point_obj(j, pts, f->low, 1);
	point_obj(j, pts, f->high, f->max_batch);
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
	else
		jstr(&j, d, "statistic", "mean");
	arr = jcheck(&j, cJSON_AddArrayToObject(d, "benchmarks"));
	for (i = 0; i < set->n; i++)
		bench_obj(&j, arr, &set->v[i]);
	if (j.oom) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}
