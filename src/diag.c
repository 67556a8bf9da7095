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

/*
 * For a message "benchmark NAME rest", NAME (cut at the first space or
 * colon) into name and rest with every number made "#" into a new
 * string; NULL for other messages or when out of memory.
 */
static char *
shape_key(const char *msg, char *name, size_t namesz)
{
	const char	*p, *s = msg + 10;
	char		*key, *k;
	size_t		 n;

	if (strncmp(msg, "benchmark ", 10) != 0 ||
	    (n = strcspn(s, " :")) == 0 || n >= namesz || s[n] == '\0')
		return NULL;
	memcpy(name, s, n);
	name[n] = '\0';
	if ((key = k = malloc(strlen(s + n) + 1)) == NULL)
		return NULL;
	for (p = s + n; *p != '\0'; ) {
		if (((*p == '-' || *p == '+') && p[1] >= '0' && p[1] <= '9') ||
		    (*p >= '0' && *p <= '9')) {
			*k++ = '#';
			for (p++; (*p >= '0' && *p <= '9') || *p == '.' ||
			    ((*p == 'e' || *p == 'E') && (p[1] == '+' ||
			    p[1] == '-' || (p[1] >= '0' && p[1] <= '9'))) ||
			    ((*p == '+' || *p == '-') && (p[-1] == 'e' ||
			    p[-1] == 'E')); p++)
				continue;
		} else
			*k++ = *p++;
	}
	*k = '\0';
	return key;
}

/* A benchmark the folded message f was also about, once each. */
static void
add_name(struct fold *f, const char *name)
{
	int	i;

	f->others++;
	for (i = 0; i < f->nnames; i++)
		if (strcmp(f->names[i], name) == 0)
			return;
	if (f->nnames < FOLD_NAMES)
		snprintf(f->names[f->nnames++], WI_NAME_MAX, "%s", name);
}

static int
same_place(const struct fold *f, enum wi_level level, const char *file)
{
	return f->level == level && (file == NULL ? f->file == NULL :
	    f->file != NULL && strcmp(f->file, file) == 0);
}

/*
 * 1 when the message repeats a kept one (counted there) or was kept,
 * 0 when it could not be kept and is to be printed now.
 */
static int
fold(struct diag *d, enum wi_level level, const char *file,
    unsigned long line, const char *msg)
{
	struct fold	*f;
	char		*key, *shape, name[WI_NAME_MAX];
	size_t		 i;

	if ((key = fold_key(file, msg)) == NULL)
		return 0;
	shape = shape_key(key, name, sizeof(name));
	for (i = 0; i < d->nfold; i++) {
		f = &d->folds[i];
		if (!same_place(f, level, file))
			continue;
		if (strcmp(f->key, key) == 0 || (shape != NULL &&
		    f->shape != NULL && strcmp(f->shape, shape) == 0)) {
			f->more++;
			f->last = line;
			if (strcmp(f->key, key) != 0 && f->name != NULL &&
			    strcmp(f->name, name) != 0)
				add_name(f, name);
			free(key);
			free(shape);
			return 1;
		}
	}
	if (d->nfold == FOLD_MAX) {
		free(key);
		free(shape);
		return 0;
	}
	f = &d->folds[d->nfold];
	memset(f, 0, sizeof(*f));
	if ((f->msg = strdup(msg)) == NULL ||
	    (file != NULL && (f->file = strdup(file)) == NULL) ||
	    (shape != NULL && (f->name = strdup(name)) == NULL)) {
		free(f->msg);
		free(f->file);
		free(key);
		free(shape);
		return 0;
	}
	f->level = level;
	f->line = f->last = line;
	f->key = key;
	f->shape = shape;
	d->nfold++;
	return 1;
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

/*
 * " (298 more times, the last at line 17394)", or, when some were about
 * other benchmarks, " (4 more, also constant@38.32, constant@45.86, ...;
 * the last at line 11)".
 */
static void
print_more(const struct fold *f)
{
	int	i;

	if (f->others == 0)
		fprintf(stderr, " (%lu more time%s", f->more,
		    f->more == 1 ? "" : "s");
	else {
		fprintf(stderr, " (%lu more, also ", f->more);
		for (i = 0; i < f->nnames; i++) {
			fputs(i == 0 ? "" : ", ", stderr);
			print_clean(f->names[i]);
		}
		if (f->others > (unsigned long)f->nnames)
			fputs(", ...", stderr);
	}
	if (f->file != NULL && f->last > 0)
		fprintf(stderr, "%s the last at line %lu",
		    f->others == 0 ? "," : ";", f->last);
	fputs(")", stderr);
}

/* Every kept message, with its count of repeats; frees them. */
void
diag_end(struct diag *d)
{
	struct fold	*f;
	size_t		 i;

	for (i = 0; i < d->nfold; i++) {
		f = &d->folds[i];
		print_diag(f->level, f->file, f->line, f->msg);
		if (f->more > 0)
			print_more(f);
		fputc('\n', stderr);
		free(f->file);
		free(f->key);
		free(f->shape);
		free(f->name);
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
