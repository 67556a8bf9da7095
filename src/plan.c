/*
 * plan.c: the model a fit gives, sized under latency targets (plan.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plan.h"

int
plan_wanted(const struct plan_opts *o)
{
	return o->slo.ttft > 0 || o->slo.itl > 0;
}

const char *
plan_from_name(enum shape_from f)
{
	static const char *const names[] = { "option", "high", "points" };

	return names[f];
}

/*
 * The mean of field fl over the fit's benchmarks that have it (two-point:
 * the high one alone); -1 when none has it.
 */
static double
fit_tokens(const struct fit *f, int fl, enum shape_from *from)
{
	double	sum = 0;
	size_t	i, n = 0;

	if (f->model != NULL) {
		*from = SHAPE_POINTS;
		for (i = 0; i < f->npts; i++)
			sum += fl == BF_PROMPT_TPR ? f->model->obs[i].in_tokens :
			    f->model->obs[i].out_tokens;
		return f->npts > 0 ? sum / (double)f->npts : -1;
	}
	if (f->method != FIT_LSQ) {
		*from = SHAPE_HIGH;
		return bench_has(f->high, fl) ? f->high->v[fl] : -1;
	}
	*from = SHAPE_POINTS;
	for (i = 0; i < f->npts; i++)
		if (bench_has(f->pts[i].b, fl)) {
			sum += f->pts[i].b->v[fl];
			n++;
		}
	return n > 0 ? sum / (double)n : -1;
}

/*
 * Are the points' sweeps of one shape (their mean tokens within
 * VD_SHAPE of all the points')? If not, their mean is a workload nobody
 * measured: the range goes into msg.
 */
static int
one_shape(const struct fit *f, const struct qshape *all, char *msg,
    size_t sz)
{
	double	lo[2] = { INFINITY, INFINITY }, hi[2] = { 0, 0 }, t[2];
	size_t	i, j, n;
	int	k, same = 1, sweeps = 0;

	for (i = 0; i < f->npts; i++) {
		for (j = 0; j < i && f->pts[j].b->sweep !=
		    f->pts[i].b->sweep; j++)
			continue;
		if (j < i)
			continue;	/* that sweep is done */
		sweeps++;
		t[0] = t[1] = 0;
		for (n = 0, j = i; j < f->npts; j++)
			if (f->pts[j].b->sweep == f->pts[i].b->sweep &&
			    bench_has(f->pts[j].b, BF_PROMPT_TPR) &&
			    bench_has(f->pts[j].b, BF_OUTPUT_TPR)) {
				t[0] += f->pts[j].b->v[BF_PROMPT_TPR];
				t[1] += f->pts[j].b->v[BF_OUTPUT_TPR];
				n++;
			}
		for (k = 0; n > 0 && k < 2; k++) {
			t[k] /= (double)n;
			lo[k] = fmin(lo[k], t[k]);
			hi[k] = fmax(hi[k], t[k]);
			same &= fabs(t[k] - (k == 0 ? all->in_tokens :
			    all->out_tokens)) <= VD_SHAPE * (k == 0 ?
			    all->in_tokens : all->out_tokens);
		}
	}
	snprintf(msg, sz, "%d sweeps of %.0f to %.0f prompt and %.0f to %.0f "
	    "output tokens per request", sweeps, lo[0], hi[0], lo[1], hi[1]);
	return same;
}

/*
 * Which of the token shape came from the fit: only those are to be
 * given. -i (--input-tokens) is the prompt length delta is fitted for,
 * not a shape to size for: where it was given, the note says so.
 */
static void
shape_note(const struct fit *f, const struct plan *p, const struct wi_warn *w)
{
	const struct qshape *s = &p->m.shape;
	const char	*whose = f->method == FIT_LSQ || f->model != NULL ?
	    "the means of the points" : "as the high run's";
	const char	*i_given = f->model == NULL && f->have_prefill &&
	    !f->input_tokens_measured ? " (-i sets the prompt tokens delta is "
	    "fitted for, not those sized for)" : "";

	if (p->in_from != SHAPE_OPTION && p->out_from != SHAPE_OPTION)
		wi_notef(w, NULL, 0, "sizing for %g prompt and %g output "
		    "tokens per request, %s; give --in-tokens and "
		    "--out-tokens to plan for another shape%s", s->in_tokens,
		    s->out_tokens, whose, i_given);
	else if (p->in_from != SHAPE_OPTION)
		wi_notef(w, NULL, 0, "sizing for %g prompt tokens per "
		    "request, %s (output tokens: --out-tokens' %g); give "
		    "--in-tokens to plan for another prompt length%s",
		    s->in_tokens, whose, s->out_tokens, i_given);
	else if (p->out_from != SHAPE_OPTION)
		wi_notef(w, NULL, 0, "sizing for %g output tokens per request, "
		    "%s (prompt tokens: --in-tokens' %g); give --out-tokens to "
		    "plan for another output length", s->out_tokens, whose,
		    s->in_tokens);
}

static int
shape(const struct fit *f, const struct plan_opts *o, struct plan *p,
    const struct wi_warn *w, struct wi_err *err)
{
	char		 range[160];
	struct qshape	*s = &p->m.shape;
	const char	*what = NULL;

	p->in_from = p->out_from = SHAPE_OPTION;
	if ((s->in_tokens = o->in_tokens) == 0 &&
	    (s->in_tokens = fit_tokens(f, BF_PROMPT_TPR, &p->in_from)) < 0)
		what = "prompt tokens per request: give --in-tokens";
	if ((s->out_tokens = o->out_tokens) == 0 &&
	    (s->out_tokens = fit_tokens(f, BF_OUTPUT_TPR, &p->out_from)) < 0)
		what = "output tokens per request: give --out-tokens";
	if (what != NULL) {
		wi_seterr(err, WI_EINPUT, f->high != NULL ? f->high->file :
		    NULL, f->high != NULL ? f->high->line : 0,
		    "sizing needs the %s %s", p->in_from == SHAPE_HIGH ?
		    "high run's" : "points'", what);
		return -1;
	}
	if (plan_wanted(o) && (p->in_from == SHAPE_POINTS ||
	    p->out_from == SHAPE_POINTS) && !one_shape(f, s, range,
	    sizeof(range))) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "the points are %s: sizing "
		    "their mean would size a workload nobody measured; give "
		    "--in-tokens and --out-tokens", range);
		return -1;
	}
	if (plan_wanted(o))
		shape_note(f, p, w);
	return 0;
}

/*
 * The linear model's server: WVA sizes the queue at LM_QUEUE_RATIO x
 * max batch. -b and --max-queue are at most BATCH_LIMIT, so this fits
 * an int; the core refuses chains too long for memory.
 */
static void
linear_server(struct plan *p, long max_batch, long max_queue)
{
	p->m.kind = CAP_LINEAR;
	p->m.ls = (struct lserver){ (int)max_batch, (int)(max_queue >= 0 ?
	    max_queue : LM_QUEUE_RATIO * max_batch) };
}

static int
model(const struct fit *f, const struct solve_opts *so, struct plan *p,
    struct wi_err *err)
{
	const struct fit_model *q = f->model;

	if (q != NULL) {
		p->m.kind = CAP_QUEUE;
		p->m.qp = (struct qparams){ q->alpha, q->beta, q->gamma };
		p->m.qs = q->qs;
		return 0;
	}
	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "sizing needs gamma and delta, which need the prompt "
		    "tokens per request: give -i");
		return -1;
	}
	p->m.lp = (struct lparams){ f->alpha, f->beta, f->gamma, f->delta };
	linear_server(p, f->max_batch, so->max_queue);
	return 0;
}

static int
size(const struct plan_opts *o, struct plan *p, struct wi_err *err)
{
	if (!plan_wanted(o))
		return 0;
	if (cap_size(&p->m, &p->slo, o->rate, &p->cap, err) == -1)
		return -1;
	p->sized = 1;
	p->ans.rate = p->cap.max_rate;
	p->ans.replicas = p->cap.replicas;
	return 0;
}

/* Replicas for total at a max rate per replica; 0 if rate is not > 0. */
static long
replicas(double total, double rate)
{
	double	r;

	if (!(total > 0) || !(rate > 0))
		return 0;
	r = ceil(total / rate);
	return r > (double)CAP_MAX_REPLICAS ? CAP_MAX_REPLICAS : (long)r;
}

/*
 * The model's max rate at each refit's parameters, jackknifed. A refit
 * whose model cannot meet the targets at all counts as rate 0.
 */
static int
bars(const struct fit *f, const struct plan_opts *o, struct plan *p,
    struct wi_err *err)
{
	const struct qval *v = &f->model->val;
	struct cap_model m = p->m;
	struct capacity	 c;
	struct wi_err	 e;
	double		 r[QV_MAX_FOLDS], se;
	size_t		 i;

	if (v->nreps < 2)
		return 0;
	for (i = 0; i < v->nreps; i++) {
		m.qp = v->reps[i];
		memset(&e, 0, sizeof(e));
		if (cap_size(&m, &p->slo, 0, &c, &e) == -1) {
			if (e.code != WI_EINPUT) {
				*err = e;
				return -1;
			}
			c.max_rate = 0;
		}
		r[i] = c.max_rate;
	}
	qv_interval(p->cap.max_rate, r, v->nreps, 0, &se, &p->ans.lo,
	    &p->ans.hi);
	p->ans.reps = v->nreps;
	p->ans.replicas_lo = replicas(o->rate, p->ans.lo);
	return 0;
}

/* A percentile target: the measurements' answer, or why there is none. */
static int
measured_answer(const struct plan_opts *o, struct plan *p,
    struct wi_err *err)
{
	const struct verdict *v = &p->meas;
	struct answer	*a = &p->ans;

	a->measured = 1;
	a->rate = a->lo = a->hi = 0;
	if (!v->have) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--slo-stat %s is answered "
		    "from the measured points, but %s", stat_name(p->stat),
		    v->why);
		return -1;
	}
	if (v->miss != NULL && v->below == NULL) {
		wi_seterr(err, WI_EINPUT, v->miss->file, v->miss->line,
		    "every measured load misses the %s targets: the lowest, "
		    "%s at %.4g req/s, has %s %s %.4g ms", stat_name(p->stat),
		    v->miss->name, v->miss->v[BF_RPS], v->miss_by == BIND_TTFT ?
		    "TTFT" : "ITL", stat_name(v->miss_by == BIND_TTFT ?
		    v->ttft_stat : v->itl_stat), v->miss_value);
		return -1;
	}
	if (v->miss == NULL) {
		a->rate = a->lo = v->pass->v[BF_RPS];
		a->lower_bound = 1;
	} else {
		a->rate = v->rate;
		a->lo = v->below->v[BF_RPS];
		a->hi = v->miss->v[BF_RPS];
	}
	a->replicas = replicas(o->rate, a->rate);
	a->replicas_lo = replicas(o->rate, a->lo);
	return 0;
}

/* What a statistic of a target reads as in a message: "ITL mean". */
static const char *
target_name(const struct verdict *v, enum binding t, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s %s", t == BIND_TTFT ? "TTFT" : "ITL",
	    stat_name(t == BIND_TTFT ? v->ttft_stat : v->itl_stat));
	return buf;
}

/* The measurements against the model: a warning where they disagree. */
static void
disagree(const struct plan *p, const struct wi_warn *w)
{
	const struct verdict *v = &p->meas;
	const struct bench *b = v->against;
	char	 t[32];

	if (v->agree == VD_ABOVE_MISS)
		wi_warnf(w, b->file, b->line, "the model's max rate %.4g req/s "
		    "lies above a measured miss: %s at %.4g req/s has %s %.4g "
		    "ms, over the target %g ms", v->model_rate, b->name,
		    b->v[BF_RPS], target_name(v, v->miss_by, t, sizeof(t)),
		    v->miss_value, v->miss_by == BIND_TTFT ? p->slo.ttft :
		    p->slo.itl);
	else if (v->agree == VD_BELOW_PASS)
		wi_warnf(w, b->file, b->line, "the model's max rate %.4g req/s "
		    "lies below a measured pass: %s at %.4g req/s meets every "
		    "target", v->model_rate, b->name, b->v[BF_RPS]);
	else if (v->agree == VD_OPTIMISTIC)
		wi_warnf(w, b->file, b->line, "the model is optimistic at %s: "
		    "it allows %.4g req/s, where the measurements put %s at "
		    "about %.4g ms (between %s at %.4g and %s at %.4g req/s: "
		    "%.4g ms); they support about %.4g req/s",
		    v->miss_by == BIND_TTFT ? "TTFT" : "ITL", v->model_rate,
		    target_name(v, v->at_by, t, sizeof(t)), v->at_model,
		    v->below->name, v->below->v[BF_RPS], b->name, b->v[BF_RPS],
		    v->miss_value, v->rate);
	if (p->ans.measured && p->cap.max_rate > 0)
		wi_notef(w, NULL, 0, "%s targets are answered from the measured "
		    "points; the model predicts means, which meet the same "
		    "targets up to %.4g req/s: an upper bound", stat_name(p->stat),
		    p->cap.max_rate);
}

/*
 * Sizing a fit: the model's answer, its interval, the measurements'
 * bracket and, for a percentile, their answer.
 */
static int
size_fit(const struct benchset *set, const struct fit *f,
    const struct plan_opts *o, struct plan *p, const struct wi_warn *w,
    struct wi_err *err)
{
	struct wi_err	e;

	memset(&e, 0, sizeof(e));
	if (size(o, p, p->stat == ST_MEAN ? err : &e) == -1) {
		if (p->stat == ST_MEAN || e.code != WI_EINPUT) {
			if (p->stat != ST_MEAN)
				*err = e;
			return -1;
		}
		memset(&p->cap, 0, sizeof(p->cap));	/* no model bound */
		p->sized = 1;
	}
	if (!p->sized)
		return 0;
	verdict_measure(set, &p->m.shape, &p->slo, p->stat, &p->meas);
	if (p->cap.max_rate > 0)
		verdict_compare(&p->meas, &p->slo, p->cap.max_rate);
	if (p->stat != ST_MEAN && measured_answer(o, p, err) == -1)
		return -1;
	if (p->stat == ST_MEAN && f->model != NULL &&
	    bars(f, o, p, err) == -1)
		return -1;
	disagree(p, w);
	return 0;
}

int
plan_fit(const struct benchset *set, const struct fit *f,
    const struct solve_opts *so, const struct plan_opts *o, struct plan *p,
    const struct wi_warn *w, struct wi_err *err)
{
	memset(p, 0, sizeof(*p));
	p->slo = o->slo;
	p->stat = o->stat;
	if (model(f, so, p, err) == -1 || shape(f, o, p, w, err) == -1)
		return -1;
	return size_fit(set, f, o, p, w, err);
}

int
plan_params(const struct solve_opts *so, const struct plan_opts *o,
    struct plan *p, const struct wi_warn *w, struct wi_err *err)
{
	const struct fit_params *g = &so->params;
	long	batch = so->max_batch > 0 ? so->max_batch : QUEUE_BATCH;

	memset(p, 0, sizeof(*p));
	p->given = 1;
	p->batch_default = so->max_batch == 0;
	p->slo = o->slo;
	p->m.shape = (struct qshape){ o->in_tokens, o->out_tokens };
	if (so->model == MODEL_QUEUE) {
		p->m.kind = CAP_QUEUE;
		p->m.qp = (struct qparams){ g->alpha, g->beta, g->gamma };
		p->m.qs = (struct qserver){ (int)batch, (int)so->max_tokens,
		    (int)(so->max_queue >= 0 ? so->max_queue : batch),
		    so->qversion };
	} else {
		p->m.lp = (struct lparams){ g->alpha, g->beta, g->gamma,
		    g->delta };
		linear_server(p, batch, so->max_queue);
	}
	if (p->batch_default)
		wi_notef(w, NULL, 0, "max batch size %ld, vLLM's default "
		    "--max-num-seqs; give -b to set the server's", batch);
	return size(o, p, err);
}
