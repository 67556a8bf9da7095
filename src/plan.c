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

double
plan_num(double x)
{
	char	buf[40];
	int	prec;

	if (!isfinite(x) || x == 0 || (double)(float)x != x)
		return x;
	for (prec = 0; prec < 9; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec, x);
		if (strtof(buf, NULL) == (float)x)
			break;
	}
	return strtod(buf, NULL);
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
	return 0;
}

int
plan_fit(const struct fit *f, const struct solve_opts *so,
    const struct plan_opts *o, struct plan *p, const struct wi_warn *w,
    struct wi_err *err)
{
	memset(p, 0, sizeof(*p));
	p->slo = o->slo;
	if (model(f, so, p, err) == -1 || shape(f, o, p, w, err) == -1)
		return -1;
	return size(o, p, err);
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
