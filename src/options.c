/*
 * options.c: getopt_long over the command line, the usage text, and the
 * checks of options that do not go together. Usage errors are printed
 * here, one line each, pointing at --help.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

/* The list of formats (%s) comes from out_formats[]. */
static const char usage_text[] =
"usage: wva-itl [-qx] [-b N] [-i N] [-o FORMAT] [--strict]\n"
"               [--model linear|queue] [--fit two-point|lsq]\n"
"               [--low NAME] [--high NAME] [--queue-version 0.6|0.7]\n"
"               [--ttft mean|median] [--points NAME,...]\n"
"               [--params alpha=A,beta=B,gamma=G[,delta=D]]\n"
"               [--max-num-tokens N] [--max-queue N] [--model-name NAME]\n"
"               [--acc NAME] [--acc-count N]\n"
"               [--env-prefix PREFIX] [--input-format FORMAT]\n"
"               [--results-dir DIR] [--slo-ttft MS] [--slo-itl MS]\n"
"               [--rate RPS] [--in-tokens N] [--out-tokens N] [file ...]\n"
"\n"
"Reads benchmark results (guidellm console logs as oc logs prints them,\n"
"guidellm JSON and CSV reports, vLLM bench serve output and JSON) and\n"
"prints WVA's decode parameters alpha, beta (ITL = alpha + beta * batch)\n"
"and prefill parameters gamma, delta (TTFT = gamma + delta * inputTokens\n"
"* batch). With --model queue, fits alpha, beta, gamma of the queueing\n"
"model of WVA's queue analyzer and llm-inferno (queue-analysis v0.7).\n"
"With no file, or with -, reads standard input.\n"
"\n"
"  -b, --max-batch N      max batch size, vLLM --max-num-seqs (default: the\n"
"                         high run's measured concurrency, or the cap of a\n"
"                         vLLM run, rounded; lsq: the highest of the points;\n"
"                         --model queue: 256, vLLM's default)\n"
"  -i, --input-tokens N   prompt tokens per request for delta (default: the\n"
"                         high run's measured prompt tokens/request)\n"
"  -o, --output FORMAT    %s\n"
"  -x, --extract          print the benchmarks found, fit nothing\n"
"      --model MODEL      linear (default: the two parameter pairs above)\n"
"                         or queue (the queueing model)\n"
"      --fit METHOD       two-point (default) or lsq: least squares over\n"
"                         every benchmark, with R^2 and residuals\n"
"      --low NAME         benchmark at batch size 1 (default synchronous,\n"
"                         else a run capped at concurrency 1)\n"
"      --high NAME        benchmark at the max batch size (default\n"
"                         throughput, else the run with the highest cap)\n"
"      --queue-version V  0.7 (default: queue-analysis v0.7/v0.8) or 0.6\n"
"                         (v0.6, which model-trainer's published fits used)\n"
"      --ttft STAT        median (default, as model-trainer) or mean TTFT\n"
"                         for --model queue\n"
"      --points NAMES     fit these benchmarks, comma-separated (default:\n"
"                         all but throughput; name throughput to use it)\n"
"      --params LIST      alpha=A,beta=B,gamma=G: evaluate these parameters\n"
"                         on the points instead of fitting (--model queue);\n"
"                         with no file, read nothing and size from them\n"
"                         (with delta for --model linear)\n"
"      --max-num-tokens N vLLM --max-num-batched-tokens (default 8192)\n"
"      --max-queue N      queue capacity (default: the max batch size; with\n"
"                         the linear model and a sizing 10 x max batch)\n"
"      --model-name NAME  model name for -o inferno (required with it)\n"
"      --acc NAME         accelerator name for -o wva and -o inferno\n"
"                         (required with them)\n"
"      --acc-count N      accelerators per replica (default 1)\n"
"      --env-prefix P     variable prefix for -o env (default WVA_)\n"
"      --input-format F   auto (default: by content), log, json, csv,\n"
"                         html, yaml or dataset (model-trainer's DataSet)\n"
"      --results-dir DIR  also write alpha, beta, gamma, delta (--model\n"
"                         queue: loss) and maxBatchSize to files in DIR\n"
"                         (Tekton results)\n"
"      --slo-ttft MS      size a replica: the largest arrival rate at which\n"
"                         the model's mean TTFT stays within MS\n"
"      --slo-itl MS       ... and its mean ITL within MS (either or both)\n"
"      --rate RPS         total load: also the replicas it needs, ceil(RPS\n"
"                         / max rate), and the load each carries\n"
"      --in-tokens N      prompt tokens per request to size for (default:\n"
"                         the high run's; lsq: the mean of the points)\n"
"      --out-tokens N     output tokens per request to size for (idem)\n"
"      --strict           treat warnings as errors\n"
"  -q, --quiet            print no notes\n"
"  -h, --help             print this help and exit\n"
"      --list-formats     print the output formats, one a line, and exit\n"
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

/*
 * Digits, and with frac a "." and digits after them: what a person
 * writes for a batch size or a token count. No sign, space, exponent
 * or hex, which strtol and strtod would take (0x40, 1e-300).
 */
static int
plain_decimal(const char *s, int frac)
{
	const char *p = s;

	while (*p >= '0' && *p <= '9')
		p++;
	if (p == s || p - s > 16)
		return 0;
	if (frac && *p == '.' && p[1] >= '0' && p[1] <= '9')
		for (p++; *p >= '0' && *p <= '9'; p++)
			continue;
	return *p == '\0';
}

/* -i: 1 token at least, and no context window holds more than 1e7. */
#define TOKENS_MIN	1.0
#define TOKENS_MAX	1e7

static int
parse_tokens(const char *s, double *out)
{
	double	 v;

	if (!plain_decimal(s, 1))
		return -1;
	v = strtod(s, NULL);
	if (!(v >= TOKENS_MIN && v <= TOKENS_MAX))
		return -1;
	*out = v;
	return 0;
}

/* A target, a rate or a token count to size for: above 0, up to 1000000000. */
static int
parse_positive(const char *s, double *out)
{
	double	 v;

	if (!plain_decimal(s, 1))
		return -1;
	v = strtod(s, NULL);
	if (!(v > 0) || v > 1e9)
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
	O_INPUT, O_FIT, O_RESULTS, O_LIST, O_MODEL, O_QVERSION, O_TTFT,
	O_POINTS, O_PARAMS, O_MAX_TOKENS, O_MAX_QUEUE, O_MODEL_NAME, O_SLO_TTFT,
	O_SLO_ITL, O_RATE, O_IN_TOKENS, O_OUT_TOKENS };

static const struct option longopts[] = {
	{ "acc",		required_argument, NULL, O_ACC },
	{ "acc-count",		required_argument, NULL, O_ACC_COUNT },
	{ "env-prefix",		required_argument, NULL, O_ENV_PREFIX },
	{ "extract",		no_argument,	   NULL, 'x' },
	{ "fit",		required_argument, NULL, O_FIT },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "high",		required_argument, NULL, O_HIGH },
	{ "input-format",	required_argument, NULL, O_INPUT },
	{ "in-tokens",		required_argument, NULL, O_IN_TOKENS },
	{ "input-tokens",	required_argument, NULL, 'i' },
	{ "list-formats",	no_argument,	   NULL, O_LIST },
	{ "low",		required_argument, NULL, O_LOW },
	{ "max-batch",		required_argument, NULL, 'b' },
	{ "max-num-tokens",	required_argument, NULL, O_MAX_TOKENS },
	{ "max-queue",		required_argument, NULL, O_MAX_QUEUE },
	{ "model",		required_argument, NULL, O_MODEL },
	{ "model-name",		required_argument, NULL, O_MODEL_NAME },
	{ "out-tokens",		required_argument, NULL, O_OUT_TOKENS },
	{ "output",		required_argument, NULL, 'o' },
	{ "params",		required_argument, NULL, O_PARAMS },
	{ "points",		required_argument, NULL, O_POINTS },
	{ "queue-version",	required_argument, NULL, O_QVERSION },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "rate",		required_argument, NULL, O_RATE },
	{ "results-dir",	required_argument, NULL, O_RESULTS },
	{ "slo-itl",		required_argument, NULL, O_SLO_ITL },
	{ "slo-ttft",		required_argument, NULL, O_SLO_TTFT },
	{ "strict",		no_argument,	   NULL, O_STRICT },
	{ "ttft",		required_argument, NULL, O_TTFT },
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

static const char *const methods[] = { "two-point", "lsq", NULL };
static const char *const kinds[] = { "auto", "log", "json", "csv", "html",
	"yaml", "dataset", NULL };
static const char *const models[] = { "linear", "queue", NULL };
static const char *const qversions[] = { "0.6", "0.7", NULL };
static const char *const ttft_stats[] = { "mean", "median", NULL };
static const char *const param_keys[] = { "alpha", "beta", "gamma", "delta",
	NULL };

/*
 * --params "alpha=A,beta=B,gamma=G[,delta=D]": each key once, each value
 * a finite number; which keys a model needs is checked later.
 */
static int
parse_params(const char *arg, struct fit_params *p)
{
	double	*slot[] = { &p->alpha, &p->beta, &p->gamma, &p->delta };
	char	 key[16], *end;
	const char *s = arg, *eq;
	size_t	 n;
	int	 k;

	for (;;) {
		if ((eq = strchr(s, '=')) == NULL || (n = (size_t)(eq - s)) ==
		    0 || n >= sizeof(key))
			return usage_error("--params: \"%s\" is not a list of "
			    "alpha=A,beta=B,gamma=G", arg);
		memcpy(key, s, n);
		key[n] = '\0';
		if ((k = pick(key, param_keys)) == -1)
			return usage_error("--params: unknown parameter \"%s\"; "
			    "use alpha, beta, gamma or delta", key);
		if (p->given & (1u << k))
			return usage_error("--params: %s is given twice", key);
		errno = 0;
		*slot[k] = strtod(eq + 1, &end);
		if (end == eq + 1 || (*end != ',' && *end != '\0') ||
		    errno != 0 || !isfinite(*slot[k]) || fabs(*slot[k]) > 1e9)
			return usage_error("--params: the value of %s is not a "
			    "number up to 1e9", key);
		p->given |= 1u << k;
		if (*end == '\0')
			return 0;
		s = end + 1;
	}
}

/* --points "a,b,c": names of benchmarks, none empty or too long. */
static int
check_points(const char *arg)
{
	const char *s = arg;
	size_t	 n;

	for (;;) {
		n = strcspn(s, ",");
		if (n == 0)
			return usage_error("--points: \"%s\" has an empty "
			    "name", arg);
		if (n >= WI_NAME_MAX)
			return usage_error("--points: a name is longer than "
			    "%s bytes", "63");
		if (s[n] == '\0')
			return 0;
		s += n + 1;
	}
}

static int
unknown_format(const char *arg)
{
	char	names[256];

	out_names(names, sizeof(names), ", ", " or ", 0);
	fprintf(stderr, PROG ": -o: unknown format \"%s\"; use %s (see "
	    PROG " --help)\n", arg, names);
	return -1;
}

/* --slo-ttft, --slo-itl, --rate, --in-tokens, --out-tokens. */
static int
plan_option(int c, const char *arg, struct plan_opts *p)
{
	static const struct {
		int		 c;
		const char	*name, *unit;
	} t[] = {
		{ O_SLO_TTFT, "--slo-ttft", "of ms" },
		{ O_SLO_ITL, "--slo-itl", "of ms" },
		{ O_RATE, "--rate", "of requests per second" },
		{ O_IN_TOKENS, "--in-tokens", "of tokens" },
		{ O_OUT_TOKENS, "--out-tokens", "of tokens" },
	};
	double	*v[] = { &p->slo.ttft, &p->slo.itl, &p->rate, &p->in_tokens,
	    &p->out_tokens };
	char	 msg[128];
	size_t	 i;

	for (i = 0; t[i].c != c; i++)
		continue;
	if (parse_positive(arg, v[i]) == 0 &&
	    (c != O_OUT_TOKENS || *v[i] >= 1))
		return 0;
	snprintf(msg, sizeof(msg), "%s: \"%%s\" is not a plain decimal %s %s "
	    "and up to 1000000000", t[i].name, t[i].unit, c == O_OUT_TOKENS ? "from 1" :
	    "above 0");
	return usage_error(msg, arg);
}

/* The options of --model queue and --params; -1 on a usage error. */
static int
queue_option(int c, const char *arg, struct opts *o)
{
	int	k;

	o->fit_opts |= c != O_MODEL_NAME;
	switch (c) {
	case O_MODEL:
		if ((k = pick(arg, models)) == -1)
			return usage_error("--model: unknown model \"%s\"; use "
			    "linear or queue", arg);
		o->so.model = (enum fit_kind)k;
		break;
	case O_QVERSION:
		o->queue_opt = "--queue-version";
		if ((k = pick(arg, qversions)) == -1)
			return usage_error("--queue-version: unknown version "
			    "\"%s\"; use 0.6 or 0.7", arg);
		o->so.qversion = k == 0 ? QV_0_6 : QV_0_7;
		break;
	case O_TTFT:
		o->queue_opt = "--ttft";
		if ((k = pick(arg, ttft_stats)) == -1)
			return usage_error("--ttft: unknown statistic \"%s\"; "
			    "use mean or median", arg);
		o->so.ttft_stat = k == 0 ? ST_MEAN : ST_MEDIAN;
		break;
	case O_POINTS:
		o->queue_opt = "--points";
		o->so.points = arg;
		return check_points(arg);
	case O_PARAMS:
		memset(&o->so.params, 0, sizeof(o->so.params));
		return parse_params(arg, &o->so.params);
	case O_MAX_TOKENS:
		o->queue_opt = "--max-num-tokens";
		if (parse_long(arg, 1, 100000000L, &o->so.max_tokens) == -1)
			return usage_error("--max-num-tokens: \"%s\" is not a "
			    "whole number from 1 to 100000000", arg);
		break;
	case O_MAX_QUEUE:
		if (parse_long(arg, 0, BATCH_LIMIT, &o->so.max_queue) == -1)
			return usage_error("--max-queue: \"%s\" is not a whole "
			    "number from 0 to 1000000", arg);
		break;
	case O_MODEL_NAME:
		if (*arg == '\0' || strlen(arg) > 256)
			return usage_error("--model-name: the name is %s",
			    *arg == '\0' ? "empty" : "longer than 256 bytes");
		o->oo.model_name = arg;
		break;
	}
	return 0;
}

/* One option with its value; -1 on a usage error. */
static int
option(int c, const char *arg, struct opts *o)
{
	int	k;

	switch (c) {
	case 'b':
		o->fit_opts = 1;
		o->batch_arg = arg;	/* checked once the model is known */
		break;
	case 'i':
		o->fit_opts = 1;
		o->linear_opt = "-i";
		if (parse_tokens(arg, &o->so.input_tokens) == -1)
			return usage_error("-i: \"%s\" is not a plain decimal "
			    "from 1 to 10000000", arg);
		break;
	case 'o':
		if ((o->format = out_find(arg)) == NULL)
			return unknown_format(arg);
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
		o->linear_opt = c == O_LOW ? "--low" : "--high";
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
		o->linear_opt = "--fit";
		if ((k = pick(arg, methods)) == -1)
			return usage_error("--fit: unknown method \"%s\"; use "
			    "two-point or lsq", arg);
		o->so.method = (enum fit_method)k;
		break;
	case O_SLO_TTFT:
	case O_SLO_ITL:
	case O_RATE:
	case O_IN_TOKENS:
	case O_OUT_TOKENS:
		o->plan_opts = 1;
		return plan_option(c, arg, &o->po);
	case O_INPUT:
		if ((k = pick(arg, kinds)) == -1)
			return usage_error("--input-format: unknown format "
			    "\"%s\"; use auto, log, json, csv, html, yaml or "
			    "dataset", arg);
		o->input = (enum input_kind)k;
		break;
	default:
		return queue_option(c, arg, o);
	}
	return 0;
}

/* The options and formats of one model that the other has not. */
static int
model_options(const struct opts *o)
{
	const struct fit_params *p = &o->so.params;
	const unsigned abg = PARAM_ALPHA | PARAM_BETA | PARAM_GAMMA;

	if (o->so.model == MODEL_LINEAR) {
		if (o->queue_opt != NULL)
			return usage_error("%s goes with --model queue",
			    o->queue_opt);
		if (o->format->flags & OUT_QUEUE)
			return usage_error("-o %s goes with --model queue",
			    o->format->name);
		if (p->given != 0 && !o->planning)
			return usage_error("--params: evaluating given "
			    "parameters needs --model queue%s", "");
		if (o->so.max_queue >= 0 && !plan_wanted(&o->po))
			return usage_error("--max-queue goes with --model queue "
			    "or a sizing (--slo-ttft, --slo-itl)%s", "");
		return 0;
	}
	if (o->linear_opt != NULL)
		return usage_error("%s goes with --model linear (the default), "
		    "not --model queue", o->linear_opt);
	if (o->format->flags & OUT_LINEAR)
		return usage_error("-o %s shows the linear model: it does not "
		    "go with --model queue", o->format->name);
	if (p->given != 0 && (p->given & PARAM_DELTA))
		return usage_error("--params: delta is a parameter of the "
		    "linear model, not of --model queue%s", "");
	if (p->given != 0 && (p->given & abg) != abg)
		return usage_error("--params: --model queue needs alpha, beta "
		    "and gamma%s", "");
	if (p->given != 0 && (p->alpha < 0 || p->beta < 0 || p->gamma < 0))
		return usage_error("--params: alpha, beta and gamma of --model "
		    "queue are %s0 or more", "");
	if (o->so.max_batch == 1 && o->so.max_queue == 0)
		return usage_error("-b 1 --max-queue 0: the queue needs room "
		    "for two requests%s", "");
	return 0;
}

/*
 * --params with no file: a sizing from the parameters alone, which
 * needs the token shape and, for the linear model, all four.
 */
static int
planning_options(const struct opts *o)
{
	const unsigned all = PARAM_ALPHA | PARAM_BETA | PARAM_GAMMA |
	    PARAM_DELTA;
	const struct fit_params *p = &o->so.params;
	char	names[128], msg[256];

	if (!o->planning)
		return 0;
	if (!plan_wanted(&o->po) && !(o->format->flags & OUT_PLOT))
		return usage_error("--params with no file sizes a replica: give "
		    "--slo-ttft or --slo-itl (or -o svg), or name the "
		    "benchmark files to evaluate the parameters on (- for "
		    "standard input)%s", "");
	if (!(o->format->flags & OUT_PARAMS)) {
		out_names(names, sizeof(names), ", ", " or ", OUT_PARAMS);
		snprintf(msg, sizeof(msg), "-o %s needs benchmark files; a "
		    "sizing from --params prints %s", o->format->name, names);
		return usage_error("%s", msg);
	}
	if (o->po.in_tokens == 0 || o->po.out_tokens == 0)
		return usage_error("--params with no file: give the token "
		    "shape to size for, --in-tokens and --out-tokens%s", "");
	if (o->so.model == MODEL_LINEAR && (p->given & all) != all)
		return usage_error("--params: --model linear needs alpha, beta, "
		    "gamma and delta%s", "");
	if (o->so.model == MODEL_LINEAR && (p->alpha < 0 || p->beta < 0 ||
	    p->gamma < 0 || p->delta < 0))
		return usage_error("--params: alpha, beta, gamma and delta are "
		    "%s0 or more", "");
	return 0;
}

/* Options that do not go together. */
static int
check_options(struct opts *o)
{
	char	names[256];
	int	i, stdin_named = 0;

	if (strcmp(o->so.low, o->so.high) == 0)
		return usage_error("--low and --high both name %s", o->so.low);
	/* A second "-" would read the end of what the first read: nothing. */
	for (i = 0; i < o->ninputs; i++)
		if (strcmp(o->inputs[i], "-") == 0 && stdin_named++ > 0)
			return usage_error("- (standard input) is named twice; "
			    "it can be read only once%s", "");
	if (o->extract && !(o->format->flags & OUT_EXTRACT)) {
		out_names(names, sizeof(names), ", ", " or ", OUT_EXTRACT);
		fprintf(stderr, PROG ": -x prints %s, not %s (see " PROG
		    " --help)\n", names, o->format->name);
		return -1;
	}
	if (o->extract && o->fit_opts)
		return usage_error("-x fits nothing: -b, -i, --fit, --low, "
		    "--high, --model and its options, --params and "
		    "--results-dir do not go with it%s", "");
	if (o->batch_arg != NULL && (!plain_decimal(o->batch_arg, 0) ||
	    parse_long(o->batch_arg, o->so.model == MODEL_QUEUE ? 1 : 2,
	    BATCH_LIMIT, &o->so.max_batch) == -1))
		return usage_error(o->so.model == MODEL_QUEUE ?
		    "-b: \"%s\" is not a whole number from 1 to 1000000" :
		    "-b: \"%s\" is not a whole number from 2 to 1000000",
		    o->batch_arg);
	if (model_options(o) == -1)
		return -1;
	if (o->extract && o->plan_opts)
		return usage_error("-x fits nothing: --slo-ttft, --slo-itl, "
		    "--rate, --in-tokens and --out-tokens do not go with it%s",
		    "");
	if (planning_options(o) == -1)
		return -1;
	if (!plan_wanted(&o->po) && !o->planning && (o->po.rate > 0 ||
	    o->po.in_tokens > 0 || o->po.out_tokens > 0))
		return usage_error("--rate, --in-tokens and --out-tokens size "
		    "a replica: give --slo-ttft or --slo-itl too%s", "");
	if (o->so.method == FIT_LSQ && (o->so.low_set || o->so.high_set))
		return usage_error("--fit lsq uses every benchmark: --low and "
		    "--high do not go with it%s", "");
	if ((o->format->flags & OUT_ACC) && o->oo.acc == NULL)
		return usage_error("-o %s needs --acc NAME", o->format->name);
	if (!(o->format->flags & OUT_ACC) && o->wva_opts) {
		out_names(names, sizeof(names), ", -o ", " or -o ", OUT_ACC);
		return usage_error("--acc and --acc-count go with -o %s",
		    names);
	}
	if ((o->format->flags & OUT_NAME) && o->oo.model_name == NULL)
		return usage_error("-o %s needs --model-name NAME",
		    o->format->name);
	if (!(o->format->flags & OUT_NAME) && o->oo.model_name != NULL) {
		out_names(names, sizeof(names), ", -o ", " or -o ", OUT_NAME);
		return usage_error("--model-name goes with -o %s", names);
	}
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

/* The formats for --help, wrapped to the column of the option texts. */
static void
print_usage(void)
{
	const struct out_format *f;
	char	 said[1024], word[128];
	size_t	 len = 0, col = 25;
	int	 n;

	/* "json (default), yaml, env, wva, or svg (a plot)" */
	said[0] = '\0';
	for (f = out_formats; f->name != NULL; f++) {
		n = snprintf(word, sizeof(word), "%s%s%s%s%s%s%s",
		    f == out_formats ? "" : f[1].name == NULL ? "or " : "",
		    f->name, f == out_formats ? " (default)" : "",
		    f->note != NULL ? " (" : "", f->note != NULL ? f->note : "",
		    f->note != NULL ? ")" : "", f[1].name == NULL ? "" : ",");
		if (n < 0 || (size_t)n >= sizeof(word))
			continue;
		if (col + (size_t)n + 1 > 79 && len > 0) {
			len += (size_t)snprintf(said + len, sizeof(said) - len,
			    "\n%25s", "");
			col = 25;
		} else if (len > 0) {
			len += (size_t)snprintf(said + len, sizeof(said) - len,
			    " ");
			col++;
		}
		if (len < sizeof(said))
			len += (size_t)snprintf(said + len, sizeof(said) - len,
			    "%s", word);
		col += (size_t)n;
		if (len >= sizeof(said))
			break;
	}
	printf(usage_text, said);
}

/*
 * --list-formats: one format a line, with what it takes besides a fit:
 * "-x" when it also prints what -x extracts, "--acc" when it needs it.
 */
static void
list_formats(void)
{
	const struct out_format *f;

	for (f = out_formats; f->name != NULL; f++)
		printf("%s%s%s%s%s\n", f->name,
		    f->flags & OUT_EXTRACT ? " -x" : "",
		    f->flags & OUT_ACC ? " --acc" : "",
		    f->flags & OUT_NAME ? " --model-name" : "",
		    f->flags & OUT_QUEUE ? " --model queue" : "");
}

static char stdin_name[] = "-";
static char *stdin_only[] = { stdin_name };

int
opts_parse(int argc, char *argv[], struct opts *o)
{
	int	c;

	memset(o, 0, sizeof(*o));
	o->so.low = "synchronous";
	o->so.high = "throughput";
	o->oo.env_prefix = "WVA_";
	o->oo.acc_count = 1;
	o->format = &out_formats[0];
	o->so.qversion = QV_0_7;
	o->so.ttft_stat = ST_MEDIAN;
	o->so.max_tokens = QM_DEFAULT_TOKENS;
	o->so.max_queue = -1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:hi:o:qVx", longopts,
	    NULL)) != -1) {
		if (c == 'h') {
			print_usage();
			return 1;
		}
		if (c == O_LIST) {
			list_formats();
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
	/* With --params, inputs are read only when named. */
	o->planning = o->ninputs == 0 && o->so.params.given != 0;
	if (o->ninputs == 0) {
		o->inputs = stdin_only;
		o->ninputs = 1;
	}
	return check_options(o);
}
