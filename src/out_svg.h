/*
 * out_svg.h: the two plots of -o svg. out_svg.c draws a linear fit, ITL
 * against batch size; out_svg_rate.c draws the model against the
 * arrival rate (TTFT and ITL, the targets, the max rate, the measured
 * points) whenever there is a sizing or the queueing model. They share
 * the axis helpers below (in out_svg_axis.c).
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

out_emit out_svg_rate;

#endif
