/*
 * out_svg_rate.c: -o svg with a sizing (--slo-ttft, --slo-itl) or the
 * queueing model: the model's TTFT and ITL against the arrival rate per
 * replica, one panel each over one rate axis, with the targets, the max
 * rate, and the measured points (their request rate, BF_RPS, and
 * latencies). The curves run over the rates the sizing searches and are
 * cut at the top of each panel: near saturation TTFT grows without
 * bound. Written by hand, as out_svg.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "out_svg.h"
#include "plan.h"

#define W	760.0
#define H	620.0
#define L	78.0		/* left and right margins */
#define R	36.0
#define PANEL_H	200.0
#define GAP	44.0
#define TOP	60.0		/* the first panel's top */
#define NCURVE	200		/* samples of each curve */

struct panel {
	double		 top;		/* y of its top edge */
	struct axis	 y;
	const char	*name;		/* "TTFT", "ITL" */
	double		 target;	/* ms; 0: none */
};

/* A measured point: its request rate and latencies, ms. */
struct mpoint {
	const char	*name;
	double		 rate, ttft, itl;
	int		 has_ttft;
};

static double
xpx(const struct axis *x, double v)
{
	return L + (v - x->lo) / (x->hi - x->lo) * (W - L - R);
}

static double
ypx(const struct panel *p, double v)
{
	return p->top + PANEL_H - (v - p->y.lo) / (p->y.hi - p->y.lo) *
	    PANEL_H;
}

/* The fit's points at their request rates; none for --params alone. */
static size_t
measured(const struct fit *f, struct mpoint *mp)
{
	size_t	i, n = 0;

	for (i = 0; i < f->npts; i++) {
		if (f->model != NULL) {
			mp[n] = (struct mpoint){ f->pts[i].b->name,
			    f->model->obs[i].rate, f->model->obs[i].ttft,
			    f->model->obs[i].itl, 1 };
		} else {
			if (!bench_has(f->pts[i].b, BF_RPS))
				continue;
			mp[n] = (struct mpoint){ f->pts[i].b->name,
			    f->pts[i].b->v[BF_RPS], f->pts[i].ttft,
			    f->pts[i].itl, f->pts[i].has_ttft };
		}
		n++;
	}
	return n;
}

/*
 * A panel's value axis: from 0 to a little above what matters (the
 * measured values, the target, the value at the max rate, the curve at
 * half the range), not to the curve's top, which runs away near
 * saturation.
 */
static void
value_axis(struct panel *p, int ttft, const struct plan *pl,
    const struct cap_sample *s, const struct mpoint *mp, size_t n)
{
	double	hi = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (ttft ? mp[i].has_ttft : 1)
			hi = fmax(hi, ttft ? mp[i].ttft : mp[i].itl);
	if (pl->sized)
		hi = fmax(hi, ttft ? pl->cap.ttft : pl->cap.itl);
	hi = fmax(hi, ttft ? s[NCURVE / 2].perf.ttft : s[NCURVE / 2].perf.itl);
	hi = fmax(hi, ttft ? s[0].perf.ttft * 2 : s[0].perf.itl * 1.2);
	/* A target far above everything else would flatten the curve. */
	if (p->target <= 4 * hi)
		hi = fmax(hi, p->target);
	nice_axis(&p->y, 0, hi * 1.15);
}

static void
panel_frame(struct sbuf *b, const struct panel *p, const struct axis *x,
    int xlabels)
{
	char	t[48];
	double	v;
	int	k, n;

	sb_puts(b, "<g font-size=\"12\" fill=\"#333\">\n");
	for (k = 0, n = ticks(x); k <= n; k++) {
		v = x->lo + k * x->step;
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", xpx(x, v), p->top,
		    xpx(x, v), p->top + PANEL_H);
		if (!xlabels)
			continue;
		tick(t, sizeof(t), v, x->step);
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		    "%s</text>\n", xpx(x, v), p->top + PANEL_H + 18, t);
	}
	for (k = 0, n = ticks(&p->y); k <= n; k++) {
		v = p->y.lo + k * p->y.step;
		tick(t, sizeof(t), v, p->y.step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", L, ypx(p, v), W - R,
		    ypx(p, v));
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
		    "%s</text>\n", L - 8, ypx(p, v) + 4, t);
	}
	sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"none\" stroke=\"#333\"/>\n", L, p->top, W - L - R, PANEL_H);
	sb_printf(b, "<text transform=\"translate(20 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"14\">%s (ms)</text>\n</g>\n",
	    p->top + PANEL_H / 2, p->name);
}

/* The curve, its target, the measured points, in one panel. */
static void
panel_data(struct sbuf *b, const struct panel *p, int ttft,
    const struct axis *x, const struct cap_sample *s,
    const struct mpoint *mp, size_t n, const char *clip)
{
	char	num[FMT_NUM_MAX];
	double	v;
	size_t	i;

	sb_printf(b, "<clipPath id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.1f\" height=\"%.1f\"/></clipPath>\n<g clip-path=\"url(#"
	    "%s)\">\n<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
	    "points=\"", clip, L, p->top, W - L - R, PANEL_H, clip,
	    ttft ? "#d62728" : "#1f77b4");
	for (i = 0; i < NCURVE; i++) {
		v = ttft ? s[i].perf.ttft : s[i].perf.itl;
		/* Far above the panel is only cut away: keep numbers small. */
		sb_printf(b, "%s%.1f,%.1f", i > 0 ? " " : "",
		    xpx(x, s[i].rate), fmax(ypx(p, v), p->top - 20));
	}
	sb_puts(b, "\"/>\n");
	if (p->target > 0)
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n"
		    "<text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" fill=\"#555\">"
		    "target %s ms</text>\n", L, ypx(p, p->target), W - R,
		    ypx(p, p->target), L + 6, ypx(p, p->target) - 5,
		    fmt_fixed(num, p->target, 1));
	for (i = 0; i < n; i++) {
		if (ttft && !mp[i].has_ttft)
			continue;
		v = ttft ? mp[i].ttft : mp[i].itl;
		sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" "
		    "fill=\"#fff\" stroke=\"#222\" stroke-width=\"1.5\"><title>",
		    xpx(x, mp[i].rate), ypx(p, v));
		xml_text(b, mp[i].name);
		sb_printf(b, ": %s req/s, ", fmt_fixed(num, mp[i].rate, 1));
		sb_printf(b, "%s %s ms</title></circle>\n", p->name,
		    fmt_fixed(num, v, 1));
	}
	sb_puts(b, "</g>\n");
}

/* The max rate across both panels, labelled on the side with room. */
static void
max_rate(struct sbuf *b, const struct plan *pl, const struct axis *x)
{
	double	cx = xpx(x, pl->cap.max_rate);
	int	left = cx > (L + W - R) / 2;

	sb_printf(b, "<g font-size=\"12\" fill=\"#2ca02c\">\n<line x1=\"%.1f\" "
	    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#2ca02c\" "
	    "stroke-width=\"1.5\" stroke-dasharray=\"3 3\"/>\n", cx, TOP, cx,
	    TOP + 2 * PANEL_H + GAP);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" "
	    "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">max "
	    "%.4g req/s (%s)</text>\n</g>\n", cx + (left ? -5 : 5), TOP + 16,
	    left ? "end" : "start", fmt_f32(pl->cap.max_rate),
	    pl->cap.binding == BIND_NONE ? "no target binds" :
	    pl->cap.binding == BIND_TTFT ? "TTFT binds" : "ITL binds");
}

/* Below the axis: the model, its parameters, its server and shape. */
static void
caption(struct sbuf *b, const struct plan *pl, size_t n, double y)
{
	const struct cap_model *m = &pl->m;

	sb_printf(b, "<g font-size=\"12\" fill=\"#333\">\n<text x=\"%.1f\" "
	    "y=\"%.1f\">", L, y);
	if (m->kind == CAP_QUEUE)
		sb_printf(b, "queueing model v0.%d: \xce\xb1 = %.5g ms, \xce\xb2 "
		    "= %.5g ms, \xce\xb3 = %.5g ms</text>\n<text x=\"%.1f\" "
		    "y=\"%.1f\">max batch %d, queue %d, %d tokens per "
		    "iteration", m->qs.version == QV_0_6 ? 6 : 7, m->qp.alpha,
		    m->qp.beta, m->qp.gamma, L, y + 18, m->qs.max_batch,
		    m->qs.max_queue, m->qs.max_tokens);
	else
		sb_printf(b, "linear model (WVA 2025): \xce\xb1 = %.5g ms, "
		    "\xce\xb2 = %.5g ms, \xce\xb3 = %.5g ms, \xce\xb4 = %.5g ms"
		    "</text>\n<text x=\"%.1f\" y=\"%.1f\">max batch %d, queue "
		    "%d", m->lp.alpha, m->lp.beta, m->lp.gamma, m->lp.delta, L,
		    y + 18, m->ls.max_batch, m->ls.max_queue);
	sb_printf(b, "; lines: the model%s</text>\n"
	    "<text x=\"%.1f\" y=\"%.1f\">%.6g prompt and %.6g output tokens "
	    "per request (%s)</text>\n</g>\n", n > 0 ? ", circles: measured" :
	    "", L, y + 36, m->shape.in_tokens,
	    m->shape.out_tokens, pl->in_from == SHAPE_OPTION ? "given" :
	    pl->in_from == SHAPE_HIGH ? "the high run's" : "the points' mean");
}

static void
draw(struct sbuf *b, const struct fit *f, const struct cap_sample *s,
    const struct mpoint *mp, size_t n, double rmax)
{
	const struct plan *pl = f->plan;
	struct panel	 pt = { TOP, { 0, 1, 1 }, "TTFT", pl->slo.ttft };
	struct panel	 pi = { TOP + PANEL_H + GAP, { 0, 1, 1 }, "ITL",
	    pl->slo.itl };
	struct axis	 x;
	size_t		 i;

	for (i = 0; i < n; i++)
		rmax = fmax(rmax, mp[i].rate);
	nice_axis(&x, 0, rmax * 1.04);
	value_axis(&pt, 1, pl, s, mp, n);
	value_axis(&pi, 0, pl, s, mp, n);
	sb_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, "
	    "sans-serif\">\n<title>TTFT and ITL against arrival rate</title>\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	    W, H, W, H);
	sb_printf(b, "<text x=\"%.1f\" y=\"30\" font-size=\"16\" "
	    "font-weight=\"bold\">TTFT and ITL against arrival rate per "
	    "replica</text>\n", L);
	panel_frame(b, &pt, &x, 0);
	panel_frame(b, &pi, &x, 1);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-size=\"14\" fill=\"#333\">arrival rate (requests/s)</text>\n",
	    (L + W - R) / 2, pi.top + PANEL_H + 38);
	panel_data(b, &pt, 1, &x, s, mp, n, "ttft");
	panel_data(b, &pi, 0, &x, s, mp, n, "itl");
	if (pl->sized)
		max_rate(b, pl, &x);
	caption(b, pl, n, pi.top + PANEL_H + 60);
	sb_puts(b, "</svg>\n");
}

char *
out_svg_rate(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	struct cap_sample *s;
	struct mpoint	*mp;
	double		 lo, hi;
	char		*str = NULL;

	(void)set;
	(void)o;
	s = calloc(NCURVE, sizeof(*s));
	mp = calloc(f->npts + 1, sizeof(*mp));
	if (s == NULL || mp == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto out;
	}
	if (cap_range(&f->plan->m, &lo, &hi, err) == -1 ||
	    cap_curve(&f->plan->m, 0, hi, NCURVE, s, err) == -1)
		goto out;
	draw(&b, f, s, mp, measured(f, mp), hi);
	if ((str = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
out:
	free(s);
	free(mp);
	return str;
}
