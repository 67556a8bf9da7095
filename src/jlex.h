/*
 * jlex.h: JSON as tokens, fed a block at a time (any split), for readers
 * that act on each token as it comes instead of copying values out
 * (in_range.c: a query_range result's samples stream past).
 *
 * Strings are unescaped (\\uXXXX as UTF-8, a lone surrogate as its own
 * bytes) into a buffer of JLEX_STR_MAX bytes; a longer string is cut
 * and flagged toolong, for the caller to refuse if it reads it. Numbers
 * and true, false, null come as "atoms", their text unchecked. Lines
 * are counted for messages. A bad escape or a control character in a
 * string is an error "FILE:LINE: malformed JSON: ...".
 */
#ifndef JLEX_H
#define JLEX_H

#include <stddef.h>

#include "wi.h"

#define JLEX_STR_MAX	1024

enum jtok { JT_LBRACE, JT_RBRACE, JT_LBRACK, JT_RBRACK, JT_COLON, JT_COMMA,
	JT_STRING, JT_ATOM };

struct jlex {
	/* Each token: its text (NUL-terminated) and whether it was cut. */
	int		(*token)(void *ctx, enum jtok, const char *text,
			    size_t len, int toolong, struct wi_err *);
	void		*ctx;
	const char	*file;
	unsigned long	 line;		/* of the byte last fed, from 1 */
	int		 st;
	char		 buf[JLEX_STR_MAX];
	size_t		 len;
	int		 toolong;
	unsigned	 u, ucount;
};

void	jlex_init(struct jlex *, const char *file, int (*token)(void *,
	    enum jtok, const char *, size_t, int, struct wi_err *), void *);
int	jlex_feed(struct jlex *, const char *, size_t, struct wi_err *);
/* The input's end: 0, or -1 inside a string (an atom is handed over). */
int	jlex_end(struct jlex *, struct wi_err *);

#endif
