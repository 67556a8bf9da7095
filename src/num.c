/*
 * num.c: the one reader of numbers in text tables. guidellm and vLLM
 * print unsigned plain decimals; anything else (a sign, an exponent,
 * "nan", "n/a") is not a number here, so it cannot slip through strtod.
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
