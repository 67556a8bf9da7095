/*
 * lineio.c: block reader that cuts physical lines out of read(2) blocks.
 * Lines inside a block are handed out in place; only a line that spans
 * blocks is copied, into a carry buffer bounded by WI_LINE_MAX.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lineio.h"

#define LR_BLOCK	(64 * 1024)
#define LR_SLACK	64	/* defined bytes after the data */

int
lr_open(struct lr *r, const char *path, struct wi_err *err)
{
	struct stat st;

	memset(r, 0, sizeof(*r));
	if (strcmp(path, "-") == 0) {
		r->fd = STDIN_FILENO;
		r->name = "<stdin>";
	} else {
		r->name = path;
		if ((r->fd = open(path, O_RDONLY)) == -1) {
			wi_seterr(err, WI_ESYS, path, 0, "%s", strerror(errno));
			return -1;
		}
		r->close_fd = 1;
	}
	if (fstat(r->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		wi_seterr(err, WI_ESYS, r->name, 0, "is a directory");
		lr_close(r);
		return -1;
	}
	/*
	 * PCRE2's JIT may read a little past the end of a subject (never
	 * past a page): the bytes after the data are kept defined, the
	 * carry's by calloc, the block's by fill().
	 */
	r->buf = malloc(LR_BLOCK + LR_SLACK);
	r->carry = calloc(1, WI_LINE_MAX + LR_SLACK);
	if (r->buf == NULL || r->carry == NULL) {
		wi_seterr(err, WI_ESYS, r->name, 0, "%s", strerror(errno));
		lr_close(r);
		return -1;
	}
	return 0;
}

/* Is path "-", or the file on descriptor 0 (st0, when have0)? */
static int
is_stdin(const char *path, const struct stat *st0, int have0)
{
	struct stat	st;

	if (strcmp(path, "-") == 0)
		return 1;
	return have0 && stat(path, &st) == 0 && st.st_dev == st0->st_dev &&
	    st.st_ino == st0->st_ino;
}

int
lr_stdin_twice(char *const *paths, int n, const char **a, const char **b)
{
	struct stat	st0;
	int		i, have0 = fstat(STDIN_FILENO, &st0) == 0;

	*a = NULL;
	for (i = 0; i < n; i++) {
		if (!is_stdin(paths[i], &st0, have0))
			continue;
		if (*a != NULL) {
			*b = paths[i];
			return 1;
		}
		*a = paths[i];
	}
	return 0;
}

void
lr_close(struct lr *r)
{
	if (r->close_fd)
		close(r->fd);
	r->close_fd = 0;
	free(r->buf);
	free(r->carry);
	r->buf = r->carry = NULL;
}

/* Where the text after the last carriage return of s[0..n) starts. */
static size_t
after_last_cr(const char *s, size_t n)
{
	while (n > 0)
		if (s[--n] == '\r')
			return n + 1;
	return 0;
}

static size_t
strip_trailing_cr(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == '\r')
		n--;
	return n;
}

/*
 * Adds one piece of a line to the carry. A piece that ends in "\r"
 * leaves the judgement to the next piece: a bare CR (more text follows
 * on the same line) wipes the line, a CR before the newline does not.
 */
static void
carry_add(struct lr *r, const char *s, size_t n)
{
	size_t	k, room;
	int	ends_cr;

	k = strip_trailing_cr(s, n);
	ends_cr = k < n;
	n = k;
	if (n > 0 && r->pending_cr)
		r->clen = 0, r->ctrunc = 0;
	if (n > 0)
		r->pending_cr = 0;
	if ((k = after_last_cr(s, n)) > 0) {
		r->clen = 0, r->ctrunc = 0;
		s += k, n -= k;
	}
	if (ends_cr)
		r->pending_cr = 1;
	room = WI_LINE_MAX - r->clen;
	if (n > room) {
		n = room;
		r->ctrunc = 1;
	}
	memcpy(r->carry + r->clen, s, n);
	r->clen += n;
}

static int
fill(struct lr *r, struct wi_err *err)
{
	ssize_t	n;

	do
		n = read(r->fd, r->buf, LR_BLOCK);
	while (n == -1 && errno == EINTR);
	if (n == -1) {
		wi_seterr(err, WI_ESYS, r->name, 0, "read error: %s",
		    strerror(errno));
		return -1;
	}
	r->pos = 0;
	r->len = (size_t)n;
	memset(r->buf + r->len, 0, LR_SLACK);
	if (n == 0)
		r->eof = 1;
	return 0;
}

/* 1 when unread bytes are in the block, 0 at the end, -1 on error. */
static int
more(struct lr *r, struct wi_err *err)
{
	while (r->pos == r->len) {
		if (r->eof)
			return 0;
		if (fill(r, err) == -1)
			return -1;
	}
	return 1;
}

static int
hand_out_carry(struct lr *r, struct line *l)
{
	l->s = r->carry;
	l->n = r->clen;
	l->truncated = r->ctrunc;
	l->no = ++r->lineno;
	r->carry_out = 1;
	return 1;
}

int
lr_next(struct lr *r, struct line *l, struct wi_err *err)
{
	char	*p, *s;
	size_t	 n, k;
	int	 rc;

	if (r->carry_out) {
		r->clen = 0;
		r->ctrunc = r->pending_cr = r->carry_out = 0;
	}
	for (;;) {
		if ((rc = more(r, err)) != 1) {
			/* An unterminated last line is still a line. */
			if (rc == 0 && (r->clen > 0 || r->ctrunc ||
			    r->pending_cr))
				return hand_out_carry(r, l);
			return rc;
		}
		s = r->buf + r->pos;
		n = r->len - r->pos;
		if ((p = memchr(s, '\n', n)) == NULL) {
			carry_add(r, s, n);
			r->pos = r->len;
			continue;
		}
		n = (size_t)(p - s);
		r->pos += n + 1;
		if (r->clen > 0 || r->ctrunc || r->pending_cr) {
			carry_add(r, s, n);
			return hand_out_carry(r, l);
		}
		/* The whole line is in the block: hand it out in place. */
		n = strip_trailing_cr(s, n);
		k = after_last_cr(s, n);
		l->s = s + k;
		l->n = n - k;
		l->truncated = 0;
		if (l->n > WI_LINE_MAX) {
			l->n = WI_LINE_MAX;
			l->truncated = 1;
		}
		l->no = ++r->lineno;
		return 1;
	}
}

/*
 * Shows the unread start of the input, reading more (up to a block)
 * while enough() says it cannot yet tell: a pipe may hand over a few
 * bytes at a time.
 */
int
lr_peek(struct lr *r, int (*enough)(const char *, size_t), const char **p,
    size_t *n, struct wi_err *err)
{
	ssize_t	got;

	if (r->pos == r->len && !r->eof && fill(r, err) == -1)
		return -1;
	for (;;) {
		*p = r->buf + r->pos;
		*n = r->len - r->pos;
		if (enough(*p, *n))
			return 0;
		if (r->eof || r->pos != 0 || r->len == LR_BLOCK)
			return 1;
		do
			got = read(r->fd, r->buf + r->len, LR_BLOCK - r->len);
		while (got == -1 && errno == EINTR);
		if (got == -1) {
			wi_seterr(err, WI_ESYS, r->name, 0, "read error: %s",
			    strerror(errno));
			return -1;
		}
		if (got == 0)
			r->eof = 1;
		r->len += (size_t)got;
		memset(r->buf + r->len, 0, LR_SLACK);
	}
}

int
lr_block(struct lr *r, const char **p, size_t *n, struct wi_err *err)
{
	int	rc;

	if ((rc = more(r, err)) != 1)
		return rc;
	*p = r->buf + r->pos;
	*n = r->len - r->pos;
	r->pos = r->len;
	return 1;
}

/*
 * Hands every unread byte to feed, a block at a time, past a byte-order
 * mark at the start: 0 at the end, -1 on an error of reading or feed's.
 */
int
lr_feed_all(struct lr *r, int (*feed)(void *, const char *, size_t,
    struct wi_err *), void *ctx, struct wi_err *err)
{
	const char	*p;
	size_t		 n, k;
	int		 rc, first = 1;

	while ((rc = lr_block(r, &p, &n, err)) == 1) {
		k = first ? bom_len(p, n) : 0;
		first = 0;
		if (feed(ctx, p + k, n - k, err) == -1)
			return -1;
	}
	return rc;
}

size_t
bom_len(const char *p, size_t n)
{
	return n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* Newlines in s[0..n), 16 bytes at a time where the compiler can. */
size_t
count_nl(const char *s, size_t n)
{
	typedef unsigned char v16 __attribute__((vector_size(16)));
	v16		 v, acc, nl = { '\n', '\n', '\n', '\n', '\n', '\n',
	    '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n' };
	size_t		 c = 0, i = 0, k;
	int		 lane;

	while (n - i >= 16) {
		acc = (v16){ 0 };
		/* A lane counts at most 255 before it is added up. */
		for (k = 0; k < 255 && n - i >= 16; k++, i += 16) {
			memcpy(&v, s + i, 16);
			acc -= (v16)(v == nl);
		}
		for (lane = 0; lane < 16; lane++)
			c += acc[lane];
	}
	for (; i < n; i++)
		c += s[i] == '\n';
	return c;
}

int
lr_skip(struct lr *r, size_t (*find)(const char *, size_t),
    struct wi_err *err)
{
	const char	*s;
	size_t		 n, region, off, start;
	int		 rc;

	if (r->carry_out) {
		r->clen = 0;
		r->ctrunc = r->pending_cr = r->carry_out = 0;
	}
	if (r->clen > 0 || r->ctrunc || r->pending_cr)
		return 0;
	for (;;) {
		if ((rc = more(r, err)) != 1)
			return rc;
		s = r->buf + r->pos;
		n = r->len - r->pos;
		for (region = n; region > 0 && s[region - 1] != '\n'; region--)
			continue;
		if (region == 0)
			return 0;	/* a line that spans blocks */
		if ((off = find(s, region)) < region) {
			for (start = off; start > 0 && s[start - 1] != '\n'; )
				start--;
			r->lineno += count_nl(s, start);
			r->pos += start;
			return 0;
		}
		r->lineno += count_nl(s, region);
		r->pos += region;
	}
}

/* Where an input's first thing starts, past a byte-order mark and space. */
size_t
lead_len(const char *p, size_t n)
{
	size_t	i = bom_len(p, n);

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i;
}
