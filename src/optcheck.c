/*
 * optcheck.c: the checks of options that do not go together, once all
 * are read: the options and formats of one model that the other has
 * not, --params with no file, -x, --acc, --model-name; before them, what
 * --as sets where no option did.
 */
#include <stdio.h>
#include <string.h>

#include "lineio.h"
#include "options.h"

/* The options and formats of one model that the other has not. */
static int
model_options(const struct opts *o)
{
	const struct fit_params *p = &o->so.params;
	const unsigned abg = PARAM_ALPHA | PARAM_BETA | PARAM_GAMMA;

	if (o->so.model == MODEL_LINEAR) {
		/* Three parameters are the queueing model's, not a short list. */
		if (!o->model_set && p->given == abg)
			return usage_error("--params: alpha, beta and gamma with "
			    "no delta are the queueing model's: did you mean "
			    "--model queue?%s", "");
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
	if (o->linear_opt != NULL && strcmp(o->linear_opt, "-i") == 0)
		return usage_error("-i (--input-tokens) is the prompt tokens "
		    "the linear model's delta is fitted for: it does not go "
		    "with --model queue; to size for a prompt length, give "
		    "--in-tokens%s", "");
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


/*
 * --as model-trainer: llm-inferno model-trainer's settings (its exp1
 * results: queue-analysis v0.6.0, the first 7 rows but throughput, the
 * TTFT median, max batch 256, max queue = max batch, 8192 tokens), each
 * where the command line does not set it; preset_note says which.
 */
static int
as_model_trainer(struct opts *o)
{
	static const char *const said[] = { "--model queue",
	    "--queue-version 0.6", "--ttft median", "-b 256",
	    "--max-queue as -b", "--max-num-tokens 8192",
	    "the first 7 benchmarks but throughput" };
	int	 given[7];
	size_t	 i, len, head;

	if (o->model_set && o->so.model != MODEL_QUEUE)
		return usage_error("--as model-trainer fits the queueing model: "
		    "--model %s does not go with it", "linear");
	given[0] = o->model_set;
	given[1] = o->qversion_set;
	given[2] = o->ttft_set;
	given[3] = o->batch_arg != NULL;
	given[4] = o->so.max_queue >= 0;
	given[5] = o->max_tokens_set;
	given[6] = o->so.points != NULL;
	o->so.model = MODEL_QUEUE;
	o->fit_opts = 1;
	if (!o->qversion_set)
		o->so.qversion = QV_0_6;
	if (!o->ttft_set)
		o->so.ttft_stat = ST_MEDIAN;
	if (o->batch_arg == NULL)
		o->batch_arg = "256";
	if (o->so.points == NULL)
		o->so.max_points = 7;
	head = len = (size_t)snprintf(o->preset_note, sizeof(o->preset_note),
	    "--as model-trainer:");
	for (i = 0; i < sizeof(said) / sizeof(said[0]); i++)
		if (!given[i] && len < sizeof(o->preset_note))
			len += (size_t)snprintf(o->preset_note + len,
			    sizeof(o->preset_note) - len, "%s %s",
			    len > head ? "," : "", said[i]);
	return 0;
}

/* Options that do not go together. */
int
opts_check(struct opts *o)
{
	char		 names[256];
	const char	*a, *b;

	if (o->so.preset != NULL && as_model_trainer(o) == -1)
		return -1;
	if (strcmp(o->so.low, o->so.high) == 0)
		return usage_error("--low and --high both name %s", o->so.low);
	/* A second "-" would read the end of what the first read: nothing. */
	if (lr_stdin_twice(o->inputs, o->ninputs, &a, &b)) {
		if (strcmp(a, "-") == 0 && strcmp(b, "-") == 0)
			return usage_error("- (standard input) is named twice; "
			    "it can be read only once%s", "");
		snprintf(names, sizeof(names), "%s and %s both name standard "
		    "input; it can be read only once", a, b);
		return usage_error("%s", names);
	}
	if (o->extract && !(o->format->flags & OUT_EXTRACT)) {
		out_names(names, sizeof(names), ", ", " or ", OUT_EXTRACT);
		fprintf(stderr, PROG ": -x prints %s, not %s (see " PROG
		    " --help)\n", names, o->format->name);
		return -1;
	}
	if (o->extract && o->fit_opts)
		return usage_error("-x fits nothing: -b, -i, --fit, --low, "
		    "--high, --model and its options, --as, --params and "
		    "--results-dir do not go with it%s", "");
	if (o->batch_arg != NULL && (!num_plain(o->batch_arg, 0) ||
	    num_long(o->batch_arg, o->so.model == MODEL_QUEUE ? 1 : 2,
	    BATCH_LIMIT, &o->so.max_batch) == -1))
		return usage_error(o->so.model == MODEL_QUEUE ?
		    "-b: \"%s\" is not a whole number from 1 to 1000000" :
		    "-b: \"%s\" is not a whole number from 2 to 1000000",
		    o->batch_arg);
	if (model_options(o) == -1)
		return -1;
	if (o->extract && o->plan_opts)
		return usage_error("-x fits nothing: --slo-ttft, --slo-itl, "
		    "--slo-stat, --rate, --in-tokens and --out-tokens do not "
		    "go with it%s", "");
	if (planning_options(o) == -1)
		return -1;
	if (!plan_wanted(&o->po) && !o->planning && (o->po.rate > 0 ||
	    o->po.in_tokens > 0 || o->po.out_tokens > 0 || o->po.stat_set))
		return usage_error("--rate, --in-tokens, --out-tokens and "
		    "--slo-stat size a replica: give --slo-ttft or --slo-itl "
		    "too%s", o->po.in_tokens > 0 && o->so.model ==
		    MODEL_LINEAR ? " (the prompt tokens delta is fitted for "
		    "are -i, --input-tokens)" : "");
	if (o->planning && o->po.stat != ST_MEAN)
		return usage_error("--slo-stat %s is answered from measured "
		    "points: --params with no file has none", stat_name(
		    o->po.stat));
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

