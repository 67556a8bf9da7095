/*
 * out_env.c: -o env, NAME=value lines that both sh's "." and docker's
 * --env-file read the same way: names from a checked prefix, values
 * plain decimals, no quotes, nothing a shell would expand. The one value
 * that is not a number, the binding target of a sizing, is one of the
 * lowercase words none, ttft, itl: safe unquoted as well.
 */
#include <math.h>
#include <stdio.h>

#include "fmt.h"
#include "mstore.h"
#include "out.h"
#include "plan.h"


static void
var(struct sbuf *b, const char *prefix, const char *name, double x)
{
	char	num[FMT_NUM_MAX];

	sb_printf(b, "%s%s=", prefix, name);
	sb_puts(b, fmt_fixed(num, x, 0));
	sb_puts(b, "\n");
}

/*
 * A list of one number a point, in the order of the points of the json
 * output, joined by commas: still one word for sh, one value for docker.
 */
static void
list(struct sbuf *b, const char *prefix, const char *name,
    const struct fit *f, int what)
{
	char	num[FMT_NUM_MAX];
	size_t	i;
	double	x;

	sb_printf(b, "%s%s=", prefix, name);
	for (i = 0; i < f->npts; i++) {
		x = what == 0 ? f->pts[i].batch : what == 1 ?
		    f->pts[i].itl_resid : f->pts[i].ttft_resid;
		if (i > 0)
			sb_puts(b, ",");
		sb_puts(b, fmt_fixed(num, x, 0));
	}
	sb_puts(b, "\n");
}

/* The measurements' bracket (verdict.h), where there is one. */
static void
measured(struct sbuf *b, const char *pre, const struct verdict *v)
{
	static const char *const agree[] = { "none", "agree",
	    "model-above-a-miss", "model-below-a-pass", "model-optimistic" };

	if (!v->have) {
		sb_printf(b, "%sMEASURED=none\n", pre);
		return;
	}
	sb_printf(b, "%sMEASURED=%s\n", pre, agree[v->agree]);
	if (v->pass != NULL)
		var(b, pre, "MEASURED_PASS_RATE", v->pass->v[BF_RPS]);
	if (v->miss != NULL)
		var(b, pre, "MEASURED_MISS_RATE", v->miss->v[BF_RPS]);
	if (v->rate > 0)
		var(b, pre, "MEASURED_MAX_RATE", v->rate);
}

/* The sizing (--slo-ttft, --slo-itl), values as their floats print. */
static void
capacity(struct sbuf *b, const char *pre, const struct plan *p)
{
	const struct capacity *c = &p->cap;
	const struct answer *a = &p->ans;

	sb_printf(b, "%sSLO_STAT=%s\n", pre, stat_name(p->stat));
	var(b, pre, "MAX_RATE", a->measured ? a->rate : fmt_f32(a->rate));
	sb_printf(b, "%sMAX_RATE_FROM=%s\n", pre, a->measured ?
	    "measurements" : "model");
	if (a->lo > 0)
		var(b, pre, "MAX_RATE_LOW", a->lo);
	if (a->hi > 0)
		var(b, pre, "MAX_RATE_HIGH", a->hi);
	if (a->measured) {
		sb_printf(b, "%sBINDING=%s\n", pre, cap_binding_name(
		    p->meas.miss != NULL ? p->meas.miss_by : BIND_NONE));
		var(b, pre, "MODEL_MAX_RATE", fmt_f32(c->max_rate));
	} else
		sb_printf(b, "%sBINDING=%s\n", pre,
		    cap_binding_name(c->binding));
	var(b, pre, "TTFT_MS", fmt_f32(c->ttft));
	var(b, pre, "ITL_MS", fmt_f32(c->itl));
	var(b, pre, "WAIT_MS", fmt_f32(c->wait));
	var(b, pre, "BATCH", fmt_f32(c->batch));
	var(b, pre, "THROUGHPUT", fmt_f32(c->thr));
	if (p->slo.ttft > 0)
		var(b, pre, "SLO_TTFT_MS", p->slo.ttft);
	if (p->slo.itl > 0)
		var(b, pre, "SLO_ITL_MS", p->slo.itl);
	var(b, pre, "PLAN_INPUT_TOKENS", p->m.shape.in_tokens);
	var(b, pre, "PLAN_OUTPUT_TOKENS", p->m.shape.out_tokens);
	if (c->total_rate > 0) {
		var(b, pre, "RATE", c->total_rate);
		sb_printf(b, "%sREPLICAS=%ld\n", pre, a->replicas);
		if (a->replicas_lo > 0)
			sb_printf(b, "%sREPLICAS_CONSERVATIVE=%ld\n", pre,
			    a->replicas_lo);
		var(b, pre, "RATE_PER_REPLICA", fmt_f32((double)(float)
		    (a->measured ? c->total_rate / (double)a->replicas :
		    c->per_replica)));
	}
	if (!p->given)
		measured(b, pre, &p->meas);
}

/* A sizing from --params alone: the model it sized. */
static void
given_env(struct sbuf *b, const struct plan *p, const char *pre)
{
	const struct cap_model *m = &p->m;

	if (m->kind == CAP_QUEUE) {
		sb_printf(b, "%sMODEL=queue\n%sQUEUE_VERSION=%s\n", pre, pre,
		    m->qs.version == QV_0_6 ? "0.6" : "0.7");
		var(b, pre, "ALPHA", m->qp.alpha);
		var(b, pre, "BETA", m->qp.beta);
		var(b, pre, "GAMMA", m->qp.gamma);
		sb_printf(b, "%sMAX_BATCH_SIZE=%d\n", pre, m->qs.max_batch);
		sb_printf(b, "%sMAX_NUM_TOKENS=%d\n", pre, m->qs.max_tokens);
		sb_printf(b, "%sMAX_QUEUE_SIZE=%d\n", pre, m->qs.max_queue);
		return;
	}
	sb_printf(b, "%sMODEL=linear\n", pre);
	var(b, pre, "ALPHA", m->lp.alpha);
	var(b, pre, "BETA", m->lp.beta);
	var(b, pre, "GAMMA", m->lp.gamma);
	var(b, pre, "DELTA", m->lp.delta);
	sb_printf(b, "%sMAX_BATCH_SIZE=%d\n", pre, m->ls.max_batch);
	sb_printf(b, "%sMAX_QUEUE_SIZE=%d\n", pre, m->ls.max_queue);
}

/*
 * --model queue: one number a point, what 0 rate, 1 and 2 rel errors, 3
 * and 4 held-out rel errors, 5 the point's sweep (1-based, in order).
 */
static void
queue_list(struct sbuf *b, const char *prefix, const char *name,
    const struct fit *f, int what)
{
	const struct qval *v = &f->model->val;
	char	num[FMT_NUM_MAX];
	size_t	i, k;
	double	x;

	sb_printf(b, "%s%s=", prefix, name);
	for (i = 0; i < f->npts; i++) {
		/* v->oos is NULL without validation: only 3, 4 read it. */
		x = what == 0 ? f->model->obs[i].rate : what == 1 ?
		    f->model->pred[i].rel_ttft : what == 2 ?
		    f->model->pred[i].rel_itl : what == 3 ? v->oos[i].rel_ttft :
		    what == 4 ? v->oos[i].rel_itl : 0;
		if (what == 5) {
			for (k = 0; v->sw[k].sweep != f->pts[i].b->sweep; k++)
				continue;
			x = (double)k + 1;
		}
		if (i > 0)
			sb_puts(b, ",");
		/* nan: a point of a fold the model failed on */
		sb_puts(b, isnan(x) ? "nan" : fmt_fixed(num, x, 0));
	}
	sb_puts(b, "\n");
}

/* IN_TTFT_RMS=...: one kind of errors, in or out of sample. */
static void
errs(struct sbuf *b, const char *p, const char *io, const char *kind,
    const struct qv_err *e)
{
	char	name[32];

	if (e->n == 0)
		return;
	snprintf(name, sizeof(name), "%s_%s_RMS", io, kind);
	var(b, p, name, e->rms);
	snprintf(name, sizeof(name), "%s_%s_WORST", io, kind);
	var(b, p, name, e->worst);
	snprintf(name, sizeof(name), "%s_%s_BIAS", io, kind);
	var(b, p, name, e->bias);
}

/* The out-of-sample check and the error bars (qval.h). */
static void
validation(struct sbuf *b, const char *p, const struct fit *f)
{
	static const char *const method[] = { "none", "leave-one-sweep-out",
	    "leave-one-load-level-out", "given-parameters" };
	static const char *const pn[] = { "ALPHA", "BETA", "GAMMA" };
	const struct qval *v = &f->model->val;
	char	name[32];
	int	k;

	sb_printf(b, "%sSWEEPS=%zu\n", p, v->nsw);
	queue_list(b, p, "POINT_SWEEPS", f, 5);
	sb_printf(b, "%sVALIDATION=%s\n", p, method[v->method]);
	errs(b, p, "IN", "TTFT", &v->in.ttft);
	errs(b, p, "IN", "ITL", &v->in.itl);
	if (v->method == QV_NONE)
		return;
	sb_printf(b, "%sFOLDS=%zu\n", p, v->folds);
	errs(b, p, "OUT", "TTFT", &v->out.ttft);
	errs(b, p, "OUT", "ITL", &v->out.itl);
	if (v->method != QV_GIVEN) {
		queue_list(b, p, "TTFT_HELD_OUT_REL_ERRORS", f, 3);
		queue_list(b, p, "ITL_HELD_OUT_REL_ERRORS", f, 4);
	}
	for (k = 0; v->has_bars && k < 3; k++) {
		snprintf(name, sizeof(name), "%s_LOW", pn[k]);
		var(b, p, name, v->lo[k]);
		snprintf(name, sizeof(name), "%s_HIGH", pn[k]);
		var(b, p, name, v->hi[k]);
	}
}

static void
queue_env(struct sbuf *b, const struct fit *f, const char *p)
{
	const struct fit_model *m = f->model;

	sb_printf(b, "%sMODEL=queue\n%sQUEUE_VERSION=%s\n", p, p,
	    m->qs.version == QV_0_6 ? "0.6" : "0.7");
	var(b, p, "ALPHA", fmt_f32((double)(float)m->alpha));
	var(b, p, "BETA", fmt_f32((double)(float)m->beta));
	var(b, p, "GAMMA", fmt_f32((double)(float)m->gamma));
	var(b, p, "LOSS", m->score.loss);
	var(b, p, "AVG_ERR_TTFT", m->score.err_ttft);
	var(b, p, "AVG_ERR_ITL", m->score.err_itl);
	sb_printf(b, "%sMAX_BATCH_SIZE=%d\n", p, m->qs.max_batch);
	sb_printf(b, "%sMAX_NUM_TOKENS=%d\n", p, m->qs.max_tokens);
	sb_printf(b, "%sMAX_QUEUE_SIZE=%d\n", p, m->qs.max_queue);
	sb_printf(b, "%sPOINTS=%zu\n", p, f->npts);
	queue_list(b, p, "POINT_RATES", f, 0);
	queue_list(b, p, "TTFT_REL_ERRORS", f, 1);
	queue_list(b, p, "ITL_REL_ERRORS", f, 2);
	validation(b, p, f);
}

char *
out_env(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	char		*s;

	if (f->plan != NULL && f->plan->given) {
		given_env(&b, f->plan, o->env_prefix);
		goto done;
	}
	if (f->model != NULL) {
		queue_env(&b, f, o->env_prefix);
		goto done;
	}
	var(&b, o->env_prefix, "ALPHA", f->alpha);
	var(&b, o->env_prefix, "BETA", f->beta);
	if (f->have_prefill) {
		var(&b, o->env_prefix, "GAMMA", f->gamma);
		var(&b, o->env_prefix, "DELTA", f->delta);
	}
	sb_printf(&b, "%sMAX_BATCH_SIZE=%ld\n", o->env_prefix, f->max_batch);
	if (f->have_prefill)
		var(&b, o->env_prefix, "INPUT_TOKENS", f->input_tokens);
	if (f->method == FIT_LSQ) {
		var(&b, o->env_prefix, "ITL_R2", f->r2_itl);
		if (f->have_prefill)
			var(&b, o->env_prefix, "TTFT_R2", f->r2_ttft);
		sb_printf(&b, "%sPOINTS=%zu\n", o->env_prefix, f->npts);
		list(&b, o->env_prefix, "POINT_CONCURRENCY", f, 0);
		list(&b, o->env_prefix, "ITL_RESIDUALS", f, 1);
		if (f->have_prefill)
			list(&b, o->env_prefix, "TTFT_RESIDUALS", f, 2);
	}
done:
	if (ms_read(set))
		env_windows(&b, o->env_prefix, set, f);
	if (f->plan != NULL && f->plan->sized)
		capacity(&b, o->env_prefix, f->plan);
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}
