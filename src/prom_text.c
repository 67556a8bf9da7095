/*
 * prom_text.c: a line of the Prometheus text format (prom_text.h).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "prom_text.h"

static const char *const label_names[] = { "pod", "instance", "pod_name",
	"model_name", "finished_reason", "status", "le" };

static unsigned char name_char[256];	/* 1: in a name; 2: may start one */


static void
init_chars(void)
{
	int	c;

	if (name_char['a'])
		return;
	for (c = 0; c < 256; c++)
		name_char[c] = (c >= 'a' && c <= 'z') || (c >= 'A' &&
		    c <= 'Z') || c == '_' || c == ':' ? 3 :
		    (c >= '0' && c <= '9') ? 1 : 0;
}

static size_t
blanks(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

/* A number token s[0..n) into *x: 0, or -1. */
static int
number(const char *s, size_t n, double *x)
{
	char	buf[64], *end;

	if (n == 0 || n >= sizeof(buf))
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*x = strtod(buf, &end);
	return *end == '\0' ? 0 : -1;
}

/*
 * The quoted value at s[*k] (its opening quote), unescaped into dst
 * (room for MS_NAME_MAX bytes; NULL: not kept), *k at its closing
 * quote: its length, or -1 and *why (bad or cut), or -2 (too long).
 */
static long
label_value(const char *s, size_t n, size_t *k, char *dst,
    const char **why)
{
	size_t	len = 0;
	char	c;

	for ((*k)++; *k < n && s[*k] != '"'; (*k)++) {
		c = s[*k];
		if (c == '\\') {
			if (++*k == n || (s[*k] != '\\' && s[*k] != '"' &&
			    s[*k] != 'n')) {
				*why = "a label value escape of \\\\, \\\" or "
				    "\\n";
				return -1;
			}
			c = s[*k] == 'n' ? '\n' : s[*k];
		}
		if (dst != NULL && len + 1 >= MS_NAME_MAX)
			return -2;
		if (dst != NULL)
			dst[len++] = c;
	}
	if (*k == n) {
		*why = "a closing quote";
		return -1;
	}
	if (dst != NULL)
		dst[len] = '\0';
	return (long)len;
}

/* The label named s[0..n): its enum plabel, or PL__COUNT. */
static int
label_of(const char *s, size_t n)
{
	int	l;

	for (l = 0; l < PL__COUNT; l++)
		if (strlen(label_names[l]) == n &&
		    memcmp(label_names[l], s, n) == 0)
			break;
	return l;
}

/*
 * The label block after "{" at s[*i]: the labels read into sm, *i past
 * its "}". 0, or -1 with err.
 */
static int
labels(const char *s, size_t n, size_t *i, struct psample *sm,
    const char *file, unsigned long no, struct wi_err *err)
{
	const char	*why;
	size_t		 k, st;
	long		 len;
	int		 l;

	for (;;) {
		k = blanks(s, n, *i);
		if (k < n && s[k] == '}') {
			*i = k + 1;
			return 0;
		}
		for (st = k; k < n && (name_char[(unsigned char)s[k]] &
		    (k == st ? 2 : 1)); k++)
			continue;
		why = "a label name";
		if (k == st)
			goto bad;
		l = label_of(s + st, k - st);
		k = blanks(s, n, k);
		why = "\"=\" after a label name";
		if (k >= n || s[k] != '=')
			goto bad;
		k = blanks(s, n, k + 1);
		why = "a quoted label value";
		if (k >= n || s[k] != '"')
			goto bad;
		len = label_value(s, n, &k, l < PL__COUNT ? sm->lv[l] : NULL,
		    &why);
		if (len == -1)
			goto bad;
		if (len == -2) {
			wi_seterr(err, WI_EINPUT, file, no, "the %s label is "
			    "longer than %d bytes", label_names[l],
			    MS_NAME_MAX - 1);
			return -1;
		}
		if (l < PL__COUNT) {
			sm->ll[l] = (size_t)len;
			sm->has |= 1U << l;
		}
		k = blanks(s, n, k + 1);
		why = "\",\" or \"}\" after a label";
		if (k < n && s[k] == ',')
			k++;
		else if (k >= n || s[k] != '}')
			goto bad;
		*i = k;
	}
bad:
	wi_seterr(err, WI_EINPUT, file, no, "malformed sample: expected "
	    "%s at column %zu", why, k + 1);
	return -1;
}

/* The value, timestamp and exemplar after the name and labels. */
static int
tail(const char *s, size_t n, size_t i, struct psample *sm,
    const char *file, unsigned long no, struct wi_err *err)
{
	size_t	st, k;
	int	tok;

	if (i >= n || (s[i] != ' ' && s[i] != '\t')) {
		wi_seterr(err, WI_EINPUT, file, no, "malformed sample: "
		    "expected a blank and a value at column %zu", i + 1);
		return -1;
	}
	for (tok = 0; ; tok++) {
		i = blanks(s, n, i);
		if (i == n)
			break;
		if (s[i] == '#' && tok > 0)
			break;		/* an exemplar: not read */
		for (st = i; i < n && s[i] != ' ' && s[i] != '\t'; i++)
			continue;
		k = i - st;
		if (tok == 0 && number(s + st, k, &sm->value) == 0)
			continue;
		if (tok == 1 && number(s + st, k, &sm->ts) == 0 &&
		    isfinite(sm->ts)) {
			sm->has_ts = 1;
			continue;
		}
		wi_seterr(err, WI_EINPUT, file, no, "malformed sample: %s "
		    "at column %zu is not %s", tok > 1 ? "text" : tok ?
		    "the timestamp" : "the value", st + 1, tok > 1 ?
		    "an exemplar (\" # {...} value\")" : "a number");
		return -1;
	}
	if (tok == 0) {
		wi_seterr(err, WI_EINPUT, file, no, "malformed sample: no "
		    "value");
		return -1;
	}
	return 0;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static long
days(long y, long m, long d)
{
	long	era, yoe, doy;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

/* Digits s[i..i+k) into *v; 1, or 0 if they are not all digits. */
static int
digits(const char *s, size_t n, size_t i, size_t k, long *v)
{
	*v = 0;
	if (i + k > n)
		return 0;
	for (; k > 0; k--, i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

int
pt_time(const char *s, size_t n, double *t)
{
	long	y, mo, d, h, mi, sec, oh = 0, om = 0;
	double	frac = 0;
	size_t	i = 19, st;
	int	sign = 1;

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n < 19 || s[4] != '-')
		return number(s, n, t) == 0 && isfinite(*t) && *t >= 0 ? 0 :
		    -1;
	if (!digits(s, n, 0, 4, &y) || !digits(s, n, 5, 2, &mo) ||
	    s[7] != '-' || !digits(s, n, 8, 2, &d) || (s[10] != 'T' &&
	    s[10] != ' ') || !digits(s, n, 11, 2, &h) || s[13] != ':' ||
	    !digits(s, n, 14, 2, &mi) || s[16] != ':' ||
	    !digits(s, n, 17, 2, &sec) || mo < 1 || mo > 12 || d < 1 ||
	    d > 31 || h > 23 || mi > 59 || sec > 60)
		return -1;
	if (i < n && s[i] == '.') {
		for (st = i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
			continue;
		if (number(s + st, i - st, &frac) == -1)
			return -1;
	}
	if (i < n && (s[i] == 'Z' || s[i] == 'z'))
		i++;
	else if (i < n && (s[i] == '+' || s[i] == '-')) {
		sign = s[i++] == '-' ? -1 : 1;
		if (!digits(s, n, i, 2, &oh))
			return -1;
		i += 2;
		if (i < n && s[i] == ':')
			i++;
		if (i < n && !digits(s, n, i, 2, &om))
			return -1;
		i += i < n ? 2 : 0;
	}
	if (i != n)
		return -1;
	*t = ((double)days(y, mo, d) * 86400 + (double)(h * 3600 + mi * 60 +
	    sec) + frac) - sign * (double)(oh * 3600 + om * 60);
	return 0;
}

/* Does a bucket's line hold le="+Inf"? ('+' is rare: memchr is quick) */
static int
inf_bucket(const char *s, size_t n)
{
	const char	*p = s, *end = s + n;

	while ((p = memchr(p, '+', (size_t)(end - p))) != NULL) {
		if (p - s >= 4 && end - p >= 5 && memcmp(p - 4, "le=\"+Inf\"",
		    9) == 0)
			return 1;
		p++;
	}
	return 0;
}

int
pt_wanted(const char *s, size_t n)
{
	const struct mfamily *fm;
	size_t	i;

	init_chars();
	if (n == 0 || s[0] == '\r')
		return 0;
	if (s[0] == '#')
		return !(n >= 7 && memcmp(s, "# HELP ", 7) == 0);
	if (!ms_may_family(s, n) && name_char[(unsigned char)s[0]] & 2)
		return 0;	/* a sample of another family */
	for (i = 0; i < n && (name_char[(unsigned char)s[i]] & (i ? 1 : 2)); i++)
		continue;
	if (i == 0 || i == n || (s[i] != '{' && s[i] != ' ' && s[i] != '\t'))
		return 1;
	if ((fm = ms_family(s, i)) == NULL)
		return 0;
	return fm->kind != MK_BUCKET || inf_bucket(s + i, n - i);
}

size_t
pt_name(const char *s, size_t n)
{
	size_t	i;

	init_chars();
	for (i = 0; i < n && (name_char[(unsigned char)s[i]] & (i ? 1 : 2)); i++)
		continue;
	return i;
}

int
pt_sample(const char *s, size_t n, size_t name, struct psample *sm,
    const char *file, unsigned long no, struct wi_err *err)
{
	size_t	i = name;

	sm->has = 0;
	sm->has_ts = 0;
	if (i < n && s[i] == '{') {
		i++;
		if (labels(s, n, &i, sm, file, no, err) == -1)
			return -1;
	}
	sm->end = i;
	return tail(s, n, i, sm, file, no, err);
}
