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
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "sizing needs the %s %s", p->in_from == SHAPE_HIGH ?
		    "high run's" : "points'", what);
		return -1;
	}
	if (p->in_from != SHAPE_OPTION || p->out_from != SHAPE_OPTION)
		wi_notef(w, NULL, 0, "sizing for %g prompt and %g output "
		    "tokens per request, %s; give --in-tokens and "
		    "--out-tokens to plan for another shape", s->in_tokens,
		    s->out_tokens, f->method == FIT_LSQ ? "the means of the "
		    "points" : "as the high run's");
	return 0;
}

static int
linear(const struct fit *f, const struct plan_opts *o, struct plan *p,
    struct wi_err *err)
{
	long	q = o->max_queue > 0 ? o->max_queue :
	    LM_QUEUE_RATIO * f->max_batch;

	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, f->high->file, f->high->line,
		    "sizing needs gamma and delta, which need the prompt "
		    "tokens per request: give -i");
		return -1;
	}
	p->m.kind = CAP_LINEAR;
	p->m.lp = (struct lparams){ f->alpha, f->beta, f->gamma, f->delta };
	/* -b is at most BATCH_LIMIT; the core refuses chains too long. */
	p->m.ls = (struct lserver){ (int)f->max_batch,
	    q > 100 * BATCH_LIMIT ? (int)(100 * BATCH_LIMIT) : (int)q };
	return 0;
}

int
plan_fit(const struct fit *f, const struct plan_opts *o, struct plan *p,
    const struct wi_warn *w, struct wi_err *err)
{
	memset(p, 0, sizeof(*p));
	p->slo = o->slo;
	if (linear(f, o, p, err) == -1 || shape(f, o, p, w, err) == -1)
		return -1;
	if (!plan_wanted(o))
		return 0;
	if (cap_size(&p->m, &p->slo, o->rate, &p->cap, err) == -1)
		return -1;
	p->sized = 1;
	return 0;
}
