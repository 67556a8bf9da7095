/*
 * out_doc.c: build the result tree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "out_doc.h"
#include "fmt.h"
#include "mstore.h"
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

static void
jj_bool(struct jb *j, cJSON *o, const char *key, int x)
{
	if (o != NULL)
		jcheck(j, cJSON_AddBoolToObject(o, key, x));
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

	/* p90 where the input has it: older outputs never printed it. */
	for (s = 0; s < ST__COUNT; s++)
		if (s != ST_P90 || bench_has(b, group + s))
			jfield(j, v, stat_name((enum statistic)s), b, group + s);
}

/*
 * Where a benchmark was read: its file and line, and where the input
 * holds several sweeps (and always under --model queue), its sweep.
 */
static void
jplace(struct jb *j, cJSON *o, const struct benchset *set,
    const struct bench *b, int always)
{
	jstr(j, o, "file", b->file);
	if (b->line > 0)
		jint(j, o, "line", (long long)b->line);
	else
		jnull(j, o, "line");
	if ((always || set->nsw > 1) && set->sw[b->sweep].label != NULL)
		jstr(j, o, "sweep", set->sw[b->sweep].label);
}

static void
bench_obj(struct jb *j, cJSON *arr, const struct benchset *set,
    const struct bench *b)
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
	jplace(j, o, set, b, 0);
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

/* A float32 result of the queueing model, with float's digits. */
static void
jf32(struct jb *j, cJSON *o, const char *key, double x)
{
	jnum(j, o, key, fmt_f32((double)(float)x));
}

/* A number, or null when it is not (a held-out fold the model failed). */
static void
jnum_or_null(struct jb *j, cJSON *o, const char *key, double x)
{
	if (isfinite(x))
		jnum(j, o, key, x);
	else
		jnull(j, o, key);
}

static void
queue_point(struct jb *j, cJSON *arr, const struct benchset *set,
    const struct fit *f, size_t i)
{
	const struct fit_point *p = &f->pts[i];
	const struct qobs *q = &f->model->obs[i];
	const struct qpoint *e = &f->model->pred[i];
	const struct qval *v = &f->model->val;
	cJSON	*o;

	if (arr == NULL || (o = jcheck(j, cJSON_CreateObject())) == NULL)
		return;
	cJSON_AddItemToArray(arr, o);
	jstr(j, o, "benchmark", p->b->name);
	jnum(j, o, "rate", q->rate);
	jnum(j, o, "inputTokens", q->in_tokens);
	jnum(j, o, "outputTokens", q->out_tokens);
	jnum(j, o, "ttftMs", q->ttft);
	jf32(j, o, "ttftPredMs", e->ttft);
	jnum(j, o, "ttftRelErr", e->rel_ttft);
	jnum(j, o, "itlMs", q->itl);
	jf32(j, o, "itlPredMs", e->itl);
	jnum(j, o, "itlRelErr", e->rel_itl);
	if (v->oos != NULL && v->method != QV_GIVEN) {
		jnum_or_null(j, o, "ttftHeldOutPredMs",
		    fmt_f32((double)(float)v->oos[i].ttft));
		jnum_or_null(j, o, "ttftHeldOutRelErr", v->oos[i].rel_ttft);
		jnum_or_null(j, o, "itlHeldOutPredMs",
		    fmt_f32((double)(float)v->oos[i].itl));
		jnum_or_null(j, o, "itlHeldOutRelErr", v->oos[i].rel_itl);
	}
	jplace(j, o, set, p->b, 1);
}

/* Errors of one kind over some points: RMS, worst and where, bias. */
static void
err_obj(struct jb *j, cJSON *o, const char *key, const struct benchset *set,
    const struct fit *f, const struct qv_err *e)
{
	cJSON	*x = jobj(j, o, key), *w;
	const struct bench *b;

	if (e->n == 0) {
		jnull(j, x, "rms");
		jnull(j, x, "worst");
		jnull(j, x, "bias");
		jnull(j, x, "worstPoint");
		return;
	}
	jnum(j, x, "rms", e->rms);
	jnum(j, x, "worst", e->worst);
	jnum(j, x, "bias", e->bias);
	b = f->pts[e->worst_pt].b;
	w = jobj(j, x, "worstPoint");
	jstr(j, w, "benchmark", b->name);
	jstr(j, w, "sweep", set->sw[b->sweep].label);
}

static void
sum_obj(struct jb *j, cJSON *o, const char *key, const struct benchset *set,
    const struct fit *f, const struct qv_sum *s, int have)
{
	cJSON	*x;

	if (!have) {
		jnull(j, o, key);
		return;
	}
	x = jobj(j, o, key);
	jint(j, x, "points", (long long)s->ttft.n);
	err_obj(j, x, "ttft", set, f, &s->ttft);
	err_obj(j, x, "itl", set, f, &s->itl);
}

static const char *
qv_method_name(enum qv_method m)
{
	static const char *const names[] = { NULL, "leave-one-sweep-out",
	    "leave-one-load-level-out", "given-parameters" };

	return names[m];
}

/* The out-of-sample check, and the error bars from its refits. */
static void
validation(struct jb *j, cJSON *d, const struct benchset *set,
    const struct fit *f)
{
	static const char *const pn[] = { "alpha", "beta", "gamma" };
	const struct qval *v = &f->model->val;
	cJSON	*o = jobj(j, d, "validation"), *u, *p;
	int	 have = v->method != QV_NONE, k;

	if (have)
		jstr(j, o, "method", qv_method_name(v->method));
	else
		jnull(j, o, "method");
	jint(j, o, "folds", (long long)v->folds);
	jint(j, o, "failedFolds", (long long)v->failed);
	if (v->method == QV_NONE)
		jstr(j, o, "why", v->why_none);
	else
		jnull(j, o, "why");
	sum_obj(j, o, "inSample", set, f, &v->in, 1);
	sum_obj(j, o, "outOfSample", set, f, &v->out, have);
	if (!v->has_bars) {
		jnull(j, d, "uncertainty");
		return;
	}
	u = jobj(j, d, "uncertainty");
	jstr(j, u, "method", "jackknife");
	jnum(j, u, "level", QV_LEVEL);
	jint(j, u, "replicates", (long long)v->nreps);
	for (k = 0; k < 3; k++) {
		p = jobj(j, u, pn[k]);
		jnum(j, p, "se", v->se[k]);
		jnum(j, p, "low", v->lo[k]);
		jnum(j, p, "high", v->hi[k]);
	}
}

/* Per sweep: its points' mean shape and errors in and out of sample. */
static void
sweeps(struct jb *j, cJSON *d, const struct benchset *set,
    const struct fit *f)
{
	const struct qval *v = &f->model->val;
	const struct qv_sweep *s;
	cJSON	*arr, *o;
	double	 in, out;
	size_t	 i, k;

	arr = d == NULL ? NULL : jcheck(j, cJSON_AddArrayToObject(d,
	    "sweeps"));
	for (k = 0; arr != NULL && k < v->nsw; k++) {
		s = &v->sw[k];
		if ((o = jcheck(j, cJSON_CreateObject())) == NULL)
			return;
		cJSON_AddItemToArray(arr, o);
		for (in = out = 0, i = 0; i < f->npts; i++)
			if (f->pts[i].b->sweep == s->sweep) {
				in += f->model->obs[i].in_tokens;
				out += f->model->obs[i].out_tokens;
			}
		jstr(j, o, "sweep", set->sw[s->sweep].label);
		jint(j, o, "points", (long long)s->n);
		jnum(j, o, "inputTokens", in / (double)s->n);
		jnum(j, o, "outputTokens", out / (double)s->n);
		sum_obj(j, o, "inSample", set, f, &s->in, 1);
		sum_obj(j, o, "outOfSample", set, f, &s->out,
		    v->method != QV_NONE);
	}
}

/* --model queue: the model, the server, the score, the points. */
static void
queue_fields(struct jb *j, cJSON *d, const struct benchset *set,
    const struct fit *f)
{
	const struct fit_model *m = f->model;
	cJSON	*pts;
	size_t	 i;

	jstr(j, d, "model", "queue");
	jstr(j, d, "queueVersion", m->qs.version == QV_0_6 ? "0.6" : "0.7");
	if (m->preset != NULL)
		jstr(j, d, "preset", m->preset);
	jstr(j, d, "parameters", m->evaluated ? "given" : "fitted");
	/* What the model computes with: the parameters as floats. */
	jf32(j, d, "alpha", m->alpha);
	jf32(j, d, "beta", m->beta);
	jf32(j, d, "gamma", m->gamma);
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
		queue_point(j, pts, set, f, i);
	validation(j, d, set, f);
	sweeps(j, d, set, f);
}

/* A value of the sizing, as its float prints; a target, or null. */
static void
jcap(struct jb *j, cJSON *o, const char *key, double x)
{
	jnum(j, o, key, fmt_f32(x));
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

/*
 * The model's sizing: what it predicts at its max rate (and that rate,
 * nested, when the answer is another's).
 */
static void
model_cap(struct jb *j, cJSON *o, const struct plan *p, int nested)
{
	const struct capacity *c = &p->cap;
	cJSON	*t;

	if (nested)
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
}

/* A benchmark of the bracket: name, sweep, rate. */
static void
jpoint(struct jb *j, cJSON *o, const char *key, const struct benchset *set,
    const struct bench *b)
{
	cJSON	*x;

	if (b == NULL) {
		jnull(j, o, key);
		return;
	}
	x = jobj(j, o, key);
	jstr(j, x, "benchmark", b->name);
	jstr(j, x, "sweep", set->sw[b->sweep].label);
	jnum(j, x, "rate", b->v[BF_RPS]);
}

static const char *
agree_name(enum vd_agree a)
{
	static const char *const names[] = { NULL, "agree",
	    "model-above-a-miss", "model-below-a-pass", "model-optimistic" };

	return names[a];
}

/* The measurements' own bracket of the max rate (verdict.h). */
static void
measured(struct jb *j, cJSON *o, const struct benchset *set,
    const struct plan *p)
{
	const struct verdict *v = &p->meas;
	cJSON	*m, *s;

	if (!v->have) {
		jnull(j, o, "measured");
		jstr(j, o, "measuredWhyNot", v->why != NULL ? v->why :
		    "no fit: nothing was measured");
		return;
	}
	m = jobj(j, o, "measured");
	s = jobj(j, m, "statistic");
	jstr(j, s, "ttft", stat_name(v->ttft_stat));
	jstr(j, s, "itl", stat_name(v->itl_stat));
	jint(j, m, "points", (long long)v->npts);
	jint(j, m, "sweeps", (long long)v->nsweeps);
	jpoint(j, m, "pass", set, v->pass);
	jpoint(j, m, "miss", set, v->miss);
	if (v->miss != NULL) {
		jstr(j, m, "misses", cap_binding_name(v->miss_by));
		jnum(j, m, "missValueMs", v->miss_value);
	}
	jpoint(j, m, "passBelowMiss", set, v->below);
	jj_bool(j, m, "monotone", v->monotone);
	if (v->rate > 0)
		jnum(j, m, "maxRate", v->rate);
	else
		jnull(j, m, "maxRate");
	if (v->agree != VD_NONE) {
		jstr(j, m, "agreement", agree_name(v->agree));
		jcap(j, m, "modelRate", v->model_rate);
	} else {
		jnull(j, m, "agreement");
		jnull(j, m, "modelRate");
	}
	if (v->at_model > 0)
		jnum(j, m, "atModelRateMs", v->at_model);
	else
		jnull(j, m, "atModelRateMs");
	jpoint(j, m, "against", set, v->against);
}

/*
 * The answer first (the max rate, where it comes from, its interval),
 * then the model's sizing (nested under "model" when the answer is the
 * measurements'), the shape and server, the replicas, the bracket.
 */
static void
cap_fields(struct jb *j, cJSON *d, const struct benchset *set,
    const struct plan *p)
{
	const struct capacity *c = &p->cap;
	const struct answer *a = &p->ans;
	const struct qshape *s = &p->m.shape;
	cJSON	*o = jobj(j, d, "capacity"), *iv;

	jstr(j, o, "statistic", stat_name(p->stat));
	if (a->measured) {
		jnum(j, o, "maxRate", a->rate);
		jstr(j, o, "maxRateFrom", "measurements");
	} else {
		jcap(j, o, "maxRate", a->rate);
		jstr(j, o, "maxRateFrom", "model");
	}
	jnum_or_null(j, o, "maxRateLow", a->lo > 0 ? a->lo : NAN);
	jnum_or_null(j, o, "maxRateHigh", a->hi > 0 ? a->hi : NAN);
	if (a->measured || a->reps >= 2) {
		iv = jobj(j, o, "interval");
		jstr(j, iv, "method", a->measured ? (a->lower_bound ?
		    "measured-lower-bound" : "measured-bracket") :
		    "jackknife");
		if (!a->measured) {
			jnum(j, iv, "level", QV_LEVEL);
			jint(j, iv, "replicates", (long long)a->reps);
		}
	} else
		jnull(j, o, "interval");
	if (a->measured) {
		jstr(j, o, "binding", cap_binding_name(p->meas.miss != NULL ?
		    p->meas.miss_by : BIND_NONE));
		if (c->max_rate > 0) {
			iv = jobj(j, o, "model");
			jstr(j, iv, "statistic", "mean");
			model_cap(j, iv, p, 1);
		} else
			jnull(j, o, "model");
	} else
		model_cap(j, o, p, 0);
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
		jint(j, o, "replicas", a->replicas);
		if (a->replicas_lo > 0)
			jint(j, o, "replicasConservative", a->replicas_lo);
		else
			jnull(j, o, "replicasConservative");
		/* A float's digits, so never above maxRate's. */
		jf32(j, o, "ratePerReplica", a->measured ? c->total_rate /
		    (double)a->replicas : c->per_replica);
		if (!a->measured)
			perf_fields(j, jobj(j, o, "perReplica"), &c->at_load);
	}
	if (!p->given)
		measured(j, o, set, p);
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
		queue_fields(&j, d, set, f);
	else if (f != NULL)
		fit_fields(&j, d, f);
	if (f != NULL && f->plan != NULL && f->plan->sized)
		cap_fields(&j, d, set, f->plan);
	arr = jcheck(&j, cJSON_AddArrayToObject(d, "benchmarks"));
	for (i = 0; i < set->n; i++)
		bench_obj(&j, arr, set, &set->v[i]);
	if (ms_read(set) && doc_windows(d, set, f) == -1)
		j.oom = 1;
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
