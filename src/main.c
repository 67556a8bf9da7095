/*
 * main.c: wva-itl front end. Parse options, read every input, fit,
 * print, exit. The only place that prints messages or exits.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "options.h"
#include "out.h"
#include "out_doc.h"
#include "re.h"
#include "results.h"
#include "scan.h"
#include "solve.h"
#include "wi.h"

/*
 * A message that comes back is printed once: its repeats are counted and
 * told in one line at the end (the same sweep concatenated 300 times
 * would say "appears again" 3000 times). A repeat has the same level,
 * file and text, line numbers of that file within the text aside. Only
 * the first FOLD_MAX messages are kept for this, bounding memory.
 */
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
	unsigned long	warnings;
	int		quiet;
	struct fold	folds[FOLD_MAX];
	size_t		nfold;
};

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
static void
on_diag(void *ctx, enum wi_level level, const char *file, unsigned long line,
    const char *msg)
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
static void
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

static int
report(const struct wi_err *e)
{
	fputs(PROG ": ", stderr);
	print_loc(e->file, e->line);
	print_clean(e->msg);
	fputc('\n', stderr);
	return e->code;
}

/* "a.log, b.log" for messages about all inputs, shortened if long. */
static void
describe_inputs(char *buf, size_t sz, char **inputs, int n)
{
	size_t	len = 0;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < n && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    i > 0 ? ", " : "",
		    strcmp(inputs[i], "-") == 0 ? "<stdin>" : inputs[i]);
	if (len >= sz && sz > 4)
		strcpy(buf + sz - 4, "...");
}

static int
write_output(const char *s)
{
	size_t	n = strlen(s);

	if (fwrite(s, 1, n, stdout) != n || fflush(stdout) == EOF ||
	    ferror(stdout) || fclose(stdout) == EOF) {
		fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
		return WI_ESYS;
	}
	return WI_OK;
}

static void
notes(const struct fit *f, const struct wi_warn *w)
{
	const struct bench *hi = f->high;
	size_t	i;

	if (f->max_batch_from == BATCH_MEASURED)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the "
		    "measured concurrency of %s (%.2f); give -b to set it",
		    f->max_batch, hi->name, hi->v[BF_CONC]);
	else if (f->max_batch_from == BATCH_MAX_CONC)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the max "
		    "concurrency of %s; give -b to set it", f->max_batch,
		    hi->name);
	else if (f->max_batch_from == BATCH_POINTS)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the "
		    "highest concurrency of the points, %s; give -b to set it",
		    f->max_batch, hi->name);
	if (f->itl_stat == ST_MEDIAN)
		wi_notef(w, NULL, 0, "using median ITL: guidellm >= 0.4 prints "
		    "no mean; pass the benchmarks.json report for means");
	/* Two-point takes the tokens from the high run, lsq from all. */
	for (i = 0; f->have_prefill && f->input_tokens_measured &&
	    i < f->npts; i++)
		if ((f->method == FIT_LSQ ? f->pts[i].b : hi)->src ==
		    SRC_G04_CONSOLE) {
			wi_notef(w, NULL, 0, "input tokens %g: a median of "
			    "prompt tokens per request, as guidellm >= 0.4 "
			    "prints no mean; give -i to set them",
			    f->input_tokens);
			break;
		}
}

/* Reads all inputs, fits and renders; the output string or NULL. */
static char *
run(const struct opts *o, struct benchset *set, struct results *res,
    const struct wi_warn *w, struct wi_err *err)
{
	struct scan	 sc;
	struct solve_opts so = o->so;
	struct fit	 f;
	char		 inputs[512];
	char		*out;
	size_t		 i;
	int		 k;

	describe_inputs(inputs, sizeof(inputs), o->inputs, o->ninputs);
	so.inputs = inputs;
	if (scan_init(&sc, err) == -1)
		return NULL;
	sc.kind = o->input;
	for (k = 0; k < o->ninputs; k++)
		if (scan_input(&sc, o->inputs[k], set, w, err) == -1) {
			scan_free(&sc);
			return NULL;
		}
	scan_free(&sc);
	if (set->n == 0) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no benchmark results found in %s (no guidellm table or "
		    "report, no vLLM result)", inputs);
		return NULL;
	}
	if (o->extract) {
		for (i = 0; i < set->n; i++)
			bench_warn_errored(&set->v[i], w);
		return o->format->emit(set, NULL, &o->oo, err);
	}
	if (solve(set, &so, &f, w, err) == -1) {
		fit_free(&f);
		return NULL;
	}
	notes(&f, w);
	out = o->format->emit(set, &f, &o->oo, err);
	if (out != NULL && o->results_dir != NULL &&
	    results_values(res, &f, err) == -1) {
		free(out);
		out = NULL;
	}
	fit_free(&f);
	return out;
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	struct benchset	 set;
	struct diag	 d;
	struct wi_warn	 w = { on_diag, &d };
	struct wi_err	 err;
	struct results	 res;
	char		*out;
	int		 rc;

	if ((rc = opts_parse(argc, argv, &o)) == -1)
		return WI_EUSAGE;
	if (rc == 1)		/* --help or --version went to stdout */
		return write_output("");
	memset(&d, 0, sizeof(d));
	d.quiet = o.quiet;
	memset(&err, 0, sizeof(err));
	if (re_init(&err) == -1)
		return report(&err);
	benchset_init(&set);
	results_init(&res, o.results_dir);
	out = run(&o, &set, &res, &w, &err);
	diag_end(&d);
	benchset_free(&set);
	re_free();
	if (out == NULL)
		return report(&err);
	if (o.strict && d.warnings > 0) {
		free(out);
		fprintf(stderr, PROG ": %lu warning%s, failing because of "
		    "--strict\n", d.warnings, d.warnings == 1 ? "" : "s");
		return WI_EINPUT;
	}
	if (res.dir != NULL && results_prepare(&res, &err) == -1) {
		free(out);
		return report(&err);
	}
	rc = write_output(out);
	free(out);
	if (rc != WI_OK)
		results_abort(&res);
	else if (res.dir != NULL && results_commit(&res, &err) == -1)
		rc = report(&err);
	return rc;
}
