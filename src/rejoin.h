/*
 * rejoin.h: re-join a pipe table that the console wrapped.
 *
 * guidellm 0.2/0.3 print their tables through rich, which wraps every
 * row at the console width (80 in a pod), pads each fragment with
 * spaces and folds the "=" and "-" rules. The rejoiner takes the
 * cleaned physical lines that follow a table title and rebuilds:
 *
 *	title
 *	=========...	top border, any number of lines of "="
 *	header rows	any number of logical rows
 *	----|----...	divider, lines of "-" and "|"; it gives the column count
 *	data rows	logical rows of exactly that many columns
 *	=========...	bottom border, as long as the top one
 *
 * A row is complete once it holds columns-1 "|"; lines without "|"
 * that follow still belong to its last cell, and the next line with a
 * "|" starts a new row. Nothing assumes a width: 20 columns and
 * unwrapped rows re-join the same way.
 *
 * Among the rows, a line that cannot be the table's (see stray() in
 * rejoin.c: without the title's prefix, or text without "|" where only
 * one word of the open cell could be) is skipped and reported as
 * RJ_STRAY, up to 8 in a row; a line that could be either is the
 * table's, and the cells are checked as ever.
 */
#ifndef REJOIN_H
#define REJOIN_H

#include <stddef.h>

#include "clean.h"
#include "wi.h"

struct rj_frag {
	size_t		off;		/* where a physical line starts in text */
	unsigned long	line;
};

struct rj_row {
	char		text[WI_ROW_MAX];
	size_t		len;
	int		pipes;
	size_t		nfrag;
	struct rj_frag	frag[WI_MAX_FRAGS];
};

struct rj_cell {
	const char	*s;		/* trimmed cell text */
	size_t		 n;
	unsigned long	 line;		/* physical line holding the cell */
};

enum rj_state { RJ_IDLE, RJ_TOP, RJ_HEAD, RJ_DIV, RJ_BODY, RJ_BOTTOM };

struct rj {
	enum rj_state	 state;
	const char	*what;		/* "Benchmarks Stats table", for messages */
	const char	*file;
	char		 prefix[PREFIX_MAX];	/* what precedes the title */
	size_t		 plen;
	unsigned long	 title_line;
	size_t		 top_eq, bot_eq;
	int		 ncols;
	struct rj_row	 head;		/* header lines, one fragment each */
	struct rj_row	 hdr[WI_MAX_HEADER_ROWS];
	int		 nhdr;
	struct rj_row	 row[2];	/* the row being built and the one out */
	int		 cur;
	int		 have_cur;
	struct rj_row	*out;		/* the finished row after RJ_ROW */
	int		 nstray;	/* stray lines skipped in a row */
};

#define RJ_HEADER	1	/* rj->hdr[0..nhdr) are ready */
#define RJ_ROW		2	/* rj->out is a complete data row */
#define RJ_END		4	/* the bottom border is complete */
#define RJ_STRAY	8	/* the line is not the table's: skipped */

void	rj_begin(struct rj *, const char *what, const char *file,
	    const char *prefix, size_t plen, unsigned long title_line);
int	rj_feed(struct rj *, const char *s, size_t n, unsigned long line,
	    int truncated, struct wi_err *);	/* mask of RJ_*, or -1 */
int	rj_eof(struct rj *, unsigned long line, struct wi_err *);
int	rj_cells(const struct rj *, const struct rj_row *, struct rj_cell *);

#endif
