/*
 * csv.c: the CSV record splitter.
 */
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int
csv_init(struct csv *c, const char *file,
    int (*record)(void *, const struct csv *, struct wi_err *), void *ctx,
    struct wi_err *err)
{
	memset(c, 0, sizeof(*c));
	c->file = file;
	c->line = c->rec_line = 1;
	c->record = record;
	c->ctx = ctx;
	c->fcap = 64;
	if ((c->f = calloc(c->fcap, sizeof(*c->f))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	return 0;
}

void
csv_free(struct csv *c)
{
	free(c->f);
	c->f = NULL;
}

static void
add(struct csv *c, char ch)
{
	struct csv_field *f = &c->f[c->nf];

	c->field_started = 1;
	if (f->n < CSV_KEEP)
		f->s[f->n++] = ch;
	else
		f->cut = 1;
}

static int
end_field(struct csv *c, struct wi_err *err)
{
	struct csv_field *f = &c->f[c->nf];

	f->s[f->n] = '\0';
	if (++c->nf == CSV_MAX_COLS) {
		wi_seterr(err, WI_EINPUT, c->file, c->rec_line,
		    "CSV: a record has more than %d fields", CSV_MAX_COLS);
		return -1;
	}
	if (c->nf == c->fcap) {
		if ((f = realloc(c->f, 2 * c->fcap * sizeof(*f))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		c->f = f;
		c->fcap *= 2;
	}
	f = &c->f[c->nf];
	f->n = 0;
	f->cut = 0;
	c->field_started = 0;
	c->quote_seen = 0;
	return 0;
}

static int
end_record(struct csv *c, struct wi_err *err)
{
	int	rc = 0;

	if (end_field(c, err) == -1)
		return -1;
	/* A blank line is no record. */
	if (!(c->nf == 1 && c->f[0].n == 0)) {
		c->nrec++;
		rc = c->record(c->ctx, c, err);
	}
	c->nf = 0;
	c->f[0].n = 0;
	c->f[0].cut = 0;
	c->rec_line = c->line;
	return rc;
}

int
csv_feed(struct csv *c, const char *p, size_t n, struct wi_err *err)
{
	size_t	i;
	char	ch;

	for (i = 0; i < n; i++) {
		ch = p[i];
		if (c->quoted) {
			if (ch == '\n')
				c->line++;
			if (ch == '"' && !c->quote_seen) {
				c->quote_seen = 1;
				continue;
			}
			if (ch == '"') {		/* "" is one quote */
				c->quote_seen = 0;
				add(c, '"');
				continue;
			}
			if (!c->quote_seen) {
				add(c, ch);
				continue;
			}
			c->quoted = c->quote_seen = 0;	/* the closing quote */
			if (ch == '\n')
				c->line--;
		}
		if (c->cr && ch != '\n')
			add(c, '\r');
		c->cr = 0;
		switch (ch) {
		case '"':
			if (!c->field_started) {
				c->quoted = 1;
				c->field_started = 1;
			} else
				add(c, ch);
			break;
		case ',':
			if (end_field(c, err) == -1)
				return -1;
			break;
		case '\r':
			c->cr = 1;
			break;
		case '\n':
			c->line++;
			if (end_record(c, err) == -1)
				return -1;
			break;
		default:
			add(c, ch);
		}
	}
	return 0;
}

int
csv_finish(struct csv *c, struct wi_err *err)
{
	if (c->quoted && !c->quote_seen) {
		wi_seterr(err, WI_EINPUT, c->file, c->rec_line,
		    "CSV: cut off inside a quoted field");
		return -1;
	}
	/*
	 * Python's csv writer ends every row with a line end; a last row
	 * without one was cut, maybe inside a number that would still read.
	 */
	if (c->nf > 0 || c->field_started || c->quoted) {
		wi_seterr(err, WI_EINPUT, c->file, c->rec_line,
		    "CSV: cut off: the last row has no line end");
		return -1;
	}
	return 0;
}
