/*
 * clean.h: turn a physical log line into the text guidellm printed.
 *
 * Takes a line from lineio (carriage returns already resolved) and, in
 * place, removes ANSI escape sequences, the prefixes that `oc logs` adds
 * (--prefix "[pod/NAME/CONTAINER] " and --timestamps RFC 3339 stamps, in
 * either order, also behind a pasted prefix such as "# ") and trailing
 * white space. Returns the cleaned text as a
 * pointer and length inside the same buffer.
 */
#ifndef CLEAN_H
#define CLEAN_H

#include <stddef.h>

#include "wi.h"

/* What a person pasting a log may put before every line: "# ", "> ", spaces. */
#define PASTE_CHARS	" \t#>;*/"

/* The prefix of a title line, kept to strip it from the table's lines. */
#define PREFIX_MAX	256

int	take_prefix(char *dst, size_t *dlen, const char *s, size_t n);
int	strip_prefix(const char *prefix, size_t plen, const char **s,
	    size_t *n);
int	clean_line(char *s, size_t n, char **out, size_t *outlen,
	    struct wi_err *);
size_t	strip_ansi(char *s, size_t n);
size_t	rtrim_len(const char *s, size_t n);

#endif
