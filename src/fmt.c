/*
 * fmt.c: shortest round-trip plain decimals and the output buffer.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"

char *
fmt_fixed(char *buf, double x, int minsig)
{
	char	 e[40], digits[40];
	char	*p, *o = buf;
	int	 prec, nd, exp, i;

	if (!isfinite(x)) {
		/* Callers check first; never read an exponent from "inf". */
		strcpy(buf, "null");
		return buf;
	}
	if (x == 0) {
		/* Also turns -0 into 0. */
		strcpy(buf, minsig > 1 ? "0.0" : "0");
		for (i = 2; i < minsig; i++)
			strcat(buf, "0");
		return buf;
	}
	for (prec = 0; prec < 17; prec++) {
		snprintf(e, sizeof(e), "%.*e", prec, x);
		if (strtod(e, NULL) == x)
			break;
	}
	/* e is "-d.ddde+XX": collect the digits and the exponent. */
	p = e;
	if (*p == '-') {
		*o++ = '-';
		p++;
	}
	nd = 0;
	for (; *p != 'e'; p++)
		if (*p != '.')
			digits[nd++] = *p;
	exp = atoi(p + 1);
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	while (nd < minsig)
		digits[nd++] = '0';
	if (exp < 0) {
		*o++ = '0';
		*o++ = '.';
		for (i = -1; i > exp; i--)
			*o++ = '0';
		memcpy(o, digits, (size_t)nd);
		o += nd;
	} else {
		for (i = 0; i <= exp; i++)
			*o++ = i < nd ? digits[i] : '0';
		if (nd > exp + 1) {
			*o++ = '.';
			memcpy(o, digits + exp + 1, (size_t)(nd - exp - 1));
			o += nd - exp - 1;
		}
	}
	*o = '\0';
	return buf;
}

double
fmt_f32(double x)
{
	char	buf[40];
	int	prec;

	if (!isfinite(x) || x == 0 || (double)(float)x != x)
		return x;
	for (prec = 0; prec < 9; prec++) {
		snprintf(buf, sizeof(buf), "%.*e", prec, x);
		if (strtof(buf, NULL) == (float)x)
			break;
	}
	return strtod(buf, NULL);
}

const char *
fmt_sig(char *buf, double x, int n)
{
	if (!isfinite(x))
		return "-";
	snprintf(buf, FMT_SIG_MAX, "%.*g", n, x);
	return buf;
}

const char *
fmt_se(char *buf, double x, double se)
{
	int	n = 4;

	if (se > 0 && x != 0)
		n = (int)floor(log10(fabs(x))) - (int)floor(log10(se)) + 2;
	return fmt_sig(buf, x, n < 1 ? 1 : n > 8 ? 8 : n);
}

const char *
fmt_pct(char *buf, double e)
{
	if (!isfinite(e))
		return "-";
	snprintf(buf, FMT_SIG_MAX, "%+.*f%%", fabs(e) < 0.1 ? 1 : 0, 100 * e);
	return buf;
}

void
sb_add(struct sbuf *b, const char *s, size_t n)
{
	size_t	 ncap;
	char	*ns;

	if (b->oom)
		return;
	if (b->n + n + 1 > b->cap) {
		ncap = b->cap ? b->cap : 1024;
		while (ncap < b->n + n + 1)
			ncap *= 2;
		if ((ns = realloc(b->s, ncap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

/* A residual in milliseconds as "+0.123": never "-0.000". */
void
sb_resid(struct sbuf *b, double ms)
{
	sb_printf(b, "%+.3f ms", fabs(ms) < 0.0005 ? 0 : ms);
}

void
sb_puts(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char	buf[1024], *big;
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n < sizeof(buf)) {
		sb_add(b, buf, (size_t)n);
		return;
	}
	if ((big = malloc((size_t)n + 1)) == NULL) {
		b->oom = 1;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	sb_add(b, big, (size_t)n);
	free(big);
}

/*
 * Length of the valid UTF-8 sequence at s (1 to 4) with its code point,
 * or 0 if the bytes there are not UTF-8 (overlong forms, surrogates and
 * values past U+10FFFF included).
 */
size_t
utf8_seq(const char *str, size_t n, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned long	 c, min;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

/* A copy of s in which every byte that is not UTF-8 became U+FFFD. */
char *
utf8_clean(const char *s)
{
	struct sbuf	 b = { 0 };
	unsigned long	 cp;
	size_t		 n = strlen(s), k;

	while (n > 0) {
		if ((k = utf8_seq(s, n, &cp)) == 0) {
			sb_add(&b, "\xef\xbf\xbd", 3);
			k = 1;
		} else
			sb_add(&b, s, k);
		s += k;
		n -= k;
	}
	return sb_finish(&b);
}

/*
 * A YAML double-quoted scalar: whatever a log or a file name holds stays
 * data. Characters that YAML does not allow raw or reads as line breaks
 * (C0 and C1 controls, DEL, U+2028, U+2029, the byte-order mark) and
 * bytes that are not UTF-8 are escaped
 * by code point, the latter as U+FFFD.
 */
void
sb_yaml_str(struct sbuf *b, const char *s)
{
	unsigned long	 cp;
	size_t		 n = strlen(s), k;

	sb_add(b, "\"", 1);
	while (n > 0) {
		if ((k = utf8_seq(s, n, &cp)) == 0) {
			sb_puts(b, "\\uFFFD");
			k = 1;
		} else if (cp == '"' || cp == '\\') {
			sb_add(b, "\\", 1);
			sb_add(b, s, 1);
		} else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0x2028 || cp == 0x2029 || cp == 0xfeff ||
		    cp == 0xfffe || cp == 0xffff)
			sb_printf(b, "\\u%04lX", cp);
		else
			sb_add(b, s, k);
		s += k;
		n -= k;
	}
	sb_add(b, "\"", 1);
}

char *
sb_finish(struct sbuf *b)
{
	if (b->oom) {
		free(b->s);
		b->s = NULL;
		return NULL;
	}
	if (b->s == NULL)
		sb_add(b, "", 0);
	return b->oom ? NULL : b->s;
}

char *
fmt_dec(char *buf, double x, int decimals)
{
	if (fabs(x) < 1e15)
		snprintf(buf, FMT_NUM_MAX, "%.*f", decimals, x);
	else
		snprintf(buf, FMT_NUM_MAX, "%.6g", x);
	return buf;
}

char *
fmt_short(char *buf, double x, int minsig)
{
	if (x == 0 || (fabs(x) >= 1e-6 && fabs(x) < 1e15))
		return fmt_fixed(buf, x, minsig);
	snprintf(buf, FMT_NUM_MAX, "%.6g", x);
	return buf;
}
