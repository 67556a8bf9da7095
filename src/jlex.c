/*
 * jlex.c: JSON tokens from blocks (jlex.h).
 */
#include <string.h>

#include "jlex.h"

enum { LX_WS, LX_STR, LX_ESC, LX_U, LX_ATOM };

void
jlex_init(struct jlex *x, const char *file, int (*token)(void *, enum jtok,
    const char *, size_t, int, struct wi_err *), void *ctx)
{
	memset(x, 0, sizeof(*x));
	x->file = file;
	x->token = token;
	x->ctx = ctx;
	x->line = 1;
}

static int
bad(struct jlex *x, const char *what, struct wi_err *err)
{
	wi_seterr(err, WI_EINPUT, x->file, x->line, "malformed JSON: %s",
	    what);
	return -1;
}

static void
put(struct jlex *x, unsigned c)
{
	if (x->len + 1 < sizeof(x->buf))
		x->buf[x->len++] = (char)c;
	else
		x->toolong = 1;
}

/* A \\uXXXX code unit as UTF-8 (a lone surrogate as its own bytes). */
static void
put_u(struct jlex *x, unsigned u)
{
	if (u < 0x80)
		put(x, u);
	else if (u < 0x800) {
		put(x, 0xc0 | u >> 6);
		put(x, 0x80 | (u & 0x3f));
	} else {
		put(x, 0xe0 | u >> 12);
		put(x, 0x80 | ((u >> 6) & 0x3f));
		put(x, 0x80 | (u & 0x3f));
	}
}

static int
emit(struct jlex *x, enum jtok t, struct wi_err *err)
{
	x->buf[x->len] = '\0';
	x->st = LX_WS;
	return x->token(x->ctx, t, x->buf, x->len, x->toolong, err);
}

/* One byte inside a string: 0, or -1. */
static int
in_string(struct jlex *x, unsigned char c, struct wi_err *err)
{
	int	h;

	switch (x->st) {
	case LX_STR:
		if (c == '"')
			return emit(x, JT_STRING, err);
		if (c == '\\')
			x->st = LX_ESC;
		else if (c < 0x20)
			return bad(x, "a control character in a string", err);
		else
			put(x, c);
		return 0;
	case LX_ESC:
		x->st = LX_STR;
		switch (c) {
		case 'n': put(x, '\n'); break;
		case 't': put(x, '\t'); break;
		case 'r': put(x, '\r'); break;
		case 'b': put(x, '\b'); break;
		case 'f': put(x, '\f'); break;
		case '"': case '\\': case '/': put(x, c); break;
		case 'u': x->st = LX_U; x->u = x->ucount = 0; break;
		default: return bad(x, "a bad escape in a string", err);
		}
		return 0;
	default:	/* LX_U */
		h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ?
		    c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (h < 0)
			return bad(x, "a bad \\u escape", err);
		x->u = x->u << 4 | (unsigned)h;
		if (++x->ucount == 4) {
			put_u(x, x->u);
			x->st = LX_STR;
		}
		return 0;
	}
}

static int
atom_char(unsigned char c)
{
	return c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int
jlex_feed(struct jlex *x, const char *p, size_t n, struct wi_err *err)
{
	static const char punct[] = "{}[]:,";
	static const enum jtok ptok[] = { JT_LBRACE, JT_RBRACE, JT_LBRACK,
	    JT_RBRACK, JT_COLON, JT_COMMA };
	const char	*k;
	unsigned char	 c;
	size_t		 i;

	for (i = 0; i < n; i++) {
		c = (unsigned char)p[i];
		if (x->st != LX_WS && x->st != LX_ATOM) {
			if (in_string(x, c, err) == -1)
				return -1;
			continue;
		}
		if (x->st == LX_ATOM) {
			if (atom_char(c)) {
				put(x, c);
				continue;
			}
			if (emit(x, JT_ATOM, err) == -1)
				return -1;
		}
		if (c == '\n')
			x->line++;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		x->len = 0;
		x->toolong = 0;
		if (c == '"')
			x->st = LX_STR;
		else if (c != '\0' && (k = strchr(punct, c)) != NULL) {
			if (x->token(x->ctx, ptok[k - punct], "", 0, 0,
			    err) == -1)
				return -1;
		} else {
			x->st = LX_ATOM;
			put(x, c);
		}
	}
	return 0;
}

int
jlex_end(struct jlex *x, struct wi_err *err)
{
	if (x->st == LX_ATOM)
		return emit(x, JT_ATOM, err);
	if (x->st != LX_WS)
		return bad(x, "the input ends inside a string", err);
	return 0;
}
