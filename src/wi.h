/*
 * wi.h: what every stage of wva-itl shares: exit codes, limits, and the
 * error record that library-style modules fill in instead of printing.
 */
#ifndef WI_H
#define WI_H

#include <stddef.h>

/* Exit codes, documented in wva-itl(1) and --help. */
enum {
	WI_OK = 0,		/* success */
	WI_EINPUT = 1,		/* the input lacks what is needed or is malformed */
	WI_EUSAGE = 2,		/* bad command line */
	WI_ESYS = 3		/* cannot open, read or write */
};

/* Limits that keep memory bounded whatever the input. */
#define WI_LINE_MAX	16384	/* bytes of a physical line kept */
#define WI_ROW_MAX	16384	/* bytes of a re-joined table row */
#define WI_MAX_COLS	64	/* columns of a table */
#define WI_MAX_FRAGS	512	/* physical lines making one table row */
#define WI_MAX_HEADER_ROWS 4	/* logical header rows of a table */
#define WI_MAX_BENCH	1000	/* benchmarks kept from all inputs */
#define WI_NAME_MAX	64	/* bytes of a benchmark name */

/*
 * An error found by a module: the front end prints it as
 * "wva-itl: file:line: msg" (file and line when known) and exits with code.
 */
struct wi_err {
	int		 code;
	const char	*file;
	unsigned long	 line;
	char		 msg[512];
};

void	wi_seterr(struct wi_err *, int code, const char *file,
	    unsigned long line, const char *fmt, ...)
	    __attribute__((format(printf, 5, 6)));

/* Quote at most max bytes of s for a message: printable, one line. */
const char *wi_quote(char *buf, size_t bufsz, const char *s, size_t n);

/*
 * Warnings are non-fatal findings about the data, notes say which of
 * several sources or defaults was used. Modules report both through this
 * callback; the front end prints them and counts warnings for --strict.
 */
enum wi_level { WI_NOTE, WI_WARNING };

struct wi_warn {
	void	(*fn)(void *ctx, enum wi_level, const char *file,
		    unsigned long line, const char *msg);
	void	*ctx;
};

void	wi_warnf(const struct wi_warn *, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	wi_notef(const struct wi_warn *, const char *file, unsigned long line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* num.c: an unsigned plain decimal, the only number form tables hold. */
enum num_rc { NUM_OK, NUM_NAN, NUM_RANGE, NUM_FAIL };

enum num_rc num_decimal(const char *s, size_t n, double *out, struct wi_err *);

/* Option values: digits (and with frac a fraction), no sign, space,
 * exponent or hex; and a whole number in [lo, hi]. 1 or 0, 0 or -1. */
int	num_plain(const char *, int frac);
int	num_long(const char *, long lo, long hi, long *);

#endif
