/*
 * out_svg.c: -o svg, a self-contained picture of the fit: ITL (ms)
 * against batch size or concurrency, the points labelled by benchmark,
 * the fitted line, the max batch size, and a legend with the equation
 * and R^2. Written by hand; no fonts or styles from outside.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "out.h"
#include "out_svg.h"

#define W	760.0
#define H	460.0
#define L	78.0		/* plot area: left, right, top, bottom margins */
#define R	36.0
#define T	52.0
#define B	64.0

static double
px(const struct axis *a, double x)
{
	return L + (x - a->lo) / (a->hi - a->lo) * (W - L - R);
}

static double
py(const struct axis *a, double y)
{
	return H - B - (y - a->lo) / (a->hi - a->lo) * (H - T - B);
}

static void
axes(struct sbuf *b, const struct axis *x, const struct axis *y)
{
	char	t[48];
	double	v;
	int	k, n;

	sb_puts(b, "<g font-size=\"12\" fill=\"#333\">\n");
	for (k = 0, n = ticks(x); k <= n; k++) {
		v = x->lo + k * x->step;
		tick(t, sizeof(t), v, x->step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", px(x, v), T, px(x, v),
		    H - B);
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">"
		    "%s</text>\n", px(x, v), H - B + 18, t);
	}
	for (k = 0, n = ticks(y); k <= n; k++) {
		v = y->lo + k * y->step;
		tick(t, sizeof(t), v, y->step);
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#e3e3e3\"/>\n", L, py(y, v), W - R,
		    py(y, v));
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">"
		    "%s</text>\n", L - 8, py(y, v) + 4, t);
	}
	sb_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
	    " fill=\"none\" stroke=\"#333\"/>\n", L, T, W - L - R, H - T - B);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-size=\"14\">batch size (concurrency)</text>\n",
	    (L + W - R) / 2, H - 18);
	sb_printf(b, "<text transform=\"translate(20 %.1f) rotate(-90)\" "
	    "text-anchor=\"middle\" font-size=\"14\">ITL (ms)</text>\n</g>\n",
	    (T + H - B) / 2);
}

#define LEGEND_W	250.0
#define LEGEND_H	64.0

/*
 * The legend goes top left, where a rising line leaves room, unless a
 * point is there; then bottom right.
 */
static void
legend(struct sbuf *b, const struct fit *f, const struct axis *x,
    const struct axis *y)
{
	char	a[FMT_NUM_MAX], be[FMT_NUM_MAX];
	double	lx = L + 10, ly = T + 10, cx, cy;
	size_t	i;

	for (i = 0; i < f->npts; i++) {
		cx = px(x, f->pts[i].batch);
		cy = py(y, f->pts[i].itl);
		if (cx > lx - 6 && cx < lx + LEGEND_W + 6 && cy > ly - 6 &&
		    cy < ly + LEGEND_H + 6) {
			lx = W - R - 10 - LEGEND_W;
			ly = H - B - 10 - LEGEND_H;
			break;
		}
	}
	snprintf(a, sizeof(a), "%.6g", f->alpha);
	snprintf(be, sizeof(be), "%.6g", f->beta);
	sb_printf(b, "<g font-size=\"13\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.0f\" height=\"%.0f\" fill=\"#fff\" "
	    "fill-opacity=\"0.9\" stroke=\"#999\"/>\n", lx, ly, LEGEND_W,
	    LEGEND_H);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">ITL = \xce\xb1 + \xce\xb2 "
	    "\xc2\xb7 batch</text>\n", lx + 10, ly + 20);
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">\xce\xb1 = %s ms, \xce\xb2 = "
	    "%s ms</text>\n", lx + 10, ly + 38, a, be);
	if (f->method == FIT_LSQ)
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">least squares, "
		    "R\xc2\xb2 = %.4f, %zu points</text>\n", lx + 10, ly + 56,
		    f->r2_itl, f->npts);
	else
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\">two-point fit, max "
		    "batch size %ld</text>\n", lx + 10, ly + 56, f->max_batch);
	sb_puts(b, "</g>\n");
}

struct box {
	double	x0, y0, x1, y1;
};

static int
overlaps(const struct box *a, const struct box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/*
 * Where a point's name goes: the first of several places around it, off
 * the rising line first (above left, below right), that stays inside the
 * plot and clear of the names and points already drawn.
 */
static void
place(struct box *placed, size_t n, double cx, double cy, double wide,
    int prefer_left, double *tx, double *ty, int *end)
{
	static const struct { double dx, dy; int left; } spot[] = {
		{ -6, -8, 1 }, { 6, 16, 0 }, { 6, -8, 0 }, { -6, 16, 1 },
		{ -6, -22, 1 }, { 6, 30, 0 }, { 6, -22, 0 }, { -6, 30, 1 },
	};
	struct box	bx;
	size_t		k, i, s;

	for (s = 0; s < 2 * (sizeof(spot) / sizeof(spot[0])); s++) {
		k = s % (sizeof(spot) / sizeof(spot[0]));
		if (s < sizeof(spot) / sizeof(spot[0]) && !prefer_left)
			k ^= 1;		/* start below right */
		bx.x0 = spot[k].left ? cx + spot[k].dx - wide : cx + spot[k].dx;
		bx.x1 = bx.x0 + wide;
		bx.y1 = cy + spot[k].dy + 3;
		bx.y0 = bx.y1 - 13;
		if (bx.x0 < L || bx.x1 > W - R || bx.y0 < T || bx.y1 > H - B)
			continue;
		for (i = 0; i < n && !overlaps(&bx, &placed[i]); i++)
			continue;
		if (i == n || s >= sizeof(spot) / sizeof(spot[0]))
			break;
	}
	if (s == 2 * (sizeof(spot) / sizeof(spot[0]))) {
		k = 1;		/* nowhere clear: below right, as it may */
		bx.x0 = cx + 6;
		bx.x1 = bx.x0 + wide;
		bx.y1 = cy + 19;
		bx.y0 = bx.y1 - 13;
	}
	placed[n] = bx;
	*tx = spot[k].left ? bx.x1 : bx.x0;
	*ty = bx.y1 - 3;
	*end = spot[k].left;
}

static void
points(struct sbuf *b, const struct fit *f, const struct axis *x,
    const struct axis *y)
{
	const struct fit_point *p;
	struct box	*placed;
	size_t		 i, j, rank, *order, np = 0;
	double		 cx, cy, tx, ty;
	int		 end;
	char		 num[FMT_NUM_MAX];

	placed = calloc(2 * f->npts + 1, sizeof(*placed));
	order = calloc(f->npts + 1, sizeof(*order));
	if (placed == NULL || order == NULL) {
		b->oom = 1;
		free(placed);
		free(order);
		return;
	}
	for (i = 0; i < f->npts; i++) {	/* by batch size */
		for (rank = j = 0; j < f->npts; j++)
			rank += f->pts[j].batch < f->pts[i].batch ||
			    (f->pts[j].batch == f->pts[i].batch && j < i);
		order[rank] = i;
	}
	for (i = 0; i < f->npts; i++) {	/* the dots come first */
		cx = px(x, f->pts[i].batch);
		cy = py(y, f->pts[i].itl);
		placed[np++] = (struct box){ cx - 5, cy - 5, cx + 5, cy + 5 };
		/* A tooltip: the point's values, as json has them. */
		sb_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" "
		    "fill=\"#1f77b4\"><title>", cx, cy);
		xml_text(b, f->pts[i].b->name);
		sb_printf(b, ": %s %s", f->method == FIT_LSQ ? "concurrency" :
		    "batch size", fmt_fixed(num, f->pts[i].batch, 1));
		sb_printf(b, ", ITL %s ms", fmt_fixed(num, f->pts[i].itl, 1));
		if (f->method == FIT_LSQ) {
			sb_puts(b, ", residual ");
			sb_resid(b, f->pts[i].itl_resid);
		}
		sb_puts(b, "</title></circle>\n");
	}
	sb_puts(b, "<g font-size=\"11\" fill=\"#1f4e79\" stroke=\"#fff\" "
	    "stroke-width=\"3\" paint-order=\"stroke\">\n");
	for (i = 0; i < f->npts; i++) {
		p = &f->pts[order[i]];
		place(placed, np++, px(x, p->batch), py(y, p->itl),
		    6.3 * (double)strlen(p->b->name), i % 2 == 0, &tx, &ty,
		    &end);
		sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">",
		    tx, ty, end ? "end" : "start");
		xml_text(b, p->b->name);
		sb_puts(b, "</text>\n");
	}
	sb_puts(b, "</g>\n");
	free(placed);
	free(order);
}

char *
out_svg(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	struct axis	 x, y;
	double		 xmax = (double)f->max_batch, lo, hi, v;
	size_t		 i;
	char		*s;

	if (f->plan != NULL)
		return out_svg_rate(set, f, o, err);
	(void)set;
	(void)o;
	lo = hi = f->alpha + f->beta;
	for (i = 0; i < f->npts; i++) {
		if (f->pts[i].batch > xmax)
			xmax = f->pts[i].batch;
		lo = fmin(lo, f->pts[i].itl);
		hi = fmax(hi, f->pts[i].itl);
	}
	nice_axis(&x, 0, xmax * 1.04);
	v = f->alpha + f->beta * x.hi;
	lo = fmin(fmin(lo, f->alpha), v);
	hi = fmax(hi, v);
	nice_axis(&y, lo - (hi - lo) * 0.04, hi + (hi - lo) * 0.04);
	sb_printf(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, "
	    "sans-serif\">\n<title>ITL against batch size</title>\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	    W, H, W, H);
	sb_printf(&b, "<text x=\"%.1f\" y=\"30\" font-size=\"16\" "
	    "font-weight=\"bold\">Inter-token latency against batch size "
	    "(%s)</text>\n", L, stat_name(f->itl_stat));
	axes(&b, &x, &y);
	sb_printf(&b, "<clipPath id=\"plot\"><rect x=\"%.1f\" y=\"%.1f\" "
	    "width=\"%.1f\" height=\"%.1f\"/></clipPath>\n", L, T, W - L - R,
	    H - T - B);
	sb_printf(&b, "<g clip-path=\"url(#plot)\">\n<line x1=\"%.1f\" "
	    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" "
	    "stroke-dasharray=\"5 4\"/>\n<text x=\"%.1f\" y=\"%.1f\" "
	    "font-size=\"12\" fill=\"#666\" text-anchor=\"end\">max batch "
	    "size %ld</text>\n", px(&x, (double)f->max_batch), T,
	    px(&x, (double)f->max_batch), H - B,
	    px(&x, (double)f->max_batch) - 4, T + 14, f->max_batch);
	sb_printf(&b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
	    "stroke=\"#d62728\" stroke-width=\"2\"/>\n</g>\n", px(&x, x.lo),
	    py(&y, f->alpha + f->beta * x.lo), px(&x, x.hi),
	    py(&y, f->alpha + f->beta * x.hi));
	points(&b, f, &x, &y);
	legend(&b, f, &x, &y);
	sb_puts(&b, "</svg>\n");
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}
