/*
 * csv.h: RFC 4180 records from a byte stream, in bounded memory.
 *
 * Takes bytes in blocks; calls the record callback with the fields of
 * each record (quotes removed, "" undone, CRLF or LF ends, newlines
 * allowed inside quotes). A field keeps its first CSV_KEEP bytes and is
 * flagged when longer; a record has at most CSV_MAX_COLS fields. The last
 * record must end with a line end, as csv writers end every record: one
 * without was cut off.
 */
#ifndef CSV_H
#define CSV_H

#include <stddef.h>

#include "wi.h"

#define CSV_MAX_COLS	4096
#define CSV_KEEP	512

struct csv_field {
	char	s[CSV_KEEP + 1];	/* NUL-terminated */
	size_t	n;
	int	cut;			/* longer than CSV_KEEP */
};

struct csv {
	const char	*file;
	unsigned long	 line;		/* the line being read */
	unsigned long	 rec_line;	/* where the current record began */
	unsigned long	 nrec;
	int		 quoted, quote_seen, cr, field_started;
	size_t		 nf;
	struct csv_field *f;		/* grows with the widest record */
	size_t		 fcap;
	int		(*record)(void *ctx, const struct csv *,
			    struct wi_err *);
	void		*ctx;
};

int	csv_init(struct csv *, const char *file,
	    int (*record)(void *, const struct csv *, struct wi_err *),
	    void *ctx, struct wi_err *);
void	csv_free(struct csv *);
int	csv_feed(struct csv *, const char *, size_t, struct wi_err *);
int	csv_finish(struct csv *, struct wi_err *);

#endif
