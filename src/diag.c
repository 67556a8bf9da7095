/*
 * diag.c: printing warnings, notes and errors (see diag.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void
diag_init(struct diag *d, int quiet)
{
	memset(d, 0, sizeof(*d));
	d->quiet = quiet;
}

/*
 * Messages hold file names and option values as given: control
 * characters become "?" so that every message stays one line and sends
 * nothing to the terminal.
 */
static void
print_clean(const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, stderr);
}

static void
print_loc(const char *file, unsigned long line)
{
	if (file == NULL)
		return;
	print_clean(file);
	if (line > 0)
		fprintf(stderr, ":%lu", line);
	fputs(": ", stderr);
}

/* msg with each "file:DIGITS" made "file:#"; NULL when out of memory. */
static char *
fold_key(const char *file, const char *msg)
{
	const char	*p;
	char		*key, *k;
	size_t		 n = file != NULL ? strlen(file) : 0;

	if ((key = k = malloc(strlen(msg) + 1)) == NULL)
		return NULL;
	for (p = msg; *p != '\0'; ) {
		if (n > 0 && strncmp(p, file, n) == 0 && p[n] == ':' &&
		    p[n + 1] >= '0' && p[n + 1] <= '9') {
			memcpy(k, p, n + 1);
			k += n + 1;
			*k++ = '#';
			for (p += n + 1; *p >= '0' && *p <= '9'; p++)
				continue;
		} else
			*k++ = *p++;
	}
	*k = '\0';
	return key;
}

/* 1 when the message repeats a kept one (counted there), else 0. */
static int
fold(struct diag *d, enum wi_level level, const char *file,
    unsigned long line, const char *msg)
{
	struct fold	*f;
	char		*key;
	size_t		 i;

	if ((key = fold_key(file, msg)) == NULL)
		return 0;
	for (i = 0; i < d->nfold; i++) {
		f = &d->folds[i];
		if (f->level == level && strcmp(f->key, key) == 0 &&
		    (file == NULL ? f->file == NULL :
		    f->file != NULL && strcmp(f->file, file) == 0)) {
			f->more++;
			f->last = line;
			free(key);
			return 1;
		}
	}
	f = &d->folds[d->nfold];
	if (d->nfold == FOLD_MAX || (f->msg = strdup(msg)) == NULL ||
	    (file != NULL && (f->file = strdup(file)) == NULL)) {
		if (d->nfold < FOLD_MAX)
			free(f->msg);
		free(key);
		return 0;
	}
	f->level = level;
	f->line = f->last = line;
	f->key = key;
	d->nfold++;
	return 0;
}

static void
print_diag(enum wi_level level, const char *file, unsigned long line,
    const char *msg)
{
	fputs(PROG ": ", stderr);
	print_loc(file, line);
	fputs(level == WI_NOTE ? "note: " : "warning: ", stderr);
	print_clean(msg);
}

/* "wva-itl: FILE:LINE: warning: text", the level after the place. */
void
diag_print(void *ctx, enum wi_level level, const char *file,
    unsigned long line, const char *msg)
{
	struct diag *d = ctx;

	if (level == WI_NOTE && d->quiet)
		return;
	if (level == WI_WARNING)
		d->warnings++;
	if (fold(d, level, file, line, msg))
		return;
	print_diag(level, file, line, msg);
	fputc('\n', stderr);
}

/* The count of each repeated message, at its first place; frees them. */
void
diag_end(struct diag *d)
{
	struct fold	*f;
	size_t		 i;

	for (i = 0; i < d->nfold; i++) {
		f = &d->folds[i];
		if (f->more > 0) {
			print_diag(f->level, f->file, f->line, f->msg);
			fprintf(stderr, " (%lu more time%s", f->more,
			    f->more == 1 ? "" : "s");
			if (f->file != NULL && f->last > 0)
				fprintf(stderr, ", the last at line %lu",
				    f->last);
			fputs(")\n", stderr);
		}
		free(f->file);
		free(f->key);
		free(f->msg);
	}
	d->nfold = 0;
}

int
diag_error(const struct wi_err *e)
{
	fputs(PROG ": ", stderr);
	print_loc(e->file, e->line);
	print_clean(e->msg);
	fputc('\n', stderr);
	return e->code;
}
