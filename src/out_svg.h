/*
 * out_svg.h: the two plots of -o svg. out_svg.c draws a linear fit, ITL
 * against batch size and TTFT against prompt tokens x batch size;
 * out_svg_rate.c draws the model against the arrival rate (TTFT and
 * ITL, the targets, the max rate, the measured points) whenever there
 * is a sizing or the queueing model. They share the axis helpers below
 * (out_svg_axis.c) and the placing of point labels (out_svg_label.c).
 */
#ifndef OUT_SVG_H
#define OUT_SVG_H

#include "fmt.h"
#include "out.h"

struct axis {
	double	lo, hi, step;
};

void	nice_axis(struct axis *, double lo, double hi);
void	tick(char *buf, size_t sz, double v, double step);
int	ticks(const struct axis *);	/* steps from lo to hi, 1..50 */
void	xml_text(struct sbuf *, const char *);	/* escaped for XML */

/*
 * Labels that do not overprint. lab_take marks a box (pixels) as drawn
 * on, lab_clear says whether a box is inside area and clear of all
 * taken; lab_put writes name as a <text> beside the point (cx, cy), in
 * the first clear spot near it (with far set, then farther ones with a
 * leader line), and takes it: 1, or 0 where no spot is clear (nothing
 * written). prefer_left: try above left first, else below right; fill:
 * the text's colour, NULL for the enclosing group's. Labels are
 * font-size 11; lab_width estimates one's width. A failed allocation
 * sets oom (then lab_put still places, unrecorded).
 */
struct box {
	double	x0, y0, x1, y1;
};

struct labels {
	struct box	 area;
	int		 far;		/* spots far off, with leaders */
	struct box	*taken;
	size_t		 n, cap;
	int		 oom;
};

void	lab_take(struct labels *, double x0, double y0, double x1, double y1);
int	lab_clear(const struct labels *, const struct box *);
int	lab_put(struct sbuf *, struct labels *, double cx, double cy,
	    const char *name, int prefer_left, const char *fill);
double	lab_width(const char *);
void	lab_free(struct labels *);

out_emit out_svg_rate;

#endif
