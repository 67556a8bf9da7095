/*
 * rejoin.c: the table state machine described in rejoin.h.
 */
#include <string.h>

#include "clean.h"
#include "rejoin.h"

enum kind { K_TEXT, K_EQ, K_DIV };

/* Stray lines skipped in a row before the table counts as cut off. */
#define RJ_STRAY_MAX	8

static enum kind
classify(const char *s, size_t n)
{
	size_t	i;
	int	dash = 0;

	for (i = 0; i < n && s[i] == '='; i++)
		continue;
	if (i == n)
		return K_EQ;
	for (i = 0; i < n; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (s[i] != '|')
			return K_TEXT;
	}
	return dash ? K_DIV : K_TEXT;
}

static int
count_pipes(const char *s, size_t n)
{
	int	c = 0;

	while (n-- > 0)
		c += *s++ == '|';
	return c;
}

void
rj_begin(struct rj *t, const char *what, const char *file,
    const char *prefix, size_t plen, unsigned long title_line)
{
	t->state = RJ_TOP;
	t->what = what;
	t->file = file;
	(void)take_prefix(t->prefix, &t->plen, prefix, plen);	/* checked */
	t->title_line = title_line;
	t->top_eq = t->bot_eq = 0;
	t->ncols = 0;
	t->head.len = t->head.nfrag = 0;
	t->head.pipes = 0;
	t->nhdr = 0;
	t->have_cur = 0;
	t->cur = 0;
	t->out = NULL;
	t->nstray = 0;
}

static void
row_clear(struct rj_row *r)
{
	r->len = r->nfrag = 0;
	r->pipes = 0;
}

static int
row_add(struct rj *t, struct rj_row *r, const char *s, size_t n,
    unsigned long line, struct wi_err *err)
{
	if (r->len + n > WI_ROW_MAX || r->nfrag == WI_MAX_FRAGS) {
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s: a row is longer than %d bytes or %d lines", t->what,
		    WI_ROW_MAX, WI_MAX_FRAGS);
		return -1;
	}
	r->frag[r->nfrag].off = r->len;
	r->frag[r->nfrag].line = line;
	r->nfrag++;
	memcpy(r->text + r->len, s, n);
	r->len += n;
	r->pipes += count_pipes(s, n);
	return 0;
}

static int
too_many(struct rj *t, const struct rj_row *r, const char *which,
    struct wi_err *err)
{
	wi_seterr(err, WI_EINPUT, t->file, r->frag[0].line,
	    "%s: %s row has more than the %d columns of the divider", t->what,
	    which, t->ncols);
	return -1;
}

/* Splits the header lines into logical rows now that ncols is known. */
static int
split_header(struct rj *t, struct wi_err *err)
{
	const struct rj_row *h = &t->head;
	struct rj_row	*r = NULL;
	size_t		 i, off, end;
	const char	*s;

	t->nhdr = 0;
	for (i = 0; i < h->nfrag; i++) {
		off = h->frag[i].off;
		end = i + 1 < h->nfrag ? h->frag[i + 1].off : h->len;
		s = h->text + off;
		if (r == NULL || (r->pipes == t->ncols - 1 &&
		    memchr(s, '|', end - off) != NULL)) {
			if (t->nhdr == WI_MAX_HEADER_ROWS) {
				wi_seterr(err, WI_EINPUT, t->file,
				    h->frag[i].line,
				    "%s: more than %d header rows", t->what,
				    WI_MAX_HEADER_ROWS);
				return -1;
			}
			r = &t->hdr[t->nhdr++];
			row_clear(r);
		}
		if (row_add(t, r, s, end - off, h->frag[i].line, err) == -1)
			return -1;
		if (r->pipes > t->ncols - 1)
			return too_many(t, r, "a header", err);
	}
	if (r == NULL || r->pipes != t->ncols - 1) {
		wi_seterr(err, WI_EINPUT, t->file,
		    r == NULL ? t->title_line : r->frag[0].line,
		    "%s: the header does not have the %d columns of the "
		    "divider", t->what, t->ncols);
		return -1;
	}
	return 0;
}

/* Hands the row being built out as complete. */
static int
finish_row(struct rj *t, struct wi_err *err)
{
	struct rj_row	*r = &t->row[t->cur];

	if (r->pipes != t->ncols - 1) {
		wi_seterr(err, WI_EINPUT, t->file, r->frag[0].line,
		    "%s: row has %d columns, the header has %d", t->what,
		    r->pipes + 1, t->ncols);
		return -1;
	}
	t->out = r;
	t->cur ^= 1;
	t->have_cur = 0;
	return RJ_ROW;
}

/*
 * Is a line among the rows not the table's? Every data cell is one word
 * (a number, a name such as constant@1.49) and a row's first cell comes
 * with its "|", so a line without "|" that belongs to the table is one
 * word filling the row's open cell: after its last "|", before any text.
 * Anything else there (a warning, another program's line) is stray. A
 * line with a "|" is never taken for stray: that would be a guess.
 */
static int
stray(const struct rj *t, const char *s, size_t n, enum kind k)
{
	const struct rj_row *r = &t->row[t->cur];
	size_t	 i, open;

	if (k != K_TEXT || memchr(s, '|', n) != NULL)
		return 0;
	if (!t->have_cur)
		return 1;
	for (i = 0; i < n; i++)
		if (s[i] == ' ' || s[i] == '\t')
			break;
	for (; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 1;		/* two words or more */
	for (open = r->len; open > 0 && r->text[open - 1] != '|'; open--)
		if (r->text[open - 1] != ' ' && r->text[open - 1] != '\t')
			return 1;		/* the open cell has its word */
	return 0;
}

static int
skip_stray(struct rj *t, unsigned long line, struct wi_err *err)
{
	if (++t->nstray > RJ_STRAY_MAX) {
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s is cut off: %d lines in a row among its rows are not "
		    "the table's", t->what, t->nstray);
		return -1;
	}
	return RJ_STRAY;
}

static int
body_line(struct rj *t, const char *s, size_t n, enum kind k,
    unsigned long line, struct wi_err *err)
{
	struct rj_row	*r;
	int		 rv = 0;

	if (k == K_EQ) {
		if (!t->have_cur) {
			wi_seterr(err, WI_EINPUT, t->file, line,
			    "%s has no rows", t->what);
			return -1;
		}
		if ((rv = finish_row(t, err)) == -1)
			return -1;
		t->state = RJ_BOTTOM;
		t->bot_eq = n;
		if (t->bot_eq >= t->top_eq) {
			t->state = RJ_IDLE;
			rv |= RJ_END;
		}
		return rv;
	}
	if (k == K_DIV) {
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s: a second divider line among the rows", t->what);
		return -1;
	}
	r = &t->row[t->cur];
	if (t->have_cur && r->pipes == t->ncols - 1 &&
	    memchr(s, '|', n) != NULL) {
		if ((rv = finish_row(t, err)) == -1)
			return -1;
		r = &t->row[t->cur];
	}
	if (!t->have_cur) {
		row_clear(r);
		t->have_cur = 1;
	}
	if (row_add(t, r, s, n, line, err) == -1)
		return -1;
	if (r->pipes > t->ncols - 1)
		return too_many(t, r, "a", err);
	return rv;
}

int
rj_feed(struct rj *t, const char *s, size_t n, unsigned long line,
    int truncated, struct wi_err *err)
{
	enum kind	k;
	int		rv = 0, body;

	if (strip_prefix(t->prefix, t->plen, &s, &n) == -1) {
		/* Another container's line among the rows? */
		if (t->state == RJ_BODY && !truncated)
			return skip_stray(t, line, err);
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s is cut off: this line lacks the prefix of its title "
		    "(line %lu)", t->what, t->title_line);
		return -1;
	}
	n = rtrim_len(s, n);
	if (truncated) {
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s: line longer than %d bytes", t->what, WI_LINE_MAX);
		return -1;
	}
	if (n == 0) {
		wi_seterr(err, WI_EINPUT, t->file, line,
		    "%s is cut off: blank line before its bottom border",
		    t->what);
		return -1;
	}
	k = classify(s, n);
	if (t->state == RJ_BODY && stray(t, s, n, k))
		return skip_stray(t, line, err);
	t->nstray = 0;
	switch (t->state) {
	case RJ_TOP:
		if (k == K_EQ) {
			t->top_eq += n;
			return 0;
		}
		if (t->top_eq == 0) {
			wi_seterr(err, WI_EINPUT, t->file, line,
			    "%s: no \"=\" border after the title (line %lu)",
			    t->what, t->title_line);
			return -1;
		}
		t->state = RJ_HEAD;
		/* FALLTHROUGH */
	case RJ_HEAD:
		if (k == K_EQ) {
			wi_seterr(err, WI_EINPUT, t->file, line,
			    "%s: border before the \"-\" divider line", t->what);
			return -1;
		}
		if (k == K_TEXT)
			return row_add(t, &t->head, s, n, line, err);
		t->state = RJ_DIV;
		t->ncols = 1;
		/* FALLTHROUGH */
	case RJ_DIV:
		if (k == K_DIV) {
			t->ncols += count_pipes(s, n);
			if (t->ncols > WI_MAX_COLS) {
				wi_seterr(err, WI_EINPUT, t->file, line,
				    "%s: more than %d columns", t->what,
				    WI_MAX_COLS);
				return -1;
			}
			return 0;
		}
		if (split_header(t, err) == -1)
			return -1;
		t->state = RJ_BODY;
		rv = RJ_HEADER;
		/* FALLTHROUGH */
	case RJ_BODY:
		if ((body = body_line(t, s, n, k, line, err)) == -1)
			return -1;
		return rv | body;
	case RJ_BOTTOM:
		if (k != K_EQ) {
			wi_seterr(err, WI_EINPUT, t->file, line,
			    "%s is cut off: its bottom border is incomplete",
			    t->what);
			return -1;
		}
		t->bot_eq += n;
		if (t->bot_eq >= t->top_eq) {
			t->state = RJ_IDLE;
			return RJ_END;
		}
		return 0;
	case RJ_IDLE:
		break;
	}
	return 0;
}

int
rj_eof(struct rj *t, unsigned long line, struct wi_err *err)
{
	static const char *const where[] = {
		[RJ_TOP] = "before its header", [RJ_HEAD] = "in its header",
		[RJ_DIV] = "in its header", [RJ_BODY] = "in its rows",
		[RJ_BOTTOM] = "in its bottom border"
	};

	if (t->state == RJ_IDLE)
		return 0;
	wi_seterr(err, WI_EINPUT, t->file, line,
	    "%s is cut off %s by the end of the input (title at line %lu)",
	    t->what, where[t->state], t->title_line);
	return -1;
}

static unsigned long
line_at(const struct rj_row *r, size_t off)
{
	size_t	i;

	for (i = r->nfrag; i-- > 1; )
		if (r->frag[i].off <= off)
			return r->frag[i].line;
	return r->frag[0].line;
}

int
rj_cells(const struct rj *t, const struct rj_row *r, struct rj_cell *c)
{
	size_t	 start = 0, i, a, b;
	int	 nc = 0;

	for (i = 0; i <= r->len; i++) {
		if (i < r->len && r->text[i] != '|')
			continue;
		a = start;
		b = i;
		while (a < b && (r->text[a] == ' ' || r->text[a] == '\t'))
			a++;
		while (b > a && (r->text[b - 1] == ' ' || r->text[b - 1] == '\t'))
			b--;
		c[nc].s = r->text + a;
		c[nc].n = b - a;
		c[nc].line = line_at(r, a);
		nc++;
		start = i + 1;
		if (nc == t->ncols)
			break;
	}
	return nc;
}
