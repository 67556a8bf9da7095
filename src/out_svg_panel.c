/*
 * out_svg_panel.c: one panel of the rate plot (out_svg_rate.h): its
 * frame, the curves, the target, the measured points with their
 * tooltips (the point's sweep and tokens, measured against the model)
 * and their names where these do not overprint.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "out_svg_rate.h"

/* Distinct from the max rate's green and the targets' grey. */
const char *const rp_colour[RP_SWEEPS] = {
	"#1f77b4", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
	"#7f7f00", "#d62728",
};

double
rp_x(const struct rplot *r, double v)
{
	return RP_L + (v - r->x.lo) / (r->x.hi - r->x.lo) *
	    (RP_W - RP_L - RP_R);
}

double
rp_y(const struct rpanel *p, double v)
{
	return p->top + RP_PANEL_H - (v - p->y.lo) / (p->y.hi - p->y.lo) *
	    RP_PANEL_H;
}

void
rp_frame(struct sbuf *b, const struct rplot *r, const struct rpanel *p)
{
	char	t[48];
	double	v;
	int	k, n;

	sb_puts(b, "<g font-size=\"12\" fill=\"#333\">\n");
	for (k = 0, n = ticks(&r->x); k <= n; k++) {
		v = r->x.lo + k * r->x.step;
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", rp_x(r, v), p->top,
		    rp_x(r, v), p->top + RP_PANEL_H);
		if (p->ttft)
			continue;
		tick(t, sizeof(t), v, r->x.step);
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		    "%s</text>\n", rp_x(r, v), p->top + RP_PANEL_H + 18, t);
	}
	for (k = 0, n = ticks(&p->y); k <= n; k++) {
		v = p->y.lo + k * p->y.step;
		tick(t, sizeof(t), v, p->y.step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", RP_L, rp_y(p, v),
		    RP_W - RP_R, rp_y(p, v));
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
		    "%s</text>\n", RP_L - 8, rp_y(p, v) + 4, t);
	}
	sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"none\" stroke=\"#333\"/>\n", RP_L, p->top, RP_W - RP_L -
	    RP_R, RP_PANEL_H);
	sb_printf(b, "<text transform=\"translate(20 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"14\">%s (ms)</text>\n</g>\n",
	    p->top + RP_PANEL_H / 2, p->ttft ? "TTFT" : "ITL");
}

/* A curve, up to its first sample above the panel (the rest is cut). */
static void
polyline(struct sbuf *b, const struct rplot *r, const struct rpanel *p,
    const struct cap_sample *s, const char *colour, double width)
{
	double	y;
	size_t	i;

	if (s == NULL)
		return;
	sb_printf(b, "<polyline fill=\"none\" stroke=\"%s\" stroke-width="
	    "\"%.1f\" points=\"", colour, width);
	for (i = 0; i < RP_NCURVE; i++) {
		y = rp_y(p, p->ttft ? s[i].perf.ttft : s[i].perf.itl);
		sb_printf(b, "%s%.1f,%.1f", i > 0 ? " " : "",
		    rp_x(r, s[i].rate), fmax(y, p->top - 20));
		if (y < p->top - 20)
			break;
	}
	sb_puts(b, "\"/>\n");
}

/*
 * A target's line and label: the label at the left end above the line,
 * else where it is clear of the points (taken already).
 */
static void
target(struct sbuf *b, struct rpanel *p)
{
	char	num[FMT_NUM_MAX], what[FMT_NUM_MAX + 16];
	double	y = rp_y(p, p->target), w;
	struct box bx;
	int	k;

	snprintf(what, sizeof(what), "target %s ms",
	    fmt_fixed(num, p->target, 1));
	w = lab_width(what) * 12 / 11;
	for (k = 0; k < 4; k++) {
		bx.x0 = k % 2 == 0 ? RP_L + 4 : RP_W - RP_R - 8 - w;
		bx.x1 = bx.x0 + w + 4;
		bx.y0 = k < 2 ? y - 18 : y + 2;
		bx.y1 = bx.y0 + 16;
		if (lab_clear(&p->lab, &bx))
			break;
	}
	if (k == 4) {
		bx.x0 = RP_L + 4;
		bx.y0 = y - 18;
	}
	lab_take(&p->lab, bx.x0, bx.y0, bx.x0 + w + 4, bx.y0 + 16);
	sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#555\" stroke-dasharray=\"6 4\"/>\n<text x=\"%.1f\" "
	    "y=\"%.1f\" font-size=\"12\" fill=\"#555\">%s</text>\n", RP_L, y,
	    RP_W - RP_R, y, bx.x0 + 2, bx.y0 + 13, what);
}

/* The curves and the target of a panel, clipped to it. */
void
rp_lines(struct sbuf *b, const struct rplot *r, struct rpanel *p)
{
	const char *clip = p->ttft ? "ttft" : "itl";
	size_t	k;

	sb_printf(b, "<clipPath id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.1f\" height=\"%.1f\"/></clipPath>\n<g clip-path=\"url(#"
	    "%s)\">\n", clip, RP_L, p->top, RP_W - RP_L - RP_R, RP_PANEL_H,
	    clip);
	for (k = 0; k < r->nsw; k++)
		polyline(b, r, p, r->sw[k].s, rp_colour[k], 1.5);
	polyline(b, r, p, r->s, r->colour ? "#222" : p->ttft ? "#d62728" :
	    "#1f77b4", 2);
	if (p->target > 0)
		target(b, p);
	sb_puts(b, "</g>\n");
}

/* What a point's tooltip says: all it is, measured and predicted. */
static void
tip(struct sbuf *b, const struct rplot *r, const struct rpoint *q)
{
	char	x[FMT_SIG_MAX], y[FMT_SIG_MAX], e[FMT_SIG_MAX];

	xml_text(b, q->b->name);
	if (r->set->nsw >= 2) {
		sb_puts(b, " (");
		xml_text(b, benchset_short(r->set, q->b->sweep));
		sb_puts(b, ")");
	}
	sb_printf(b, ": %s req/s", fmt_sig(x, q->rate, 4));
	if (q->shape.out_tokens > 0)
		sb_printf(b, ", %s prompt and %s output tokens",
		    fmt_sig(x, q->shape.in_tokens, 4),
		    fmt_sig(y, q->shape.out_tokens, 4));
	if (q->has_ttft)
		sb_printf(b, "; TTFT %s ms", fmt_sig(x, q->ttft, 4));
	if (q->has_ttft && q->has_pred)
		sb_printf(b, ", model %s ms (%s)", fmt_sig(y, q->pred.ttft, 4),
		    fmt_pct(e, q->pred.rel_ttft));
	sb_printf(b, "; ITL %s ms", fmt_sig(x, q->itl, 3));
	if (q->has_pred)
		sb_printf(b, ", model %s ms (%s)", fmt_sig(y, q->pred.itl, 3),
		    fmt_pct(e, q->pred.rel_itl));
	if (q->b->type == S_THROUGHPUT && !q->has_pred)
		sb_puts(b, "; a throughput run: its rate is what the server "
		    "achieved, not a load it was given");
	if (q->has_oos)
		sb_printf(b, "; out of sample TTFT %s, ITL %s",
		    fmt_pct(x, q->oos.rel_ttft), fmt_pct(y, q->oos.rel_itl));
}

/* Where a point is drawn in a panel; 0 if it is not. */
static int
at(const struct rplot *r, const struct rpanel *p, const struct rpoint *q,
    double *cx, double *cy)
{
	if (p->ttft && !q->has_ttft)
		return 0;
	*cx = rp_x(r, q->rate);
	*cy = rp_y(p, p->ttft ? q->ttft : q->itl);
	return 1;
}

/* The points' dots, taken from the labels before anything is placed. */
void
rp_take_dots(const struct rplot *r, struct rpanel *p)
{
	double	cx, cy;
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (at(r, p, &r->pt[i], &cx, &cy))
			lab_take(&p->lab, cx - 5, cy - 5, cx + 5, cy + 5);
}

void
rp_dots(struct sbuf *b, const struct rplot *r, const struct rpanel *p)
{
	const struct rpoint *q;
	double	cx, cy;
	size_t	i;

	for (i = 0; i < r->n; i++) {
		q = &r->pt[i];
		if (!at(r, p, q, &cx, &cy))
			continue;
		sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" ", cx,
		    cy);
		if (!r->colour)
			sb_puts(b, "fill=\"#fff\" stroke=\"#222\" "
			    "stroke-width=\"1.5\"");
		else if (q->slot < 0)
			sb_puts(b, "fill=\"#fff\" stroke=\"#999\" "
			    "stroke-width=\"1.2\"");
		else
			sb_printf(b, "fill=\"%s\" stroke=\"#222\" "
			    "stroke-width=\"0.8\"", rp_colour[q->slot]);
		sb_puts(b, "><title>");
		tip(b, r, q);
		sb_puts(b, "</title></circle>\n");
	}
}

/*
 * The points' names by rate, sides alternating, where they do not
 * overprint; not the grey points' (sweeps beyond the colours).
 */
int
rp_names(struct sbuf *b, const struct rplot *r, struct rpanel *p)
{
	const struct rpoint *q;
	double	 cx, cy;
	size_t	*order, i, j, rank;
	int	 k = 0;

	if ((order = calloc(r->n + 1, sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < r->n; i++) {
		for (rank = j = 0; j < r->n; j++)
			rank += r->pt[j].rate < r->pt[i].rate ||
			    (r->pt[j].rate == r->pt[i].rate && j < i);
		order[rank] = i;
	}
	sb_puts(b, "<g font-size=\"11\" stroke=\"#fff\" stroke-width=\"3\" "
	    "paint-order=\"stroke\">\n");
	for (i = 0; i < r->n; i++) {
		q = &r->pt[order[i]];
		if (r->colour && q->slot < 0)
			continue;
		if (at(r, p, q, &cx, &cy))
			lab_put(b, &p->lab, cx, cy, q->b->name, k++ % 2 == 0,
			    !r->colour ? "#1f4e79" : rp_colour[q->slot]);
	}
	sb_puts(b, "</g>\n");
	free(order);
	return 0;
}

