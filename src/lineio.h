/*
 * lineio.h: physical lines from a file or stdin, read in large blocks.
 *
 * Takes a path ("-" is stdin) and returns one line at a time, numbered
 * from 1, without its newline. Carriage returns act as on a terminal: a
 * line drawn over by "\r" (a progress bar) keeps only what was drawn
 * last, and a CRLF ending is dropped. A line longer than WI_LINE_MAX
 * keeps its first WI_LINE_MAX bytes and is flagged as truncated, so
 * memory stays bounded whatever the input.
 */
#ifndef LINEIO_H
#define LINEIO_H

#include <stddef.h>

#include "wi.h"

struct lr {
	int		 fd;
	int		 close_fd;
	const char	*name;		/* for messages: the path or <stdin> */
	unsigned long	 lineno;	/* number of the line last returned */
	char		*buf;		/* read block */
	size_t		 pos, len;
	char		*carry;		/* a line that spans blocks */
	size_t		 clen;
	int		 ctrunc;	/* carry lost bytes to WI_LINE_MAX */
	int		 pending_cr;	/* carry ended in "\r" not yet judged */
	int		 carry_out;	/* carry was returned: empty it next */
	int		 eof;
};

/* The line handed out: writable, valid until the next lr_next(). */
struct line {
	char		*s;
	size_t		 n;
	unsigned long	 no;
	int		 truncated;
};

int	lr_open(struct lr *, const char *path, struct wi_err *);
/*
 * Do two of the n paths name standard input: "-", or another name of
 * the file open on descriptor 0 (/dev/stdin, /dev/fd/0, /proc/self/fd/0;
 * a pipe read through one leaves nothing for the other)? 1 and the
 * first two such in *a and *b, else 0.
 */
int	lr_stdin_twice(char *const *paths, int n, const char **a,
	    const char **b);
int	lr_next(struct lr *, struct line *, struct wi_err *); /* 1, 0 at EOF, -1 */
void	lr_close(struct lr *);

/*
 * For inputs read as bytes rather than lines (JSON, CSV): lr_peek shows
 * the start of the input without taking it, reading until enough() says
 * it is enough (0), or until no more will come (1: the input ended or
 * the start fills a block, 64 KiB), -1 on error; lr_block takes the
 * next unread bytes, a block at a time (1, 0 at EOF, -1).
 */
int	lr_peek(struct lr *, int (*enough)(const char *, size_t),
	    const char **, size_t *, struct wi_err *);
int	lr_block(struct lr *, const char **, size_t *, struct wi_err *);
int	lr_feed_all(struct lr *, int (*)(void *, const char *, size_t,
	    struct wi_err *), void *, struct wi_err *);

/*
 * Passes over whole lines, counting them, up to the first line in which
 * find() sees something (find returns the offset of it in the bytes it
 * is given, or their length): that line is what lr_next() returns next.
 * Lines are passed over a block at a time, without being cut out, so a
 * log of noise costs little more than reading it. A line that spans
 * blocks is left to lr_next(), which sees it whole.
 */
int	lr_skip(struct lr *, size_t (*find)(const char *, size_t),
	    struct wi_err *);
size_t	count_nl(const char *, size_t);
size_t	bom_len(const char *, size_t);	/* 3 at a UTF-8 byte-order mark */
size_t	lead_len(const char *, size_t);	/* bom_len, then blank space */

#endif
