/*
 * out_svg_axis.c: what both plots of -o svg share (out_svg.h): the
 * axes' steps and tick labels, and text escaped for XML. Apart from
 * either plot so that out_svg.c, which hands a sizing to out_svg_rate.c,
 * and out_svg_rate.c do not call each other.
 */
#include <math.h>
#include <stdio.h>

#include "out_svg.h"

/* A step of 1, 2 or 5 times a power of ten, near span/5. */
void
nice_axis(struct axis *a, double lo, double hi)
{
	double	span, mag, f;

	if (!(hi > lo)) {
		hi = lo + (lo != 0 ? fabs(lo) * 0.5 : 1);
		lo -= (hi - lo) * 0.5;
	}
	span = (hi - lo) / 5;
	mag = pow(10, floor(log10(span)));
	f = span / mag;
	a->step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
	a->lo = floor(lo / a->step) * a->step;
	a->hi = ceil(hi / a->step) * a->step;
}

void
xml_text(struct sbuf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': sb_puts(b, "&amp;"); break;
		case '<': sb_puts(b, "&lt;"); break;
		case '>': sb_puts(b, "&gt;"); break;
		case '"': sb_puts(b, "&quot;"); break;
		default:
			if ((unsigned char)*s >= 0x20 && *s != 0x7f)
				sb_add(b, s, 1);
		}
}

/* A tick label: the step's decimals, no exponent. */
void
tick(char *buf, size_t sz, double v, double step)
{
	int	dec = step >= 1 ? 0 : (int)ceil(-log10(step) - 1e-9);

	if (fabs(v) < step * 1e-9)
		v = 0;
	snprintf(buf, sz, "%.*f", dec > 9 ? 9 : dec, v);
}

/*
 * Ticks are counted, not stepped: at large magnitudes lo + step may
 * equal lo, and a loop adding the step would never end.
 */
int
ticks(const struct axis *a)
{
	double	n = floor((a->hi - a->lo) / a->step + 0.5);

	return n >= 1 && n <= 50 ? (int)n : 1;
}
