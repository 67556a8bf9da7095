/*
 * diag.h: how wva-itl prints what the modules report: warnings and notes
 * as "wva-itl: FILE:LINE: warning: text" (diag_print, the callback of
 * struct wi_warn), errors as "wva-itl: FILE:LINE: text" (diag_error).
 * File names and texts are printed with control characters as "?".
 *
 * A message that comes back is printed once: its repeats are counted and
 * told in one line at the end (the same sweep concatenated 300 times
 * would say "appears again" 3000 times). A repeat has the same level,
 * file and text, line numbers of that file within the text aside. Only
 * the first FOLD_MAX messages are kept for this, bounding memory.
 * diag_end prints the counts and frees what was kept.
 */
#ifndef DIAG_H
#define DIAG_H

#include "wi.h"

#define PROG		"wva-itl"	/* the first word of every message */

#define FOLD_MAX	64

struct fold {
	enum wi_level	 level;
	char		*file;		/* NULL: the message has no place */
	unsigned long	 line, last;	/* of the first and the last */
	unsigned long	 more;		/* repeats not printed */
	char		*key;		/* the text, "FILE:57" made "FILE:#" */
	char		*msg;		/* the text as first printed */
};

struct diag {
	unsigned long	warnings;	/* all, repeats too: for --strict */
	int		quiet;		/* -q: drop notes */
	struct fold	folds[FOLD_MAX];
	size_t		nfold;
};

void	diag_init(struct diag *, int quiet);
void	diag_print(void *diag, enum wi_level, const char *file,
	    unsigned long line, const char *msg);
void	diag_end(struct diag *);
int	diag_error(const struct wi_err *);	/* returns its exit code */

#endif
