/*
 * err.c: fill error records and format warnings; quote input text so a
 * message stays one printable line whatever bytes the log held.
 */
#include <stdarg.h>
#include <stdio.h>

#include "wi.h"

void
wi_seterr(struct wi_err *e, int code, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list	ap;

	e->code = code;
	e->file = file;
	e->line = line;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

static void
vdiag(const struct wi_warn *w, enum wi_level level, const char *file,
    unsigned long line, const char *fmt, va_list ap)
{
	char	msg[512];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	w->fn(w->ctx, level, file, line, msg);
}

void
wi_warnf(const struct wi_warn *w, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vdiag(w, WI_WARNING, file, line, fmt, ap);
	va_end(ap);
}

void
wi_notef(const struct wi_warn *w, const char *file, unsigned long line,
    const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vdiag(w, WI_NOTE, file, line, fmt, ap);
	va_end(ap);
}

/*
 * Returns buf holding s between double quotes, with bytes outside
 * printable ASCII, quotes and backslashes escaped, cut with "..." when
 * longer than the buffer allows.
 */
const char *
wi_quote(char *buf, size_t bufsz, const char *s, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	size_t	 o = 0, i;
	unsigned char c;

	if (bufsz < 8) {
		if (bufsz > 0)
			buf[0] = '\0';
		return buf;
	}
	buf[o++] = '"';
	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (o + 4 + 5 > bufsz) {	/* room for \xNN, ...", NUL */
			buf[o++] = '.';
			buf[o++] = '.';
			buf[o++] = '.';
			break;
		}
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
		} else if (c < 0x20 || c >= 0x7f) {
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 0xf];
		} else
			buf[o++] = (char)c;
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
