/*
 * out_svg_label.c: names beside points that do not overprint (out_svg.h).
 * Both plots register what they have drawn (dots, legends, other text)
 * and then ask for a place for each name: the first of a few spots
 * around its point, near ones first and then farther ones joined to the
 * point by a thin line (where the plot allows them), that stays inside
 * the plot and clear of all
 * taken. Where there is none the name is left out: the point's tooltip
 * still gives it.
 */
#include <stdlib.h>

#include "out_svg.h"

#define LAB_H		13.0	/* a label's height at font-size 11 */
#define LAB_CHAR	6.3	/* and the width of a character, about */

void
lab_take(struct labels *l, double x0, double y0, double x1, double y1)
{
	struct box	*t;
	size_t		 cap;

	if (l->n == l->cap) {
		cap = l->cap > 0 ? 2 * l->cap : 64;
		if ((t = realloc(l->taken, cap * sizeof(*t))) == NULL) {
			l->oom = 1;
			return;
		}
		l->taken = t;
		l->cap = cap;
	}
	l->taken[l->n++] = (struct box){ x0, y0, x1, y1 };
}

void
lab_free(struct labels *l)
{
	free(l->taken);
	l->taken = NULL;
	l->n = l->cap = 0;
}

/* Characters, not bytes: a UTF-8 name is as wide as its letters. */
double
lab_width(const char *s)
{
	double	w = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w += LAB_CHAR;
	return w;
}

int
lab_clear(const struct labels *l, const struct box *b)
{
	const struct box *a = &l->area;
	size_t	i;

	if (b->x0 < a->x0 || b->x1 > a->x1 || b->y0 < a->y0 || b->y1 > a->y1)
		return 0;
	for (i = 0; i < l->n; i++)
		if (b->x0 < l->taken[i].x1 && l->taken[i].x0 < b->x1 &&
		    b->y0 < l->taken[i].y1 && l->taken[i].y0 < b->y1)
			return 0;
	return 1;
}

/*
 * Off a rising line first (above left, below right), then the other
 * diagonals, then farther out. dy is the baseline's offset; left: the
 * text ends at dx to the left of the point.
 */
static const struct { double dx, dy; int left; } spot[] = {
	{ -6, -8, 1 }, { 6, 16, 0 }, { 6, -8, 0 }, { -6, 16, 1 },
	{ -6, -22, 1 }, { 6, 30, 0 }, { 6, -22, 0 }, { -6, 30, 1 },
	{ -14, -40, 1 }, { 14, 50, 0 }, { 14, -40, 0 }, { -14, 50, 1 },
	{ -20, -58, 1 }, { 20, 68, 0 }, { 20, -58, 0 }, { -20, 68, 1 },
};
#define NSPOT	(sizeof(spot) / sizeof(spot[0]))
#define NNEAR	8		/* the first spots, without a leader */

int
lab_put(struct sbuf *b, struct labels *l, double cx, double cy,
    const char *name, int prefer_left, const char *fill)
{
	struct box	bx;
	double		wide = lab_width(name), ex;
	size_t		s, k, last = l->far ? NSPOT : NNEAR;

	for (s = 0; s < last; s++) {
		k = prefer_left ? s : s ^ 1;	/* else start below right */
		bx.x0 = spot[k].left ? cx + spot[k].dx - wide : cx + spot[k].dx;
		bx.x1 = bx.x0 + wide;
		bx.y1 = cy + spot[k].dy + 3;
		bx.y0 = bx.y1 - LAB_H;
		if (lab_clear(l, &bx))
			break;
	}
	if (s == last)
		return 0;
	/* A little room between names side by side. */
	lab_take(l, bx.x0 - 2, bx.y0, bx.x1 + 2, bx.y1);
	if (k >= NNEAR) {
		/* From the dot's edge to the label's near corner. */
		ex = spot[k].left ? bx.x1 : bx.x0;
		sb_printf(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#999\" stroke-width=\"0.8\"/>\n", cx,
		    cy + (spot[k].dy < 0 ? -5 : 5), ex, spot[k].dy < 0 ?
		    bx.y1 : bx.y0);
	}
	sb_printf(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"",
	    spot[k].left ? bx.x1 : bx.x0, bx.y1 - 3, spot[k].left ? "end" :
	    "start");
	if (fill != NULL)
		sb_printf(b, " fill=\"%s\"", fill);
	sb_puts(b, ">");
	xml_text(b, name);
	sb_puts(b, "</text>\n");
	return 1;
}
