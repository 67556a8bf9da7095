/*
 * main.c: wva-itl front end. Parse options, read every input, fit,
 * print, exit. The only place that prints messages or exits.
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "out_doc.h"
#include "fmt.h"
#include "out.h"
#include "re.h"
#include "scan.h"
#include "solve.h"
#include "wi.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

#define PROG		"wva-itl"

enum format { F_JSON, F_YAML, F_ENV, F_WVA, F_SVG };

struct opts {
	enum format	  format;
	int		  extract;
	int		  strict;
	int		  quiet;
	struct solve_opts so;
	struct out_opts	  oo;
	char		**inputs;
	int		  ninputs;
	enum input_kind	  input;	/* --input-format */
	const char	 *results_dir;	/* --results-dir */
	int		  fit_opts;	/* an option that only fitting uses */
	int		  wva_opts;	/* --acc or --acc-count */
};

struct diag {
	unsigned long	warnings;
	int		quiet;
};

static const char usage_text[] =
"usage: wva-itl [-qx] [-b N] [-i N] [-o json|yaml|env|wva|svg] [--strict]\n"
"               [--fit two-point|lsq]\n"
"               [--low NAME] [--high NAME] [--acc NAME] [--acc-count N]\n"
"               [--env-prefix PREFIX] [--input-format FORMAT]\n"
"               [--results-dir DIR] [file ...]\n"
"\n"
"Reads benchmark results (guidellm console logs as oc logs prints them,\n"
"guidellm JSON and CSV reports, vLLM bench serve output and JSON) and\n"
"prints WVA's decode parameters alpha, beta (ITL = alpha + beta * batch)\n"
"and prefill parameters gamma, delta (TTFT = gamma + delta * inputTokens\n"
"* batch). With no file, or with -, reads standard input.\n"
"\n"
"  -b, --max-batch N      max batch size, vLLM --max-num-seqs (default: the\n"
"                         high run's measured concurrency, or the cap of a\n"
"                         vLLM run, rounded; lsq: the highest of the points)\n"
"  -i, --input-tokens N   prompt tokens per request for delta (default: the\n"
"                         high run's measured prompt tokens/request)\n"
"  -o, --output FORMAT    json (default), yaml, env, wva, or svg (a plot)\n"
"  -x, --extract          print the benchmarks found, fit nothing\n"
"      --fit METHOD       two-point (default) or lsq: least squares over\n"
"                         every benchmark, with R^2 and residuals\n"
"      --low NAME         benchmark at batch size 1 (default synchronous,\n"
"                         else a run capped at concurrency 1)\n"
"      --high NAME        benchmark at the max batch size (default\n"
"                         throughput, else the run with the highest cap)\n"
"      --acc NAME         accelerator name for -o wva (required with it)\n"
"      --acc-count N      accelerators per replica for -o wva (default 1)\n"
"      --env-prefix P     variable prefix for -o env (default WVA_)\n"
"      --input-format F   auto (default: by content), log, json, csv or yaml\n"
"      --results-dir DIR  also write alpha, beta, gamma, delta and\n"
"                         maxBatchSize to files in DIR (Tekton results)\n"
"      --strict           treat warnings as errors\n"
"  -q, --quiet            print no notes\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 success; 1 the input lacks what is needed or is malformed\n"
"(or a warning under --strict); 2 usage error; 3 system error (cannot\n"
"open, read or write).\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see " PROG " --help)\n");
	return -1;
}

static int
parse_long(const char *s, long lo, long hi, long *out)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || errno != 0 || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

static int
parse_positive(const char *s, double *out)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(s, &end);
	if (*s == '\0' || *end != '\0' || errno != 0 || !isfinite(v) ||
	    !(v > 0) || v > 1e9)
		return -1;
	*out = v;
	return 0;
}

static int
valid_prefix(const char *s)
{
	const char *p;

	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    *p == '_' || (p > s && *p >= '0' && *p <= '9')))
			return 0;
	return 1;
}

enum { O_LOW = 256, O_HIGH, O_ACC, O_ACC_COUNT, O_ENV_PREFIX, O_STRICT,
	O_INPUT, O_FIT, O_RESULTS };

static const struct option longopts[] = {
	{ "acc",		required_argument, NULL, O_ACC },
	{ "acc-count",		required_argument, NULL, O_ACC_COUNT },
	{ "env-prefix",		required_argument, NULL, O_ENV_PREFIX },
	{ "extract",		no_argument,	   NULL, 'x' },
	{ "fit",		required_argument, NULL, O_FIT },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "high",		required_argument, NULL, O_HIGH },
	{ "input-format",	required_argument, NULL, O_INPUT },
	{ "input-tokens",	required_argument, NULL, 'i' },
	{ "low",		required_argument, NULL, O_LOW },
	{ "max-batch",		required_argument, NULL, 'b' },
	{ "output",		required_argument, NULL, 'o' },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "results-dir",	required_argument, NULL, O_RESULTS },
	{ "strict",		no_argument,	   NULL, O_STRICT },
	{ "version",		no_argument,	   NULL, 'V' },
	{ NULL,			0,		   NULL, 0 }
};

/* The index of arg in a NULL-terminated list of words, or -1. */
static int
pick(const char *arg, const char *const *words)
{
	int	i;

	for (i = 0; words[i] != NULL; i++)
		if (strcmp(arg, words[i]) == 0)
			return i;
	return -1;
}

static const char *const formats[] = { "json", "yaml", "env", "wva", "svg",
	NULL };
static const char *const methods[] = { "two-point", "lsq", NULL };
static const char *const kinds[] = { "auto", "log", "json", "csv", "yaml",
	    NULL };

/* One option with its value; -1 on a usage error. */
static int
option(int c, const char *arg, struct opts *o)
{
	int	k;

	switch (c) {
	case 'b':
		o->fit_opts = 1;
		if (parse_long(arg, 2, BATCH_LIMIT, &o->so.max_batch) == -1)
			return usage_error("-b: \"%s\" is not a whole number "
			    "from 2 to 1000000", arg);
		break;
	case 'i':
		o->fit_opts = 1;
		if (parse_positive(arg, &o->so.input_tokens) == -1)
			return usage_error("-i: \"%s\" is not a number above 0 "
			    "and up to 1e9", arg);
		break;
	case 'o':
		if ((k = pick(arg, formats)) == -1)
			return usage_error("-o: unknown format \"%s\"; use "
			    "json, yaml, env, wva or svg", arg);
		o->format = (enum format)k;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case 'x':
		o->extract = 1;
		break;
	case O_LOW:
	case O_HIGH:
		o->fit_opts = 1;
		*(c == O_LOW ? &o->so.low : &o->so.high) = arg;
		*(c == O_LOW ? &o->so.low_set : &o->so.high_set) = 1;
		break;
	case O_ACC:
		o->wva_opts = 1;
		if (*arg == '\0' || strlen(arg) > 256)
			return usage_error("--acc: the name is %s", *arg == '\0' ?
			    "empty" : "longer than 256 bytes");
		o->oo.acc = arg;
		break;
	case O_ACC_COUNT:
		o->wva_opts = 1;
		if (parse_long(arg, 1, BATCH_LIMIT, &o->oo.acc_count) == -1)
			return usage_error("--acc-count: \"%s\" is not a whole "
			    "number from 1 to 1000000", arg);
		break;
	case O_ENV_PREFIX:
		if (!valid_prefix(arg))
			return usage_error("--env-prefix: \"%s\" is not a shell "
			    "variable name prefix", arg);
		if (strlen(arg) > 64)
			return usage_error("--env-prefix: %slonger than 64 "
			    "characters", "");
		o->oo.env_prefix = arg;
		break;
	case O_STRICT:
		o->strict = 1;
		break;
	case O_RESULTS:
		o->fit_opts = 1;
		if (*arg == '\0')
			return usage_error("--results-dir: %sthe name is empty",
			    "");
		o->results_dir = arg;
		break;
	case O_FIT:
		o->fit_opts = 1;
		if ((k = pick(arg, methods)) == -1)
			return usage_error("--fit: unknown method \"%s\"; use "
			    "two-point or lsq", arg);
		o->so.method = (enum fit_method)k;
		break;
	case O_INPUT:
		if ((k = pick(arg, kinds)) == -1)
			return usage_error("--input-format: unknown format "
			    "\"%s\"; use auto, log, json or csv", arg);
		o->input = (enum input_kind)k;
		break;
	}
	return 0;
}

/* Options that do not go together. */
static int
check_options(const struct opts *o)
{
	if (strcmp(o->so.low, o->so.high) == 0)
		return usage_error("--low and --high both name %s", o->so.low);
	if (o->extract && (o->format == F_ENV || o->format == F_WVA ||
	    o->format == F_SVG))
		return usage_error("-x prints json or yaml, not %s",
		    formats[o->format]);
	if (o->extract && o->fit_opts)
		return usage_error("-x fits nothing: -b, -i, --fit, --low, "
		    "--high and --results-dir do not go with it%s", "");
	if (o->so.method == FIT_LSQ && (o->so.low_set || o->so.high_set))
		return usage_error("--fit lsq uses every benchmark: --low and "
		    "--high do not go with it%s", "");
	if (o->format == F_WVA && o->oo.acc == NULL)
		return usage_error("-o wva needs --acc NAME%s", "");
	if (o->format != F_WVA && o->wva_opts)
		return usage_error("--acc and --acc-count go with -o wva%s",
		    "");
	return 0;
}

/* The long option that "--word[=value]" names, as getopt finds it. */
static const struct option *
long_match(const char *arg, size_t len, int *hits)
{
	const struct option *lo, *hit = NULL;

	*hits = 0;
	for (lo = longopts; lo->name != NULL; lo++)
		if (strncmp(lo->name, arg + 2, len - 2) == 0) {
			hit = lo;
			if (strlen(lo->name) == len - 2) {	/* exact */
				*hits = 1;
				break;
			}
			(*hits)++;
		}
	return hit;
}

/*
 * An unknown option, or one with a value missing or not wanted. getopt
 * gives the letter (optopt) but not the word it was in: a word it has
 * passed is arg; an unknown letter inside one it has not ("--strict
 * -zq") leaves arg at the word before. A long option has optopt 0 when
 * unknown or ambiguous, its own letter when it got a value it takes not.
 */
static int
bad_option(int c, const char *arg)
{
	const struct option *hit = NULL;
	char	name[64];
	size_t	len = strcspn(arg, "=");
	int	hits = 0, islong = strncmp(arg, "--", 2) == 0;

	if (islong)
		hit = long_match(arg, len, &hits);
	if (c == '?' && islong && arg[len] == '=' && hits == 1 &&
	    hit->has_arg == no_argument && hit->val == optopt) {
		snprintf(name, sizeof(name), "%.*s", (int)len, arg);
		return usage_error("%s takes no value", name);
	}
	if (c == ':' ? !islong : optopt != 0) {
		if (optopt > ' ' && optopt < 0x7f)
			snprintf(name, sizeof(name), "-%c", optopt);
		else
			snprintf(name, sizeof(name), "-\\x%02x", optopt & 0xff);
	} else
		snprintf(name, sizeof(name), "%.*s", (int)len, arg);
	if (c == ':')
		return usage_error("%s needs a value", name);
	if (optopt == 0 && hits > 1)
		return usage_error("option %s is ambiguous", name);
	return usage_error("unknown option %s", name);
}

/* Returns 0 to go on, 1 when --help or --version was served, -1 on error. */
static int
parse_options(int argc, char *argv[], struct opts *o)
{
	int	c;

	memset(o, 0, sizeof(*o));
	o->so.low = "synchronous";
	o->so.high = "throughput";
	o->oo.env_prefix = "WVA_";
	o->oo.acc_count = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:hi:o:qVx", longopts,
	    NULL)) != -1) {
		if (c == 'h') {
			fputs(usage_text, stdout);
			return 1;
		}
		if (c == 'V') {
			puts(PROG " " VERSION);
			return 1;
		}
		if (c == ':' || c == '?')
			return bad_option(c, argv[optind - 1]);
		if (option(c, optarg, o) == -1)
			return -1;
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	return check_options(o);
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

static void
on_diag(void *ctx, enum wi_level level, const char *file, unsigned long line,
    const char *msg)
{
	struct diag *d = ctx;

	if (level == WI_NOTE) {
		if (d->quiet)
			return;
		fputs(PROG ": note: ", stderr);
	} else {
		d->warnings++;
		fputs(PROG ": warning: ", stderr);
	}
	print_loc(file, line);
	print_clean(msg);
	fputc('\n', stderr);
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

/*
 * --results-dir: one file a result, holding just the value (Tekton's
 * $(results.NAME.path) convention). The values are written to temporary
 * names before anything goes to stdout, and renamed into place only once
 * the run has succeeded: a failed run leaves the folder as it was, and a
 * reader never sees a file half written.
 */
#define NRESULTS	5

struct results {
	const char	*dir;
	char		 val[NRESULTS][FMT_NUM_MAX];
	char		 tmp[NRESULTS][4096];
	char		 dst[4096 + 16];	/* outlives the call: errors name it */
	int		 ntmp;
};

static const char *const result_names[NRESULTS] = { "alpha", "beta",
	"gamma", "delta", "maxBatchSize" };

static int
results_values(struct results *r, const struct fit *f, struct wi_err *err)
{
	double	v[4] = { f->alpha, f->beta, f->gamma, f->delta };
	int	i;

	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--results-dir needs gamma "
		    "and delta, which need the prompt tokens per request: "
		    "give -i");
		return -1;
	}
	for (i = 0; i < 4; i++)
		fmt_fixed(r->val[i], v[i], 6);
	snprintf(r->val[4], sizeof(r->val[4]), "%ld", f->max_batch);
	return 0;
}

static void
results_abort(struct results *r)
{
	while (r->ntmp > 0)
		(void)unlink(r->tmp[--r->ntmp]);
}

static int
results_prepare(struct results *r, struct wi_err *err)
{
	struct stat	st;
	mode_t		mask = umask(077);
	size_t		len;
	int		i, fd;

	umask(mask);		/* mkstemp makes 0600; give what umask allows */
	for (i = 0; i < NRESULTS; i++) {
		/*
		 * The one failure of rename(2) that can be foreseen: a
		 * folder in the way. Caught here, before stdout.
		 */
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    result_names[i]);
		if (lstat(r->dst, &st) == 0 && S_ISDIR(st.st_mode)) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(EISDIR));
			return -1;
		}
	}
	for (i = 0; i < NRESULTS; i++) {
		if ((size_t)snprintf(r->tmp[i], sizeof(r->tmp[i]),
		    "%s/.%s.XXXXXX", r->dir, result_names[i]) >=
		    sizeof(r->tmp[i])) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "name too long");
			break;
		}
		if ((fd = mkstemp(r->tmp[i])) == -1) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "cannot write %s: %s",
			    result_names[i], strerror(errno));
			break;
		}
		r->ntmp++;
		len = strlen(r->val[i]);
		if (fchmod(fd, 0666 & ~mask) == -1 ||
		    write(fd, r->val[i], len) != (ssize_t)len) {
			wi_seterr(err, WI_ESYS, r->tmp[i], 0, "%s",
			    strerror(errno));
			(void)close(fd);
			break;
		}
		if (close(fd) == -1) {
			wi_seterr(err, WI_ESYS, r->tmp[i], 0, "%s",
			    strerror(errno));
			break;
		}
	}
	if (i == NRESULTS)
		return 0;
	results_abort(r);
	return -1;
}

static int
results_commit(struct results *r, struct wi_err *err)
{
	int	i;

	for (i = 0; i < NRESULTS; i++) {
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    result_names[i]);
		if (rename(r->tmp[i], r->dst) == -1) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(errno));
			while (i < NRESULTS)
				(void)unlink(r->tmp[i++]);
			r->ntmp = 0;
			return -1;
		}
	}
	r->ntmp = 0;
	return 0;
}

static char *
render(const struct opts *o, const struct benchset *set,
    const struct fit *f, struct wi_err *err)
{
	cJSON	*doc;
	char	*s;

	/* -x (no fit) goes with json and yaml only: parse_options checks. */
	if (f != NULL && o->format == F_ENV)
		return out_env(f, &o->oo, err);
	if (f != NULL && o->format == F_WVA)
		return out_wva(f, &o->oo, err);
	if (f != NULL && o->format == F_SVG)
		return out_svg(f, err);
	if ((doc = doc_build(set, o->extract ? NULL : f)) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return NULL;
	}
	s = o->format == F_JSON ? out_json(doc, err) : out_yaml(doc, err);
	cJSON_Delete(doc);
	return s;
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
run(struct opts *o, struct benchset *set, struct results *res,
    const struct wi_warn *w, struct wi_err *err)
{
	struct scan	 sc;
	struct fit	 f;
	char		 inputs[512];
	char		*stdin_only[] = { "-" }, *out;
	size_t		 i;
	int		 k;

	if (o->ninputs == 0) {
		o->inputs = stdin_only;
		o->ninputs = 1;
	}
	describe_inputs(inputs, sizeof(inputs), o->inputs, o->ninputs);
	o->so.inputs = inputs;
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
		return render(o, set, NULL, err);
	}
	if (solve(set, &o->so, &f, w, err) == -1) {
		fit_free(&f);
		return NULL;
	}
	notes(&f, w);
	out = render(o, set, &f, err);
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
	struct diag	 d = { 0 };
	struct wi_warn	 w = { on_diag, &d };
	struct wi_err	 err;
	struct results	 res;
	char		*out;
	int		 rc;

	if ((rc = parse_options(argc, argv, &o)) == -1)
		return WI_EUSAGE;
	if (rc == 1)		/* --help or --version went to stdout */
		return write_output("");
	d.quiet = o.quiet;
	memset(&err, 0, sizeof(err));
	if (re_init(&err) == -1)
		return report(&err);
	benchset_init(&set);
	memset(&res, 0, sizeof(res));
	res.dir = o.results_dir;
	out = run(&o, &set, &res, &w, &err);
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
