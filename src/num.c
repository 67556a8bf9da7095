/*
 * num.c: the one reader of numbers in text tables. guidellm and vLLM
 * print unsigned plain decimals; anything else (a sign, an exponent,
 * "nan", "n/a") is not a number here, so it cannot slip through strtod.
 * Option values are read as plainly (num_plain, num_long).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "re.h"
#include "wi.h"

enum num_rc
num_decimal(const char *s, size_t n, double *out, struct wi_err *err)
{
	char	buf[400];
	int	rc;

	if ((rc = re_exec(RE_DECIMAL, s, n, NULL, err)) == -1)
		return NUM_FAIL;
	if (rc == 0)
		return NUM_NAN;
	if (n >= sizeof(buf))
		return NUM_RANGE;
	memcpy(buf, s, n);
	buf[n] = '\0';
	errno = 0;
	*out = strtod(buf, NULL);
	if (errno == ERANGE || !isfinite(*out))
		return NUM_RANGE;
	return NUM_OK;
}

/*
 * Digits, and with frac a "." and digits after them: what a person
 * writes for a batch size or a token count. No sign, space, exponent
 * or hex, which strtol and strtod would take (0x40, 1e-300).
 */
int
num_plain(const char *s, int frac)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s || p - s > 16)
		return 0;
	if (frac && *p == '.' && p[1] >= '0' && p[1] <= '9')
		for (p++; *p >= '0' && *p <= '9'; p++)
			continue;
	return *p == '\0';
}

int
num_long(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}
