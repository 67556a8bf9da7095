/*
 * out_svg.c: -o svg, a self-contained picture of a linear fit: ITL (ms)
 * against batch size or concurrency and, where the fit has gamma and
 * delta, TTFT (ms) against prompt tokens x batch size below it, the
 * model's prefill line. Each panel has the points, named where the
 * names do not overprint (and in their tooltips), the fitted line, the
 * max batch size, and a legend with the equation, the parameters and
 * their units, and R^2. Written by hand; no fonts or styles from outside.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "out.h"
#include "out_svg.h"

#define W	760.0
#define L	78.0		/* plot area: left and right margins */
#define R	36.0
#define T	52.0		/* the first panel's top */
#define PANEL_H	340.0
#define SKIP	96.0		/* from a panel's bottom to the next's top */
#define B	64.0		/* below the last panel */

/* A panel: ITL against batch, or TTFT against tokens x batch. */
struct panel {
	int		 ttft;
	double		 top;
	struct axis	 x, y;
	double		 a, b;		/* its line: a + b x */
	double		 xmax_batch;	/* x of the max batch size */
};

static double
px(const struct panel *p, double x)
{
	return L + (x - p->x.lo) / (p->x.hi - p->x.lo) * (W - L - R);
}

static double
py(const struct panel *p, double y)
{
	return p->top + PANEL_H - (y - p->y.lo) / (p->y.hi - p->y.lo) *
	    PANEL_H;
}

/* Point i in p's coordinates; 0 if it has none there. */
static int
at(const struct panel *p, const struct fit_point *q, double *x, double *y)
{
	if (p->ttft && !q->has_ttft)
		return 0;
	*x = p->ttft ? q->tokens * q->batch : q->batch;
	*y = p->ttft ? q->ttft : q->itl;
	return 1;
}

static void
scale(struct panel *p, const struct fit *f)
{
	double	xmax = p->xmax_batch, lo, hi, x, y, v;
	size_t	i;

	lo = hi = p->a + p->b * (p->ttft ? f->input_tokens : 1);
	for (i = 0; i < f->npts; i++) {
		if (!at(p, &f->pts[i], &x, &y))
			continue;
		xmax = fmax(xmax, x);
		lo = fmin(lo, y);
		hi = fmax(hi, y);
	}
	nice_axis(&p->x, 0, xmax * 1.04);
	v = p->a + p->b * p->x.hi;
	lo = fmin(fmin(lo, p->a), v);
	hi = fmax(hi, v);
	nice_axis(&p->y, lo - (hi - lo) * 0.04, hi + (hi - lo) * 0.04);
}

static void
axes(struct sbuf *b, const struct panel *p)
{
	char	t[48];
	double	v, bottom = p->top + PANEL_H;
	int	k, n;

	sb_puts(b, "<g font-size=\"12\" fill=\"#333\">\n");
	for (k = 0, n = ticks(&p->x); k <= n; k++) {
		v = p->x.lo + k * p->x.step;
		tick(t, sizeof(t), v, p->x.step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", px(p, v), p->top,
		    px(p, v), bottom);
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		    "%s</text>\n", px(p, v), bottom + 18, t);
	}
	for (k = 0, n = ticks(&p->y); k <= n; k++) {
		v = p->y.lo + k * p->y.step;
		tick(t, sizeof(t), v, p->y.step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", L, py(p, v), W - R,
		    py(p, v));
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
		    "%s</text>\n", L - 8, py(p, v) + 4, t);
	}
	sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"none\" stroke=\"#333\"/>\n", L, p->top, W - L - R,
	    PANEL_H);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-size=\"14\">%s</text>\n", (L + W - R) / 2, bottom + 42,
	    p->ttft ? "prompt tokens \xc3\x97 batch size (concurrency)" :
	    "batch size (concurrency)");
	sb_printf(b, "<text transform=\"translate(20 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"14\">%s (ms)</text>\n</g>\n",
	    p->top + PANEL_H / 2, p->ttft ? "TTFT" : "ITL");
}

/*
 * The max batch size and the line, cut at the panel. The label goes on
 * the side of the dashed line with room and is taken from the labels.
 */
static void
line(struct sbuf *b, const struct panel *p, const struct fit *f,
    struct labels *lab, const char *clip)
{
	char	what[96], tok[FMT_SIG_MAX];
	double	cx = px(p, p->xmax_batch), w;
	int	left = cx > (L + W - R) / 2;

	if (p->ttft)
		snprintf(what, sizeof(what), "max batch size %ld \xc3\x97 %s "
		    "tokens", f->max_batch, fmt_sig(tok, f->input_tokens, 4));
	else
		snprintf(what, sizeof(what), "max batch size %ld",
		    f->max_batch);
	w = lab_width(what) * 12 / 11;
	sb_printf(b, "<clipPath id=\"%s\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.1f\" height=\"%.1f\"/></clipPath>\n", clip, L, p->top,
	    W - L - R, PANEL_H);
	sb_printf(b, "<g clip-path=\"url(#%s)\">\n<line x1=\"%.1f\" "
	    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" "
	    "stroke-dasharray=\"5 4\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
	    "font-size=\"12\" fill=\"#666\" text-anchor=\"%s\">%s</text>\n",
	    clip, cx, p->top, cx, p->top + PANEL_H, cx + (left ? -4 : 4),
	    p->top + 14, left ? "end" : "start", what);
	lab_take(lab, left ? cx - 4 - w : cx + 4, p->top, left ? cx - 4 :
	    cx + 4 + w, p->top + 18);
	sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#d62728\" stroke-width=\"2\"/>\n</g>\n", px(p, p->x.lo),
	    py(p, p->a + p->b * p->x.lo), px(p, p->x.hi),
	    py(p, p->a + p->b * p->x.hi));
}

#define LEGEND_H	82.0

/* The legend's four lines: equation, parameters with units, the fit. */
static void
legend_text(char line[4][128], const struct panel *p, const struct fit *f)
{
	char	tok[FMT_SIG_MAX];

	if (p->ttft) {
		snprintf(line[0], 128, "TTFT = \xce\xb3 + \xce\xb4 \xc2\xb7 "
		    "prompt tokens \xc2\xb7 batch");
		snprintf(line[1], 128, "\xce\xb3 = %.6g ms", f->gamma);
		snprintf(line[2], 128, "\xce\xb4 = %.6g ms per token \xc3\x97 "
		    "batch slot", f->delta);
	} else {
		snprintf(line[0], 128, "ITL = \xce\xb1 + \xce\xb2 \xc2\xb7 "
		    "batch");
		snprintf(line[1], 128, "\xce\xb1 = %.6g ms", f->alpha);
		snprintf(line[2], 128, "\xce\xb2 = %.6g ms per batch slot",
		    f->beta);
	}
	if (f->method == FIT_LSQ)
		snprintf(line[3], 128, "least squares, R\xc2\xb2 = %.4f, %zu "
		    "points", p->ttft ? f->r2_ttft : f->r2_itl, f->npts);
	else if (p->ttft)
		snprintf(line[3], 128, "two-point fit at %s prompt tokens",
		    fmt_sig(tok, f->input_tokens, 6));
	else
		snprintf(line[3], 128, "two-point fit, max batch size %ld",
		    f->max_batch);
}

/*
 * The legend goes top left, where a rising line leaves room, unless a
 * point or the max batch label is there; then bottom right, then top
 * right. It is taken from the labels.
 */
static void
legend(struct sbuf *b, const struct panel *p, const struct fit *f,
    struct labels *lab)
{
	char	line[4][128];
	double	lx = 0, ly = 0, w = 0;
	size_t	s, i;

	legend_text(line, p, f);
	for (i = 0; i < 4; i++)
		w = fmax(w, lab_width(line[i]) * 13 / 11 + 20);
	for (s = 0; s < 3; s++) {
		lx = s == 0 ? L + 10 : W - R - 10 - w;
		ly = s == 1 ? p->top + PANEL_H - 10 - LEGEND_H : p->top + 10;
		for (i = 0; i < lab->n; i++)
			if (lab->taken[i].x0 < lx + w + 6 &&
			    lab->taken[i].x1 > lx - 6 &&
			    lab->taken[i].y0 < ly + LEGEND_H + 6 &&
			    lab->taken[i].y1 > ly - 6)
				break;
		if (i == lab->n)
			break;
	}
	if (s == 3) {
		lx = L + 10;
		ly = p->top + 10;
	}
	lab_take(lab, lx, ly, lx + w, ly + LEGEND_H);
	sb_printf(b, "<g font-size=\"13\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" "
	    "fill-opacity=\"0.9\" stroke=\"#999\"/>\n", lx, ly, w, LEGEND_H);
	for (i = 0; i < 4; i++)
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
		    lx + 10, ly + 20 + 18 * (double)i, line[i]);
	sb_puts(b, "</g>\n");
}

/* The dots, each with its values as a tooltip, as json has them. */
static void
dots(struct sbuf *b, const struct panel *p, const struct fit *f,
    struct labels *lab)
{
	const struct fit_point *q;
	char	num[FMT_NUM_MAX];
	double	x, y, cx, cy;
	size_t	i;

	for (i = 0; i < f->npts; i++) {
		q = &f->pts[i];
		if (!at(p, q, &x, &y))
			continue;
		cx = px(p, x);
		cy = py(p, y);
		lab_take(lab, cx - 5, cy - 5, cx + 5, cy + 5);
		sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
		    "fill=\"#1f77b4\"><title>", cx, cy);
		xml_text(b, q->b->name);
		sb_printf(b, ": %s %s", f->method == FIT_LSQ ? "concurrency" :
		    "batch size", fmt_fixed(num, q->batch, 1));
		if (p->ttft) {
			sb_printf(b, ", %s prompt tokens", fmt_fixed(num,
			    q->tokens, 1));
			sb_printf(b, ", TTFT %s ms", fmt_fixed(num, q->ttft,
			    1));
		} else
			sb_printf(b, ", ITL %s ms", fmt_fixed(num, q->itl, 1));
		if (f->method == FIT_LSQ) {
			sb_puts(b, ", residual ");
			sb_resid(b, p->ttft ? q->ttft_resid : q->itl_resid);
		}
		sb_puts(b, "</title></circle>\n");
	}
}

/* The names, by x, alternating sides; where none fits, none. */
static int
names(struct sbuf *b, const struct panel *p, const struct fit *f,
    struct labels *lab)
{
	size_t	 i, j, rank, *order;
	double	 x, y, xj;
	int	 k = 0;

	if ((order = calloc(f->npts + 1, sizeof(*order))) == NULL)
		return -1;
	for (i = 0; i < f->npts; i++) {
		x = f->pts[i].batch;
		for (rank = j = 0; j < f->npts; j++) {
			xj = f->pts[j].batch;
			rank += xj < x || (xj == x && j < i);
		}
		order[rank] = i;
	}
	sb_puts(b, "<g font-size=\"11\" fill=\"#1f4e79\" stroke=\"#fff\" "
	    "stroke-width=\"3\" paint-order=\"stroke\">\n");
	for (i = 0; i < f->npts; i++)
		if (at(p, &f->pts[order[i]], &x, &y))
			lab_put(b, lab, px(p, x), py(p, y),
			    f->pts[order[i]].b->name, k++ % 2 == 0, NULL);
	sb_puts(b, "</g>\n");
	free(order);
	return 0;
}

static int
panel(struct sbuf *b, struct panel *p, const struct fit *f)
{
	struct labels	lab = { { L, p->top, W - R, p->top + PANEL_H }, 1,
	    NULL, 0, 0, 0 };
	int		rc;

	scale(p, f);
	axes(b, p);
	line(b, p, f, &lab, p->ttft ? "plot-ttft" : "plot");
	dots(b, p, f, &lab);
	legend(b, p, f, &lab);
	rc = names(b, p, f, &lab);
	if (lab.oom)
		rc = -1;
	lab_free(&lab);
	return rc;
}

char *
out_svg(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	struct panel	 itl = { 0, T, { 0, 1, 1 }, { 0, 1, 1 }, f->alpha,
	    f->beta, (double)f->max_batch };
	struct panel	 ttft = { 1, T + PANEL_H + SKIP, { 0, 1, 1 },
	    { 0, 1, 1 }, f->gamma, f->delta,
	    f->input_tokens * (double)f->max_batch };
	double		 h = T + PANEL_H + B;
	char		*s;

	if (f->plan != NULL)
		return out_svg_rate(set, f, o, err);
	(void)set;
	(void)o;
	if (f->have_prefill)
		h += PANEL_H + SKIP;
	sb_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, "
	    "sans-serif\">\n<title>%s</title>\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	    W, h, W, h, f->have_prefill ? "ITL against batch size, TTFT "
	    "against prompt tokens \xc3\x97 batch size" :
	    "ITL against batch size");
	sb_printf(&b, "<text x=\"%.1f\" y=\"30\" font-size=\"16\" "
	    "font-weight=\"bold\">Inter-token latency against batch size "
	    "(%s)</text>\n", L, stat_name(f->itl_stat));
	if (panel(&b, &itl, f) == -1)
		b.oom = 1;
	if (f->have_prefill) {
		sb_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"16\" "
		    "font-weight=\"bold\">Time to first token against prompt "
		    "tokens \xc3\x97 batch size (%s)</text>\n", L, ttft.top -
		    22, stat_name(f->ttft_stat));
		if (panel(&b, &ttft, f) == -1)
			b.oom = 1;
	}
	sb_puts(&b, "</svg>\n");
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}
