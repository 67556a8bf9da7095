/*
 * options.c: getopt_long over the command line into struct opts, each
 * value checked as it is read; usage.c prints help and usage errors,
 * optcheck.c checks the options that do not go together.
 */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "points.h"

#ifndef VERSION
#define VERSION "unknown"
#endif

/* -i: 1 token at least, and no context window holds more than 1e7. */
#define TOKENS_MIN	1.0
#define TOKENS_MAX	1e7

static int
parse_tokens(const char *s, double *out)
{
	double	 v;

	if (!num_plain(s, 1))
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

	if (!num_plain(s, 1))
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
	O_SLO_ITL, O_RATE, O_IN_TOKENS, O_OUT_TOKENS, O_SLO_STAT, O_AS, O_WINDOW,
	O_INTERVAL, O_ITL, O_MIN_REQUESTS, O_PRINT_QUERIES };

static const struct option longopts[] = {
	{ "acc",		required_argument, NULL, O_ACC },
	{ "acc-count",		required_argument, NULL, O_ACC_COUNT },
	{ "as",			required_argument, NULL, O_AS },
	{ "env-prefix",		required_argument, NULL, O_ENV_PREFIX },
	{ "extract",		no_argument,	   NULL, 'x' },
	{ "fit",		required_argument, NULL, O_FIT },
	{ "help",		no_argument,	   NULL, 'h' },
	{ "high",		required_argument, NULL, O_HIGH },
	{ "input-format",	required_argument, NULL, O_INPUT },
	{ "interval",		required_argument, NULL, O_INTERVAL },
	{ "itl",		required_argument, NULL, O_ITL },
	{ "in-tokens",		required_argument, NULL, O_IN_TOKENS },
	{ "input-tokens",	required_argument, NULL, 'i' },
	{ "list-formats",	no_argument,	   NULL, O_LIST },
	{ "low",		required_argument, NULL, O_LOW },
	{ "max-batch",		required_argument, NULL, 'b' },
	{ "max-num-tokens",	required_argument, NULL, O_MAX_TOKENS },
	{ "max-queue",		required_argument, NULL, O_MAX_QUEUE },
	{ "min-requests",	required_argument, NULL, O_MIN_REQUESTS },
	{ "model",		required_argument, NULL, O_MODEL },
	{ "model-name",		required_argument, NULL, O_MODEL_NAME },
	{ "out-tokens",		required_argument, NULL, O_OUT_TOKENS },
	{ "output",		required_argument, NULL, 'o' },
	{ "params",		required_argument, NULL, O_PARAMS },
	{ "points",		required_argument, NULL, O_POINTS },
	{ "print-queries",	no_argument,	   NULL, O_PRINT_QUERIES },
	{ "queue-version",	required_argument, NULL, O_QVERSION },
	{ "quiet",		no_argument,	   NULL, 'q' },
	{ "rate",		required_argument, NULL, O_RATE },
	{ "results-dir",	required_argument, NULL, O_RESULTS },
	{ "slo-itl",		required_argument, NULL, O_SLO_ITL },
	{ "slo-stat",		required_argument, NULL, O_SLO_STAT },
	{ "slo-ttft",		required_argument, NULL, O_SLO_TTFT },
	{ "strict",		no_argument,	   NULL, O_STRICT },
	{ "ttft",		required_argument, NULL, O_TTFT },
	{ "version",		no_argument,	   NULL, 'V' },
	{ "window",		required_argument, NULL, O_WINDOW },
	{ NULL,			0,		   NULL, 0 }
};

/* --slo-stat's words and statistics; median is p50. */
static const char *const slo_stats[] = { "mean", "p50", "median", "p90",
    "p95", "p99", NULL };
static const enum statistic slo_stat_of[] = { ST_MEAN, ST_MEDIAN, ST_MEDIAN,
    ST_P90, ST_P95, ST_P99 };

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
	"yaml", "dataset", "csvjson", "metrics", "range", NULL };
static const char *const models[] = { "linear", "queue", NULL };
/*
 * queue-analysis tags whose analysis (pkg/analyzer, pkg/queue) is one of
 * the two models: v0.4.0 and v0.6.0 have the same (v0.5.0's limited
 * prefill was reverted), v0.7.0 and v0.8.0 too (v0.8.0 adds only the
 * optimal-concurrency search). Each maps to the model it computes.
 */
static const char *const qversions[] = { "0.4", "0.6", "0.7", "0.8", NULL };
static const enum qversion qmodel_of[] = { QV_0_6, QV_0_6, QV_0_7, QV_0_7 };
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

/* --points: [-][SWEEP:]NAME items (points.h). */
static int
check_points(const char *arg)
{
	const char	*why = points_syntax(arg);
	char		 fmt[128];

	if (why == NULL)
		return 0;
	/* why is a constant without a "%". */
	snprintf(fmt, sizeof(fmt), "--points: \"%%s\" has %s", why);
	return usage_error(fmt, arg);
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
		o->model_set = 1;
		break;
	case O_QVERSION:
		o->queue_opt = "--queue-version";
		o->qversion_set = 1;
		if ((k = pick(arg, qversions)) == -1)
			return usage_error("--queue-version: unknown version "
			    "\"%s\"; use 0.6 (or 0.4, the same analysis) or 0.7 "
			    "(or 0.8)", arg);
		o->so.qversion = qmodel_of[k];
		o->qversion_alias = k == 0 || k == 3 ? qversions[k] : NULL;
		break;
	case O_TTFT:
		o->queue_opt = "--ttft";
		o->ttft_set = 1;
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
		o->max_tokens_set = 1;
		if (num_long(arg, 1, 100000000L, &o->so.max_tokens) == -1)
			return usage_error("--max-num-tokens: \"%s\" is not a "
			    "whole number from 1 to 100000000", arg);
		break;
	case O_MAX_QUEUE:
		if (num_long(arg, 0, BATCH_LIMIT, &o->so.max_queue) == -1)
			return usage_error("--max-queue: \"%s\" is not a whole "
			    "number from 0 to 1000000", arg);
		break;
	case O_AS:
		if (strcmp(arg, "model-trainer") != 0)
			return usage_error("--as: unknown preset \"%s\"; use "
			    "model-trainer", arg);
		o->so.preset = "model-trainer";
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

/* --window, --interval, --itl, --min-requests: metrics inputs. */
static int
metrics_option(int c, const char *arg, struct opts *o)
{
	static const char *const itls[] = { "step", "request", NULL };
	long	n;
	int	k;

	switch (c) {
	case O_WINDOW:
	case O_INTERVAL:
		if (parse_positive(arg, c == O_WINDOW ? &o->mo.window :
		    &o->mo.interval) == -1 || (c == O_WINDOW ? o->mo.window :
		    o->mo.interval) > 86400)
			return usage_error(c == O_WINDOW ? "--window: \"%s\" is "
			    "not a plain decimal of seconds above 0 and up to "
			    "86400" : "--interval: \"%s\" is not a plain "
			    "decimal of seconds above 0 and up to 86400", arg);
		break;
	case O_ITL:
		if ((k = pick(arg, itls)) == -1)
			return usage_error("--itl: unknown metric \"%s\"; use "
			    "step or request", arg);
		o->mo.itl_request = k == 1;
		break;
	case O_MIN_REQUESTS:
		if (num_long(arg, 0, 1000000000L, &n) == -1)
			return usage_error("--min-requests: \"%s\" is not a "
			    "whole number from 0 to 1000000000", arg);
		o->mo.min_requests = (double)n;
		break;
	case O_PRINT_QUERIES:
		o->print_queries = 1;
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
		if (num_long(arg, 1, BATCH_LIMIT, &o->oo.acc_count) == -1)
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
	case O_SLO_STAT:
		o->plan_opts = 1;
		if ((k = pick(arg, slo_stats)) == -1)
			return usage_error("--slo-stat: unknown statistic \"%s\"; "
			    "use mean, p50, p90, p95 or p99", arg);
		o->po.stat = slo_stat_of[k];
		o->po.stat_set = 1;
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
			    "\"%s\"; use auto, log, json, csv, html, yaml, "
			    "dataset, csvjson, metrics or range", arg);
		o->input = (enum input_kind)k;
		break;
	case O_WINDOW:
	case O_INTERVAL:
	case O_ITL:
	case O_MIN_REQUESTS:
	case O_PRINT_QUERIES:
		return metrics_option(c, arg, o);
	default:
		return queue_option(c, arg, o);
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
	ms_defaults(&o->mo);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":b:hi:o:qVx", longopts,
	    NULL)) != -1) {
		if (c == 'h') {
			usage_help();
			return 1;
		}
		if (c == O_LIST) {
			usage_formats();
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
	if (o->print_queries) {
		print_queries(&o->mo);
		return 1;
	}
	o->inputs = argv + optind;
	o->ninputs = argc - optind;
	/* With --params, inputs are read only when named. */
	o->planning = o->ninputs == 0 && o->so.params.given != 0;
	if (o->ninputs == 0) {
		o->inputs = stdin_only;
		o->ninputs = 1;
		o->stdin_default = !o->planning;
	}
	return opts_check(o);
}
