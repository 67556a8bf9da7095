/*
 * out_text.c: -o text, the answer for a person. First a few lines in
 * the manner of "kubectl describe": the model and its parameters, how
 * well it fits, and with targets the max rate, what the measurements
 * say and the replicas; then, as "kubectl get" prints, a table of the
 * sweeps (when there are several) and one of the points, measured
 * against predicted. Numbers carry the digits the data supports: a
 * parameter with an error bar down to the bar's second digit, others
 * to three or four significant digits. With -x, a table of what was
 * read.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "mstore.h"
#include "out.h"
#include "plan.h"

/* A name or label as one printable line (bytes outside ASCII kept). */
static void
sb_name(struct sbuf *b, const char *s, int width)
{
	int	n = 0;

	for (; *s != '\0'; s++, n++)
		sb_add(b, (unsigned char)*s < 0x20 || *s == 0x7f ? "?" : s,
		    1);
	for (; n < width; n++)
		sb_puts(b, " ");
}

static const char *
short_label(const struct benchset *set, const struct bench *b)
{
	return set->nsw > 0 ? benchset_short(set, b->sweep) : "";
}

/* The sweep column: only where there are several. */
static void
sweep_col(struct sbuf *b, const struct benchset *set, const char *s, int w)
{
	if (set->nsw < 2)
		return;
	sb_name(b, s, w);
	sb_puts(b, "  ");
}

/* With one sweep, a line that names it instead of the column. */
static void
one_sweep(struct sbuf *b, const struct benchset *set)
{
	if (set->nsw != 1 || set->sw[0].label == NULL)
		return;
	sb_puts(b, "Input:         ");
	sb_name(b, set->sw[0].label, 0);
	sb_puts(b, "\n");
}

/* ------------------------------------------------------------- answer */

static void
param(struct sbuf *b, const char *name, double x, const char *unit,
    const struct qval *v, int k)
{
	char	a[32], lo[32], hi[32];

	if (v != NULL && v->has_bars) {
		fmt_se(a, x, v->se[k]);
		sb_printf(b, "  %-6s %-12s %-22s 90%%: %s to %s\n", name, a,
		    unit, fmt_se(lo, v->lo[k], v->se[k]),
		    fmt_se(hi, v->hi[k], v->se[k]));
	} else
		sb_printf(b, "  %-6s %-12s %s\n", name, fmt_sig(a, x, 4), unit);
}

static void
errline(struct sbuf *b, const char *what, const struct qv_sum *s)
{
	char	t[32], tw[32], i[32], iw[32];

	sb_printf(b, "  %-14s TTFT %s%% RMS (worst %s%%), ITL %s%% RMS "
	    "(worst %s%%)\n",
	    what, fmt_sig(t, 100 * s->ttft.rms, 3),
	    fmt_sig(tw, 100 * s->ttft.worst, 3), fmt_sig(i, 100 * s->itl.rms,
	    3), fmt_sig(iw, 100 * s->itl.worst, 3));
}

static void
queue_answer(struct sbuf *b, const struct benchset *set, const struct fit *f)
{
	static const char *const how[] = { "", "each sweep left out",
	    "each load level left out", "parameters given" };
	const struct fit_model *m = f->model;
	const struct qval *v = &m->val;

	sb_printf(b, "Model:         queueing model v%s, %s %zu points of %zu "
	    "sweep%s (TTFT %s, ITL %s)\n", m->qs.version == QV_0_6 ? "0.6" :
	    "0.7", m->evaluated ? "given parameters on" : "fitted to",
	    f->npts, v->nsw, v->nsw == 1 ? "" : "s", stat_name(f->ttft_stat),
	    stat_name(f->itl_stat));
	sb_printf(b, "Server:        max batch %d%s, max tokens %d, queue %d\n",
	    m->qs.max_batch, m->batch_default ? " (vLLM's default)" : "",
	    m->qs.max_tokens > 0 ? m->qs.max_tokens : QM_DEFAULT_TOKENS,
	    m->qs.max_queue);
	sb_puts(b, "Parameters:\n");
	param(b, "alpha", m->alpha, "ms per iteration", v, 0);
	param(b, "beta", m->beta, "ms per token", v, 1);
	param(b, "gamma", m->gamma, "ms per KV-cache token", v, 2);
	sb_puts(b, "Errors:\n");
	errline(b, v->method == QV_GIVEN ? "on the points" : "in sample",
	    &v->in);
	if (v->method == QV_SWEEPS || v->method == QV_LOADS)
		errline(b, "out of sample", &v->out);
	if (v->method != QV_NONE && v->method != QV_GIVEN)
		sb_printf(b, "  %-14s %s in turn, %zu refits\n", "",
		    how[v->method], v->folds);
	else if (v->method == QV_NONE)
		sb_printf(b, "  %-14s none: %s\n", "out of sample", v->why_none);
	(void)set;
}

static void
linear_answer(struct sbuf *b, const struct fit *f)
{
	char	r1[32], r2[32];

	if (f->method == FIT_LSQ)
		sb_printf(b, "Model:         linear (WVA 2025), least squares "
		    "through %zu points (%s ITL)\n", f->npts,
		    stat_name(f->itl_stat));
	else
		sb_printf(b, "Model:         linear (WVA 2025), two-point: %s "
		    "as batch 1, %s as batch %ld (%s ITL)\n", f->low->name,
		    f->high->name, f->max_batch, stat_name(f->itl_stat));
	sb_printf(b, "Server:        max batch %ld\n", f->max_batch);
	sb_puts(b, "Parameters:\n");
	param(b, "alpha", f->alpha, "ms", NULL, 0);
	param(b, "beta", f->beta, "ms per batch slot", NULL, 0);
	if (f->have_prefill) {
		param(b, "gamma", f->gamma, "ms", NULL, 0);
		param(b, "delta", f->delta, "ms per token x batch", NULL, 0);
		sb_printf(b, "  %-6s %s\n", "tokens",
		    fmt_sig(r1, f->input_tokens, 4));
	}
	if (f->method == FIT_LSQ)
		sb_printf(b, "Fit:           R^2 ITL %s, TTFT %s\n",
		    fmt_sig(r1, f->r2_itl, 4), f->have_prefill ?
		    fmt_sig(r2, f->r2_ttft, 4) : "-");
}

/* "ITL mean <= 30 ms, TTFT mean <= 200 ms" */
static void
targets(struct sbuf *b, const struct plan *p)
{
	char	x[32];

	if (p->slo.ttft > 0)
		sb_printf(b, "TTFT %s <= %s ms", stat_name(p->stat),
		    fmt_sig(x, p->slo.ttft, 6));
	if (p->slo.itl > 0)
		sb_printf(b, "%sITL %s <= %s ms", p->slo.ttft > 0 ? ", " : "",
		    stat_name(p->stat), fmt_sig(x, p->slo.itl, 6));
}

static void
measured_line(struct sbuf *b, const struct plan *p)
{
	const struct verdict *v = &p->meas;
	char	x[32], y[32], z[32], ms[32];

	if (!v->have) {
		sb_printf(b, "Measured:      none (%s)\n", v->why);
		return;
	}
	if (v->miss == NULL)
		sb_printf(b, "Measured:      every load meets the targets, up "
		    "to %s req/s (%s)\n", fmt_sig(x, v->pass->v[BF_RPS], 4),
		    v->pass->name);
	else if (v->below == NULL)
		sb_printf(b, "Measured:      every load misses, from %s req/s "
		    "(%s)\n", fmt_sig(x, v->miss->v[BF_RPS], 4), v->miss->name);
	else
		sb_printf(b, "Measured:      about %s req/s: %s passes at %s, %s "
		    "misses %s at %s (%s ms)%s\n", fmt_sig(x, v->rate, 3),
		    v->below->name, fmt_sig(y, v->below->v[BF_RPS], 4),
		    v->miss->name, v->miss_by == BIND_TTFT ? "TTFT" : "ITL",
		    fmt_sig(z, v->miss->v[BF_RPS], 4),
		    fmt_sig(ms, v->miss_value, 3),
		    v->monotone ? "" : "; a pass lies above that miss");
	if (v->agree == VD_ABOVE_MISS || v->agree == VD_BELOW_PASS ||
	    v->agree == VD_OPTIMISTIC)
		sb_printf(b, "               the model %s (see the warning)\n",
		    v->agree == VD_ABOVE_MISS ? "allows more than a measured "
		    "miss" : v->agree == VD_BELOW_PASS ? "allows less than a "
		    "measured pass" : "is optimistic");
}

static void
sizing(struct sbuf *b, const struct plan *p)
{
	const struct capacity *c = &p->cap;
	const struct answer *a = &p->ans;
	char	x[32], lo[32], hi[32];

	sb_puts(b, "Targets:       ");
	targets(b, p);
	sb_printf(b, " (%s prompt, %s output tokens per request)\n",
	    fmt_sig(x, p->m.shape.in_tokens, 4),
	    fmt_sig(lo, p->m.shape.out_tokens, 4));
	sb_printf(b, "Max rate:      %s req/s per replica",
	    fmt_sig(x, a->rate, 4));
	if (a->measured)
		sb_printf(b, ", from the measurements%s", a->lower_bound ?
		    " (at least: no measured load misses)" : "");
	else
		sb_printf(b, ", %s binds", c->binding == BIND_TTFT ? "TTFT" :
		    c->binding == BIND_ITL ? "ITL" : "no target");
	if (a->lo > 0 && a->hi > 0)
		sb_printf(b, "; %s %s %s %s", a->measured ? "between" : "90%:",
		    fmt_sig(lo, a->lo, 4), a->measured ? "and" : "to",
		    fmt_sig(hi, a->hi, 4));
	sb_puts(b, "\n");
	if (a->measured && c->max_rate > 0)
		sb_printf(b, "Model (means): at most %s req/s\n",
		    fmt_sig(x, c->max_rate, 4));
	if (!p->given)
		measured_line(b, p);
	if (c->total_rate > 0) {
		sb_printf(b, "Replicas:      %ld for %s req/s", a->replicas,
		    fmt_sig(x, c->total_rate, 6));
		if (a->replicas_lo > 0)
			sb_printf(b, " (%ld at the low end)", a->replicas_lo);
		sb_puts(b, "\n");
	}
}

/* ------------------------------------------------------------- tables */

static int
name_width(const struct fit *f, const struct benchset *set, int sweeps)
{
	size_t	i, n;
	int	w = 5;

	for (i = 0; i < f->npts; i++) {
		n = strlen(sweeps ? short_label(set, f->pts[i].b) :
		    f->pts[i].b->name);
		if ((int)n > w)
			w = n > 60 ? 60 : (int)n;
	}
	return w;
}

static void
queue_points(struct sbuf *b, const struct benchset *set, const struct fit *f)
{
	const struct fit_model *m = f->model;
	const struct qval *v = &m->val;
	int	nw = name_width(f, set, 0), sw = name_width(f, set, 1);
	int	held = v->oos != NULL && v->method != QV_GIVEN;
	char	r[32], t1[32], t2[32], t3[32], i1[32], i2[32], i3[32], h1[32],
		h2[32];
	size_t	i;

	sb_printf(b, "\n%-*s  ", nw, "POINT");
	sweep_col(b, set, "SWEEP", sw);
	sb_printf(b, "%8s  %8s %8s %7s  %7s %7s %7s", "RATE", "TTFT", "PRED",
	    "ERR", "ITL", "PRED", "ERR");
	if (held)
		sb_printf(b, "  %9s %9s", "TTFT-OUT", "ITL-OUT");
	sb_puts(b, "\n");
	for (i = 0; i < f->npts; i++) {
		sb_name(b, f->pts[i].b->name, nw);
		sb_puts(b, "  ");
		sweep_col(b, set, short_label(set, f->pts[i].b), sw);
		sb_printf(b, "%8s  %8s %8s %7s  %7s %7s %7s",
		    fmt_sig(r, m->obs[i].rate, 4),
		    fmt_sig(t1, m->obs[i].ttft, 4),
		    fmt_sig(t2, m->pred[i].ttft, 4),
		    fmt_pct(t3, m->pred[i].rel_ttft),
		    fmt_sig(i1, m->obs[i].itl, 3),
		    fmt_sig(i2, m->pred[i].itl, 3),
		    fmt_pct(i3, m->pred[i].rel_itl));
		if (held)
			sb_printf(b, "  %9s %9s",
			    fmt_pct(h1, v->oos[i].rel_ttft),
			    fmt_pct(h2, v->oos[i].rel_itl));
		sb_puts(b, "\n");
	}
}

static void
queue_sweeps(struct sbuf *b, const struct benchset *set, const struct fit *f)
{
	const struct qval *v = &f->model->val;
	const struct qv_sweep *s;
	char	a[32], c[32], d[32], e[32], g[32], h[32];
	size_t	k;
	int	w = 5, n;

	if (v->nsw < 2)
		return;
	for (k = 0; k < v->nsw; k++)
		if ((n = (int)strlen(benchset_short(set, v->sw[k].sweep))) > w)
			w = n > 60 ? 60 : n;
	sb_printf(b, "\n%-*s  %6s  %8s %8s %8s  %8s %8s %8s\n", w, "SWEEP",
	    "POINTS", "TTFT-IN", "BIAS", "OUT", "ITL-IN", "BIAS", "OUT");
	for (k = 0; k < v->nsw; k++) {
		s = &v->sw[k];
		sb_name(b, benchset_short(set, s->sweep), w);
		sb_printf(b, "  %6zu  %7s%% %8s %7s%%  %7s%% %8s %7s%%\n", s->n,
		    fmt_sig(a, 100 * s->in.ttft.rms, 3),
		    fmt_pct(c, s->in.ttft.bias),
		    fmt_sig(d, 100 * s->out.ttft.rms, 3),
		    fmt_sig(e, 100 * s->in.itl.rms, 3),
		    fmt_pct(g, s->in.itl.bias),
		    fmt_sig(h, 100 * s->out.itl.rms, 3));
	}
}

static void
linear_points(struct sbuf *b, const struct benchset *set,
    const struct fit *f)
{
	const struct fit_point *p;
	int	nw = name_width(f, set, 0), sw = name_width(f, set, 1);
	char	x[32], y[32], z[32], t[32], u[32];
	size_t	i;

	sb_printf(b, "\n%-*s  ", nw, "POINT");
	sweep_col(b, set, "SWEEP", sw);
	sb_printf(b, "%8s  %8s %8s  %8s %8s\n", "BATCH", "ITL", "RESID",
	    "TTFT", "RESID");
	for (i = 0; i < f->npts; i++) {
		p = &f->pts[i];
		sb_name(b, p->b->name, nw);
		sb_puts(b, "  ");
		sweep_col(b, set, short_label(set, p->b), sw);
		sb_printf(b, "%8s  %8s %8s  %8s %8s\n", fmt_sig(x, p->batch, 4),
		    fmt_sig(y, p->itl, 4), f->method == FIT_LSQ ?
		    fmt_sig(z, p->itl_resid, 2) : "-", p->has_ttft ?
		    fmt_sig(t, p->ttft, 4) : "-", f->method == FIT_LSQ &&
		    p->has_ttft ? fmt_sig(u, p->ttft_resid, 2) : "-");
	}
}

/* -x: what was read, a row a benchmark. */
static void
extracted(struct sbuf *b, const struct benchset *set)
{
	const struct bench *x;
	char	r[32], c[32], t[32], t2[32], i1[32], i2[32];
	size_t	i, n;
	int	nw = 9, sw = 5;

	for (i = 0; i < set->n; i++) {
		if ((n = strlen(set->v[i].name)) > (size_t)nw)
			nw = (int)n;
		if ((n = strlen(short_label(set, &set->v[i]))) > (size_t)sw)
			sw = n > 60 ? 60 : (int)n;
	}
	one_sweep(b, set);
	sb_printf(b, "%-*s  ", nw, "BENCHMARK");
	sweep_col(b, set, "SWEEP", sw);
	sb_printf(b, "%8s %8s  %8s %8s  %7s %7s\n", "RATE", "CONC", "TTFT",
	    "MEDIAN", "ITL", "MEDIAN");
	for (i = 0; i < set->n; i++) {
		x = &set->v[i];
		sb_name(b, x->name, nw);
		sb_puts(b, "  ");
		sweep_col(b, set, short_label(set, x), sw);
#define V(f, buf, n) (bench_has(x, f) ? fmt_sig(buf, x->v[f], n) : "-")
		sb_printf(b, "%8s %8s  %8s %8s  %7s %7s\n", V(BF_RPS, r, 4),
		    V(BF_CONC, c, 4), V(BF_TTFT + ST_MEAN, t, 4),
		    V(BF_TTFT + ST_MEDIAN, t2, 4), V(BF_ITL + ST_MEAN, i1, 3),
		    V(BF_ITL + ST_MEDIAN, i2, 3));
#undef V
	}
}

static void
given(struct sbuf *b, const struct plan *p)
{
	const struct cap_model *m = &p->m;

	if (m->kind == CAP_QUEUE) {
		sb_printf(b, "Model:         queueing model v%s, parameters "
		    "given\n", m->qs.version == QV_0_6 ? "0.6" : "0.7");
		sb_printf(b, "Server:        max batch %d%s, max tokens %d, "
		    "queue %d\n", m->qs.max_batch, p->batch_default ?
		    " (vLLM's default)" : "", m->qs.max_tokens > 0 ?
		    m->qs.max_tokens : QM_DEFAULT_TOKENS, m->qs.max_queue);
		sb_puts(b, "Parameters:\n");
		param(b, "alpha", m->qp.alpha, "ms per iteration", NULL, 0);
		param(b, "beta", m->qp.beta, "ms per token", NULL, 0);
		param(b, "gamma", m->qp.gamma, "ms per KV-cache token", NULL,
		    0);
		return;
	}
	sb_puts(b, "Model:         linear (WVA 2025), parameters given\n");
	sb_printf(b, "Server:        max batch %d, queue %d\n", m->ls.max_batch,
	    m->ls.max_queue);
	sb_puts(b, "Parameters:\n");
	param(b, "alpha", m->lp.alpha, "ms", NULL, 0);
	param(b, "beta", m->lp.beta, "ms per batch slot", NULL, 0);
	param(b, "gamma", m->lp.gamma, "ms", NULL, 0);
	param(b, "delta", m->lp.delta, "ms per token x batch", NULL, 0);
}

char *
out_text(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	char		*s;

	(void)o;
	if (f == NULL && ms_read(set))
		text_windows(&b, set, f);
	if (f == NULL)
		extracted(&b, set);
	else if (f->plan != NULL && f->plan->given)
		given(&b, f->plan);
	else if (f->model != NULL)
		queue_answer(&b, set, f);
	else
		linear_answer(&b, f);
	if (f != NULL && !(f->plan != NULL && f->plan->given))
		one_sweep(&b, set);
	if (f != NULL && ms_read(set))
		text_windows(&b, set, f);
	if (f != NULL && f->plan != NULL && f->plan->sized)
		sizing(&b, f->plan);
	if (f != NULL && f->model != NULL) {
		queue_sweeps(&b, set, f);
		queue_points(&b, set, f);
	} else if (f != NULL && f->npts > 0)
		linear_points(&b, set, f);
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}
