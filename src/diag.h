/*
 * diag.h: how wva-itl prints what the modules report: warnings and notes
 * as "wva-itl: FILE:LINE: warning: text" (diag_print, the callback of
 * struct wi_warn), errors as "wva-itl: FILE:LINE: text" (diag_error).
 * File names and texts are printed with control characters as "?".
 *
 * Messages are kept and printed by diag_end, each once: a message that
 * comes back is folded into the first, whose line then ends with how
 * many more there were (the same sweep concatenated 300 times would say
 * "appears again" 3000 times). A repeat has the same level, file and
 * text, line numbers of that file within the text aside; a message
 * about another benchmark ("benchmark NAME ...") is a repeat when the
 * rest of its text differs only in numbers, and the first line names
 * the others. Only FOLD_MAX messages are kept, bounding memory; those
 * beyond are printed at once. diag_end prints what was kept and frees it.
 */
#ifndef DIAG_H
#define DIAG_H

#include "wi.h"

#define PROG		"wva-itl"	/* the first word of every message */

#define FOLD_MAX	128
#define FOLD_NAMES	4	/* other benchmarks named on a folded line */

struct fold {
	enum wi_level	 level;
	char		*file;		/* NULL: the message has no place */
	unsigned long	 line, last;	/* of the first and the last */
	unsigned long	 more;		/* repeats folded into it */
	unsigned long	 others;	/* of them, about other benchmarks */
	char		*key;		/* the text, "FILE:57" made "FILE:#" */
	char		*shape;		/* "benchmark NAME" messages: the text
					   without the name, numbers made "#" */
	char		*name;		/* that NAME */
	char		*msg;		/* the text as first given */
	char		 names[FOLD_NAMES][WI_NAME_MAX];	/* others */
	int		 nnames;
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
