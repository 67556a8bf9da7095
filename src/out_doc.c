/*
 * out_doc.c: build the result tree.
 */
#include <stdio.h>
#include <stdlib.h>

#include "out_doc.h"
#include "fmt.h"
#include "plan.h"

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

static void
queue_point(struct jb *j, cJSON *arr, const struct fit *f, size_t i)
{
	const struct fit_point *p = &f->pts[i];
	const struct qobs *q = &f->model->obs[i];
	const struct qpoint *e = &f->model->pred[i];
	cJSON	*o;

	if (arr == NULL || (o = jcheck(j, cJSON_CreateObject())) == NULL)
		return;
	cJSON_AddItemToArray(arr, o);
	jstr(j, o, "benchmark", p->b->name);
	jnum(j, o, "rate", q->rate);
	jnum(j, o, "inputTokens", q->in_tokens);
	jnum(j, o, "outputTokens", q->out_tokens);
	jnum(j, o, "ttftMs", q->ttft);
	jnum(j, o, "ttftPredMs", e->ttft);
	jnum(j, o, "ttftRelErr", e->rel_ttft);
	jnum(j, o, "itlMs", q->itl);
	jnum(j, o, "itlPredMs", e->itl);
	jnum(j, o, "itlRelErr", e->rel_itl);
	jstr(j, o, "file", p->b->file);
	if (p->b->line > 0)
		jint(j, o, "line", (long long)p->b->line);
	else
		jnull(j, o, "line");
}

/* --model queue: the model, the server, the score, the points. */
static void
queue_fields(struct jb *j, cJSON *d, const struct fit *f)
{
	const struct fit_model *m = f->model;
	cJSON	*pts;
	size_t	 i;

	jstr(j, d, "model", "queue");
	jstr(j, d, "queueVersion", m->qs.version == QV_0_6 ? "0.6" : "0.7");
	if (m->preset != NULL)
		jstr(j, d, "preset", m->preset);
	jstr(j, d, "parameters", m->evaluated ? "given" : "fitted");
	jnum(j, d, "alpha", m->alpha);
	jnum(j, d, "beta", m->beta);
	jnum(j, d, "gamma", m->gamma);
	jnum(j, d, "loss", m->score.loss);
	jnum(j, d, "avgErrTTFT", m->score.err_ttft);
	jnum(j, d, "avgErrITL", m->score.err_itl);
	jint(j, d, "maxBatchSize", m->qs.max_batch);
	jstr(j, d, "maxBatchSizeFrom", m->batch_default ? "default" :
	    "option");
	jint(j, d, "maxNumTokens", m->qs.max_tokens);
	jint(j, d, "maxQueueSize", m->qs.max_queue);
	jstr(j, d, "ttftStatistic", stat_name(f->ttft_stat));
	jstr(j, d, "itlStatistic", stat_name(f->itl_stat));
	jint(j, d, "pointCount", (long long)f->npts);
	pts = d == NULL ? NULL :
	    jcheck(j, cJSON_AddArrayToObject(d, "points"));
	for (i = 0; i < f->npts; i++)
		queue_point(j, pts, f, i);
}

/* A value of the sizing, as its float prints; a target, or null. */
static void
jcap(struct jb *j, cJSON *o, const char *key, double x)
{
	jnum(j, o, key, plan_num(x));
}

static void
jtarget(struct jb *j, cJSON *o, const char *key, double x)
{
	if (x > 0)
		jnum(j, o, key, x);
	else
		jnull(j, o, key);
}

/* The model at one rate: what a replica sees there. */
static void
perf_fields(struct jb *j, cJSON *o, const struct qperf *p)
{
	jcap(j, o, "ttftMs", p->ttft);
	jcap(j, o, "itlMs", p->itl);
	jcap(j, o, "waitMs", p->wait);
	jcap(j, o, "batch", p->batch);
	jcap(j, o, "throughput", p->thr);
}

static void
cap_fields(struct jb *j, cJSON *d, const struct plan *p)
{
	const struct capacity *c = &p->cap;
	const struct qshape *s = &p->m.shape;
	cJSON	*o = jobj(j, d, "capacity"), *t, *at;

	jcap(j, o, "maxRate", c->max_rate);
	jstr(j, o, "binding", cap_binding_name(c->binding));
	jcap(j, o, "ttftMs", c->ttft);
	jcap(j, o, "itlMs", c->itl);
	jcap(j, o, "waitMs", c->wait);
	jcap(j, o, "batch", c->batch);
	jcap(j, o, "throughput", c->thr);
	t = jobj(j, o, "targets");
	jtarget(j, t, "ttftMs", p->slo.ttft);
	jtarget(j, t, "itlMs", p->slo.itl);
	jcap(j, o, "rateTtft", c->rate_ttft);
	jcap(j, o, "rateItl", c->rate_itl);
	jcap(j, o, "rateMin", c->range_min);
	jcap(j, o, "rateMax", c->range_max);
	jnum(j, o, "inputTokens", s->in_tokens);
	jstr(j, o, "inputTokensFrom", plan_from_name(p->in_from));
	jnum(j, o, "outputTokens", s->out_tokens);
	jstr(j, o, "outputTokensFrom", plan_from_name(p->out_from));
	jint(j, o, "maxBatchSize", p->m.kind == CAP_QUEUE ? p->m.qs.max_batch :
	    p->m.ls.max_batch);
	jint(j, o, "maxQueueSize", p->m.kind == CAP_QUEUE ? p->m.qs.max_queue :
	    p->m.ls.max_queue);
	if (c->total_rate > 0) {
		jnum(j, o, "rate", c->total_rate);
		jint(j, o, "replicas", c->replicas);
		jnum(j, o, "ratePerReplica", c->per_replica);
		at = jobj(j, o, "perReplica");
		perf_fields(j, at, &c->at_load);
	}
}

/* A sizing from --params alone: the model it sized, no fit. */
static void
given_fields(struct jb *j, cJSON *d, const struct plan *p)
{
	const struct cap_model *m = &p->m;

	jstr(j, d, "model", m->kind == CAP_QUEUE ? "queue" : "linear");
	if (m->kind == CAP_QUEUE)
		jstr(j, d, "queueVersion", m->qs.version == QV_0_6 ? "0.6" :
		    "0.7");
	jstr(j, d, "parameters", "given");
	jnum(j, d, "alpha", m->kind == CAP_QUEUE ? m->qp.alpha : m->lp.alpha);
	jnum(j, d, "beta", m->kind == CAP_QUEUE ? m->qp.beta : m->lp.beta);
	jnum(j, d, "gamma", m->kind == CAP_QUEUE ? m->qp.gamma : m->lp.gamma);
	if (m->kind == CAP_LINEAR)
		jnum(j, d, "delta", m->lp.delta);
	jint(j, d, "maxBatchSize", m->kind == CAP_QUEUE ? m->qs.max_batch :
	    m->ls.max_batch);
	jstr(j, d, "maxBatchSizeFrom", p->batch_default ? "default" :
	    "option");
	if (m->kind == CAP_QUEUE)
		jint(j, d, "maxNumTokens", m->qs.max_tokens);
	jint(j, d, "maxQueueSize", m->kind == CAP_QUEUE ? m->qs.max_queue :
	    m->ls.max_queue);
}

cJSON *
doc_build(const struct benchset *set, const struct fit *f)
{
	struct jb	 j = { 0 };
	cJSON		*d, *arr;
	size_t		 i;

	if ((d = cJSON_CreateObject()) == NULL)
		return NULL;
	if (f != NULL && f->plan != NULL && f->plan->given)
		given_fields(&j, d, f->plan);
	else if (f != NULL && f->model != NULL)
		queue_fields(&j, d, f);
	else if (f != NULL)
		fit_fields(&j, d, f);
	if (f != NULL && f->plan != NULL && f->plan->sized)
		cap_fields(&j, d, f->plan);
	arr = jcheck(&j, cJSON_AddArrayToObject(d, "benchmarks"));
	for (i = 0; i < set->n; i++)
		bench_obj(&j, arr, &set->v[i]);
	if (j.oom) {
		cJSON_Delete(d);
		return NULL;
	}
	return d;
}

cJSON *
doc_num(cJSON *o, const char *key, double x)
{
	char	buf[FMT_NUM_MAX];

	return o == NULL ? NULL :
	    cJSON_AddRawToObject(o, key, fmt_fixed(buf, x, 0));
}

cJSON *
doc_nums(cJSON *o, const char *key, const double *x, int n)
{
	cJSON	*a, *v;
	char	 buf[FMT_NUM_MAX];
	int	 i;

	if (o == NULL || (a = cJSON_AddArrayToObject(o, key)) == NULL)
		return NULL;
	for (i = 0; i < n; i++) {
		if ((v = cJSON_CreateRaw(fmt_fixed(buf, x[i], 0))) == NULL)
			return NULL;
		cJSON_AddItemToArray(a, v);
	}
	return a;
}

char *
doc_render(const struct benchset *set, const struct fit *f,
    char *(*text)(const cJSON *, struct wi_err *), struct wi_err *err)
{
	cJSON	*doc;
	char	*s;

	if ((doc = doc_build(set, f)) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return NULL;
	}
	s = text(doc, err);
	cJSON_Delete(doc);
	return s;
}
