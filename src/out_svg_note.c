/*
 * out_svg_note.c: what the rate plot (out_svg_rate.h) says beside its
 * curves and points. In the panels, with a sizing: the max rate (a
 * green line, its 90% interval a green band where the queue fit's refits
 * give one), the measurements' bracket between the panels (the last
 * pass, the first miss), and with --rate the load each replica carries.
 * Below them: the model and its server, the parameters with their units
 * and intervals, how well the model fits (RMS relative errors in and out
 * of sample, R^2 for least squares), the tokens per request the curves
 * are drawn at, and with several sweeps a legend of them with their
 * errors.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "out_svg_rate.h"

#define GREEN	"#2ca02c"
#define LABEL_W	28		/* a sweep label's characters at most */

static double
bottom(const struct rplot *r)
{
	return r->p[1].top + RP_PANEL_H;
}

/* The max rate's 90% interval, under the curves. */
void
rp_band(struct sbuf *b, const struct rplot *r)
{
	const struct answer *a = &r->pl->ans;
	double	x0, x1;
	int	k;

	if (!r->pl->sized || a->measured || !(a->lo > 0) || !(a->hi > 0))
		return;
	x0 = fmax(rp_x(r, a->lo), RP_L);
	x1 = fmin(rp_x(r, a->hi), RP_W - RP_R);
	for (k = 0; k < 2; k++)
		sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"" GREEN "\" fill-opacity=\"0.15\">"
		    "<title>90%% interval of the max rate: %.4g to %.4g req/s, "
		    "from %zu refits</title></rect>\n", x0, r->p[k].top,
		    fmax(x1 - x0, 0), RP_PANEL_H, fmt_f32(a->lo),
		    fmt_f32(a->hi), a->reps);
}

/*
 * A vertical line over both panels and its label of one or two lines in
 * panel p: at its top or its bottom (two lines' baseline at y0 or y1),
 * on the side of the line with room first, where it is clear of the
 * points; else at y0 on that side. The label is taken from p's labels.
 */
static void
vline(struct sbuf *b, struct rpanel *p, const struct rplot *r, double rate,
    const char *style, const char *l1, const char *l2, double y0, double y1)
{
	double	cx = rp_x(r, rate), w, y = y0;
	int	left = cx > (RP_L + RP_W - RP_R) / 2, k;
	struct box bx;

	w = fmax(lab_width(l1), lab_width(l2)) * 12 / 11;
	for (k = 0; k < 4; k++) {
		bx.x0 = (left ^ (k >= 2)) ? cx - 5 - w : cx + 5;
		bx.x1 = bx.x0 + w;
		bx.y0 = (k % 2 == 0 ? y0 : y1) - 12;
		bx.y1 = bx.y0 + (*l2 != '\0' ? 30 : 16);
		if (lab_clear(&p->lab, &bx))
			break;
	}
	if (k < 4) {
		left ^= k >= 2;
		y = k % 2 == 0 ? y0 : y1;
	}
	sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "%s/>\n<g font-size=\"12\" text-anchor=\"%s\" stroke=\"#fff\" "
	    "stroke-width=\"3\" paint-order=\"stroke\">\n<text x=\"%.1f\" "
	    "y=\"%.1f\">%s</text>\n", cx, RP_TOP, cx, bottom(r), style,
	    left ? "end" : "start", cx + (left ? -5 : 5), y, l1);
	if (*l2 != '\0')
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
		    cx + (left ? -5 : 5), y + 14, l2);
	sb_puts(b, "</g>\n");
	lab_take(&p->lab, left ? cx - 5 - w : cx + 5, y - 12, left ? cx - 5 :
	    cx + 5 + w, y + (*l2 != '\0' ? 18 : 4));
}

/* The max rate, and with --rate the load per replica. */
void
rp_marks(struct sbuf *b, struct rplot *r)
{
	const struct plan *pl = r->pl;
	const struct answer *a = &pl->ans;
	char	l1[160], l2[160], x[FMT_SIG_MAX], y[FMT_SIG_MAX];
	double	per;

	if (!pl->sized || !(a->rate > 0))
		return;
	*l2 = '\0';
	if (!a->measured)
		snprintf(l1, sizeof(l1), "max %.4g req/s (%s)",
		    fmt_f32(a->rate), pl->cap.binding == BIND_NONE ?
		    "no target binds" : pl->cap.binding == BIND_TTFT ?
		    "TTFT binds" : "ITL binds");
	else
		snprintf(l1, sizeof(l1), "%s %.4g req/s (measured %s)",
		    a->lower_bound ? "at least" : "max", a->rate,
		    stat_name(pl->stat));
	if (!a->measured && a->lo > 0 && a->hi > 0)
		snprintf(l2, sizeof(l2), "90%%: %.4g to %.4g (the band)",
		    fmt_f32(a->lo), fmt_f32(a->hi));
	else if (a->measured && pl->cap.max_rate > 0)
		snprintf(l2, sizeof(l2), "the model's means: at most %.4g",
		    fmt_f32(pl->cap.max_rate));
	sb_puts(b, "<g fill=\"" GREEN "\">\n");
	vline(b, &r->p[0], r, a->rate, "stroke=\"" GREEN "\" "
	    "stroke-width=\"1.5\" stroke-dasharray=\"3 3\"", l1, l2,
	    RP_TOP + 16, RP_TOP + RP_PANEL_H - (*l2 != '\0' ? 22 : 8));
	sb_puts(b, "</g>\n");
	if (!(pl->cap.total_rate > 0) || a->replicas <= 0)
		return;
	per = pl->cap.total_rate / (double)a->replicas;
	if (a->replicas == 1)
		snprintf(l1, sizeof(l1), "%s req/s on 1 replica",
		    fmt_sig(x, pl->cap.total_rate, 6));
	else
		snprintf(l1, sizeof(l1), "%s req/s over %ld replicas: %s each",
		    fmt_sig(x, pl->cap.total_rate, 6), a->replicas,
		    fmt_sig(y, per, 4));
	*l2 = '\0';
	if (a->replicas_lo > a->replicas)
		snprintf(l2, sizeof(l2), "%ld replicas at the interval's low "
		    "end", a->replicas_lo);
	sb_puts(b, "<g fill=\"#444\">\n");
	vline(b, &r->p[1], r, per, "stroke=\"#444\" stroke-width=\"1.2\" "
	    "stroke-dasharray=\"8 3 2 3\"", l1, l2, bottom(r) - (*l2 != '\0' ?
	    22 : 8), r->p[1].top + 16);
	sb_puts(b, "</g>\n");
}

/* What the first miss misses: "ITL mean". */
static const char *
missed(const struct verdict *v, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s %s", v->miss_by == BIND_TTFT ? "TTFT" : "ITL",
	    stat_name(v->miss_by == BIND_TTFT ? v->ttft_stat : v->itl_stat));
	return buf;
}

/* A measured point of the bracket: a mark with its tooltip. */
static void
bracket_mark(struct sbuf *b, const struct rplot *r, const struct bench *m,
    int pass, double y)
{
	const struct verdict *v = &r->pl->meas;
	char	x[FMT_SIG_MAX], ms[FMT_SIG_MAX], what[32];
	double	cx = rp_x(r, m->v[BF_RPS]);

	if (pass)
		sb_printf(b, "<path d=\"M%.1f %.1fl5 9h-10z\" fill=\"" GREEN
		    "\"><title>measured pass: ", cx, y - 5);
	else
		sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" "
		    "height=\"9\" fill=\"#d62728\"><title>measured miss: ",
		    cx - 4.5, y - 4.5);
	xml_text(b, m->name);
	sb_printf(b, " at %s req/s", fmt_sig(x, m->v[BF_RPS], 4));
	if (pass)
		sb_puts(b, " meets every target</title></path>\n");
	else
		sb_printf(b, " has %s %s ms, over the target %s ms</title>"
		    "</rect>\n", missed(v, what, sizeof(what)),
		    fmt_sig(ms, v->miss_value, 4), fmt_sig(x, v->miss_by ==
		    BIND_TTFT ? r->pl->slo.ttft : r->pl->slo.itl, 6));
}

/* Between the panels: the last measured pass and the first miss. */
void
rp_gap(struct sbuf *b, const struct rplot *r)
{
	const struct verdict *v = &r->pl->meas;
	/* As -o text: the pass below the miss, or without a miss the last. */
	const struct bench *pass = v->miss != NULL ? v->below : v->pass;
	char	t[200], x[FMT_SIG_MAX], z[FMT_SIG_MAX], what[32];
	double	y = r->p[0].top + RP_PANEL_H + RP_GAP / 2, x0, x1, w;

	if (!r->pl->sized || r->pl->given || !v->have)
		return;
	if (v->miss != NULL && pass != NULL)
		snprintf(t, sizeof(t), "measured: passes at %s, misses %s at "
		    "%s req/s", fmt_sig(x, pass->v[BF_RPS], 4),
		    missed(v, what, sizeof(what)),
		    fmt_sig(z, v->miss->v[BF_RPS], 4));
	else if (v->miss == NULL)
		snprintf(t, sizeof(t), "measured: every load passes, up to %s "
		    "req/s", fmt_sig(x, pass->v[BF_RPS], 4));
	else
		snprintf(t, sizeof(t), "measured: every load misses, from %s "
		    "req/s", fmt_sig(x, v->miss->v[BF_RPS], 4));
	x0 = rp_x(r, (pass != NULL ? pass : v->miss)->v[BF_RPS]);
	x1 = rp_x(r, (v->miss != NULL ? v->miss : pass)->v[BF_RPS]);
	if (pass != NULL && v->miss != NULL)
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#777\"/>\n", x0, y, x1, y);
	if (pass != NULL)
		bracket_mark(b, r, pass, 1, y);
	if (v->miss != NULL)
		bracket_mark(b, r, v->miss, 0, y);
	w = lab_width(t);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" "
	    "fill=\"#333\" text-anchor=\"%s\">%s</text>\n", x1 + 10 + w <=
	    RP_W - RP_R ? x1 + 10 : fmax(x0 - 10, RP_L + w), y + 4,
	    x1 + 10 + w <= RP_W - RP_R ? "start" : "end", t);
}

/* ------------------------------------------------------------ caption */

static double
line(struct sbuf *b, double y, const char *s)
{
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", RP_L, y, s);
	return y + RP_LINE;
}

/* "queueing model v0.7 fitted to 36 points of 4 sweeps (...)" */
static double
model(struct sbuf *b, const struct rplot *r, double y)
{
	const struct plan *pl = r->pl;
	const struct fit *f = r->f;
	const struct cap_model *m = &pl->m;
	char	t[200];

	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">", RP_L, y);
	if (m->kind == CAP_QUEUE)
		sb_printf(b, "queueing model v0.%d", m->qs.version == QV_0_6 ?
		    6 : 7);
	else
		sb_puts(b, "linear model (WVA 2025)");
	if (pl->given)
		sb_puts(b, ", parameters given");
	else if (f->model != NULL || f->method == FIT_LSQ)
		sb_printf(b, "%s %zu points of %zu sweep%s (TTFT %s, ITL %s)",
		    f->model != NULL && f->model->evaluated ? ", given "
		    "parameters on" : f->model != NULL ? " fitted to" :
		    ", least squares through", f->npts, r->sweeps,
		    r->sweeps == 1 ? "" : "s", stat_name(f->ttft_stat),
		    stat_name(f->itl_stat));
	else {
		sb_puts(b, ", two-point: ");
		xml_text(b, f->low->name);
		sb_puts(b, " as batch 1, ");
		xml_text(b, f->high->name);
		sb_printf(b, " as batch %ld", f->max_batch);
	}
	sb_puts(b, "</text>\n");
	if (m->kind == CAP_QUEUE)
		snprintf(t, sizeof(t), "max batch %d%s, queue %d, %d tokens "
		    "per iteration", m->qs.max_batch, (pl->given ?
		    pl->batch_default : f->model->batch_default) ?
		    " (vLLM's default)" : "",
		    m->qs.max_queue, m->qs.max_tokens > 0 ? m->qs.max_tokens :
		    QM_DEFAULT_TOKENS);
	else
		snprintf(t, sizeof(t), "max batch %d, queue %d",
		    m->ls.max_batch, m->ls.max_queue);
	return line(b, y + RP_LINE, t);
}

/* A parameter, its unit, and its 90% interval where there is one. */
static double
param(struct sbuf *b, double y, const char *name, double v,
    const char *unit, const struct qval *val, int k)
{
	char	a[FMT_SIG_MAX], lo[FMT_SIG_MAX], hi[FMT_SIG_MAX];

	if (val == NULL || !val->has_bars) {
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s = %s %s</text>\n",
		    RP_L, y, name, fmt_sig(a, v, 4), unit);
		return y + RP_LINE;
	}
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s = %s %s</text>\n<text "
	    "x=\"%.1f\" y=\"%.1f\">90%%: %s to %s</text>\n", RP_L, y, name,
	    fmt_se(a, v, val->se[k]), unit, RP_L + 300, y,
	    fmt_se(lo, val->lo[k], val->se[k]), fmt_se(hi, val->hi[k],
	    val->se[k]));
	return y + RP_LINE;
}

static double
params(struct sbuf *b, const struct rplot *r, double y)
{
	const struct cap_model *m = &r->pl->m;
	const struct qval *v = NULL;

	if (!r->pl->given && r->f->model != NULL && !r->f->model->evaluated)
		v = &r->f->model->val;
	if (m->kind == CAP_QUEUE) {
		y = param(b, y, "\xce\xb1", m->qp.alpha, "ms per iteration", v,
		    0);
		y = param(b, y, "\xce\xb2", m->qp.beta, "ms per token", v, 1);
		return param(b, y, "\xce\xb3", m->qp.gamma, "ms per KV-cache "
		    "token", v, 2);
	}
	y = param(b, y, "\xce\xb1", m->lp.alpha, "ms", NULL, 0);
	y = param(b, y, "\xce\xb2", m->lp.beta, "ms per batch slot", NULL, 0);
	y = param(b, y, "\xce\xb3", m->lp.gamma, "ms", NULL, 0);
	return param(b, y, "\xce\xb4", m->lp.delta, "ms per token \xc3\x97 "
	    "batch slot", NULL, 0);
}

/* How well the model fits: RMS relative errors, or R^2. */
static double
errors(struct sbuf *b, const struct rplot *r, double y)
{
	static const char *const how[] = { "", "each sweep left out in turn",
	    "each load level left out in turn", "" };
	const struct fit *f = r->f;
	const struct qval *v;
	char	t[240], c[FMT_SIG_MAX], d[FMT_SIG_MAX];

	if (r->pl->given)
		return y;
	if (f->model == NULL) {
		if (f->method != FIT_LSQ)
			return y;
		snprintf(t, sizeof(t), "R\xc2\xb2 of the fit against batch "
		    "size: ITL %s, TTFT %s", fmt_sig(c, f->r2_itl, 4),
		    fmt_sig(d, f->r2_ttft, 4));
		return line(b, y, t);
	}
	v = &f->model->val;
	snprintf(t, sizeof(t), "RMS relative error %s: TTFT %s%%, ITL %s%%",
	    v->method == QV_GIVEN ? "on the points" : "in sample",
	    fmt_sig(c, 100 * v->in.ttft.rms, 3),
	    fmt_sig(d, 100 * v->in.itl.rms, 3));
	y = line(b, y, t);
	if (v->method == QV_SWEEPS || v->method == QV_LOADS)
		snprintf(t, sizeof(t), "out of sample (%s, %zu refits): TTFT "
		    "%s%%, ITL %s%%", how[v->method], v->folds,
		    fmt_sig(c, 100 * v->out.ttft.rms, 3),
		    fmt_sig(d, 100 * v->out.itl.rms, 3));
	else if (v->method == QV_NONE)
		snprintf(t, sizeof(t), "out of sample: none (%s)",
		    v->why_none);
	else
		return y;
	return line(b, y, t);
}

/* What the curves and the circles are. */
static double
shapes(struct sbuf *b, const struct rplot *r, double y)
{
	const struct plan *pl = r->pl;
	char	t[240], i[FMT_SIG_MAX], o[FMT_SIG_MAX];
	const char *from = pl->in_from == SHAPE_OPTION ? "given" :
	    pl->in_from == SHAPE_HIGH ? "the high run's" : "the points' mean";
	int	pct = pl->sized && pl->stat != ST_MEAN;

	if (r->s != NULL) {
		snprintf(t, sizeof(t), "%s: the model at %s prompt and %s "
		    "output tokens per request (%s)", r->colour ?
		    "black curves" : "curves",
		    fmt_sig(i, pl->m.shape.in_tokens, 6),
		    fmt_sig(o, pl->m.shape.out_tokens, 6), from);
		y = line(b, y, t);
	}
	if (r->colour)
		y = line(b, y, "coloured curves: the model at each sweep's "
		    "mean tokens per request");
	if (r->n == 0)
		return y;
	/* A percentile target is not what the circles show. */
	snprintf(t, sizeof(t), "circles: measured TTFT %s and ITL %s%s%s%s",
	    stat_name(r->f->ttft_stat), stat_name(r->f->itl_stat),
	    r->colour ? ", by sweep" : "", pct ? "; the targets bound the " :
	    "", pct ? stat_name(pl->stat) : "");
	return line(b, y, t);
}

static const char *
label(const struct rplot *r, unsigned sweep)
{
	return r->set->nsw > sweep ? benchset_short(r->set, sweep) : "";
}

/*
 * A label of more than LABEL_W characters is cut at the front, where
 * sweeps' labels agree most ("...-of-a-sweep-i64-o256.csv").
 */
static void
cut_label(struct sbuf *b, const char *s)
{
	const char *e = s + strlen(s), *p;
	size_t	n = 0;

	while (e > s && n < LABEL_W - 1)
		if (((unsigned char)*--e & 0xc0) != 0x80)
			n++;
	for (p = s, n = 0; p < e; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	if (n > 1) {
		sb_puts(b, "\xe2\x80\xa6");
		s = e;
	}
	xml_text(b, s);
}

/* Two percentages, "6.33% / 14.4%", or one where there is no out. */
static const char *
pair(char *t, size_t sz, const struct qv_err *in, const struct qv_err *out,
    int held)
{
	char	a[FMT_SIG_MAX], c[FMT_SIG_MAX];

	if (held)
		snprintf(t, sz, "%s%% / %s%%", fmt_sig(a, 100 * in->rms, 3),
		    fmt_sig(c, 100 * out->rms, 3));
	else
		snprintf(t, sz, "%s%%", fmt_sig(a, 100 * in->rms, 3));
	return t;
}

/* With several sweeps: which colour is which, with its errors. */
static double
legend(struct sbuf *b, const struct rplot *r, double y)
{
	const struct qval *v = r->f->model != NULL ? &r->f->model->val : NULL;
	const struct rsweep *s;
	char	i[FMT_SIG_MAX], o[FMT_SIG_MAX], t[64], u[64];
	int	held = v != NULL && (v->method == QV_SWEEPS ||
		    v->method == QV_LOADS);
	size_t	k;

	if (!r->colour)
		return y;
	y += 6;
	sb_printf(b, "<g font-size=\"12\" fill=\"#333\">\n<text x=\"%.1f\" "
	    "y=\"%.1f\" font-weight=\"bold\">sweep</text>\n<text x=\"%.1f\" "
	    "y=\"%.1f\" text-anchor=\"end\" font-weight=\"bold\">points</text>"
	    "\n<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">tokens in, "
	    "out</text>\n", RP_L + 14, y, RP_L + 270, y, RP_L + 285, y);
	if (v != NULL)
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" font-weight=\"bold\">"
		    "TTFT RMS%s</text>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "font-weight=\"bold\">ITL RMS%s</text>\n", RP_L + 400, y,
		    held ? " in / out" : "", RP_L + 530, y, held ?
		    " in / out" : "");
	for (k = 0; k < r->nsw; k++) {
		s = &r->sw[k];
		y += 16;
		sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"%s\" stroke=\"#222\" stroke-width=\"0.8\"><title>",
		    RP_L + 4, y - 4, rp_colour[k]);
		xml_text(b, label(r, s->sweep));
		sb_printf(b, "</title></circle>\n<text x=\"%.1f\" y=\"%.1f\">",
		    RP_L + 14, y);
		cut_label(b, label(r, s->sweep));
		sb_printf(b, "</text>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "text-anchor=\"end\">%zu</text>\n", RP_L + 270, y, s->n);
		if (s->shape.out_tokens > 0)
			sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s, %s%s"
			    "</text>\n", RP_L + 285, y, fmt_sig(i,
			    s->shape.in_tokens, 4), fmt_sig(o,
			    s->shape.out_tokens, 4), s->s == NULL ?
			    " (no curve)" : "");
		if (s->val != NULL)
			sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n"
			    "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n", RP_L +
			    400, y, pair(t, sizeof(t), &s->val->in.ttft,
			    &s->val->out.ttft, held), RP_L + 530, y, pair(u,
			    sizeof(u), &s->val->in.itl, &s->val->out.itl,
			    held));
	}
	if (r->sweeps > r->nsw) {
		y += 16;
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%zu of %zu sweeps "
		    "are drawn in colour with their curves; the other %zu are "
		    "grey circles</text>\n", RP_L + 14, y, r->nsw, r->sweeps,
		    r->sweeps - r->nsw);
	}
	sb_puts(b, "</g>\n");
	return y + RP_LINE;
}

double
rp_caption(struct sbuf *b, const struct rplot *r, double y)
{
	sb_puts(b, "<g font-size=\"12\" fill=\"#333\">\n");
	y = model(b, r, y);
	y = params(b, r, y);
	y = errors(b, r, y);
	y = shapes(b, r, y);
	sb_puts(b, "</g>\n");
	return legend(b, r, y);
}
