/*
 * fmt.h: numbers and strings for the output formats.
 *
 * fmt_fixed() prints a finite double in plain decimal (never exponent
 * notation) with the fewest digits that read back as the same double,
 * then pads with zeros up to minsig significant digits.
 *
 * struct sbuf is a growing output buffer: the whole document is built
 * in memory before a byte is written, so a failure never leaves half
 * a document on stdout.
 */
#ifndef FMT_H
#define FMT_H

#include <stddef.h>

#define FMT_NUM_MAX	400	/* enough for any finite double in plain decimal */

char	*fmt_fixed(char *buf, double x, int minsig);	/* buf: FMT_NUM_MAX */

/*
 * A float32 result as the double that fmt_fixed prints with float's
 * shortest digits: 53.5641 for 53.5640983581543. A double that is not a
 * float is returned as it is.
 */
double	fmt_f32(double);

/*
 * Numbers for people (-o text, the plot's captions), into buf of
 * FMT_SIG_MAX bytes; "-" for what is not finite. fmt_sig: n significant
 * digits (%g). fmt_se: x to the digits its standard error se supports
 * (two of se's). fmt_pct: a relative error as a signed percentage.
 */
#define FMT_SIG_MAX	32	/* -o text declares its buffers char [32] */
const char *fmt_sig(char *buf, double x, int n);
const char *fmt_se(char *buf, double x, double se);
const char *fmt_pct(char *buf, double e);

struct sbuf {
	char	*s;
	size_t	 n, cap;
	int	 oom;
};

void	sb_add(struct sbuf *, const char *s, size_t n);
void	sb_puts(struct sbuf *, const char *s);
void	sb_printf(struct sbuf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	sb_resid(struct sbuf *, double ms);	/* "+0.123 ms" */
void	sb_yaml_str(struct sbuf *, const char *s);	/* double-quoted scalar */
char	*sb_finish(struct sbuf *);	/* the string, or NULL if memory ran out */

size_t	utf8_seq(const char *, size_t, unsigned long *cp);
char	*utf8_clean(const char *);	/* malloc'd; NULL if memory ran out */

/*
 * Numbers in messages, short whatever the input held (a count of 1e300,
 * a rate of 5e-324): fmt_dec prints x with that many decimals while
 * |x| < 1e15, fmt_short as fmt_fixed does while 1e-6 <= |x| < 1e15 (or
 * x is 0); beyond, both print x as %.6g does: never more than 20 or so
 * characters. buf: FMT_NUM_MAX.
 */
char	*fmt_dec(char *buf, double x, int decimals);
char	*fmt_short(char *buf, double x, int minsig);

#endif
