/*
 * usage.c: what the command line says back: the --help text (its list
 * of formats from out_formats[]), --list-formats, and usage errors, one
 * line each, pointing at --help.
 */
#include <stdio.h>

#include "options.h"

/* The list of formats (%s) comes from out_formats[]. */
static const char usage_text[] =
"usage: wva-itl [-qx] [-b N] [-i N] [-o FORMAT] [--strict]\n"
"               [--model linear|queue] [--as model-trainer]\n"
"               [--fit two-point|lsq] [--low NAME] [--high NAME]\n"
"               [--queue-version 0.6|0.7] [--ttft mean|median]\n"
"               [--points [-][SWEEP:]NAME,...]\n"
"               [--params alpha=A,beta=B,gamma=G[,delta=D]]\n"
"               [--max-num-tokens N] [--max-queue N] [--model-name NAME]\n"
"               [--acc NAME] [--acc-count N]\n"
"               [--env-prefix PREFIX] [--input-format FORMAT]\n"
"               [--results-dir DIR] [--slo-ttft MS] [--slo-itl MS]\n"
"               [--slo-stat mean|p50|p90|p95|p99] [--rate RPS]\n"
"               [--in-tokens N] [--out-tokens N]\n"
"               [--window S] [--interval S] [--itl step|request]\n"
"               [--min-requests N] [--print-queries] [file ...]\n"
"\n"
"Reads benchmark results (guidellm console logs as oc logs prints them,\n"
"guidellm JSON and CSV reports, vLLM bench serve output and JSON) or a\n"
"vLLM server's own metrics (/metrics snapshots, Prometheus query_range\n"
"JSON) and prints WVA's decode parameters alpha, beta (ITL = alpha +\n"
"beta * batch) and prefill parameters gamma, delta (TTFT = gamma + delta\n"
"* inputTokens * batch). With --model queue, fits alpha, beta, gamma of\n"
"the queueing model of WVA's queue analyzer and llm-inferno\n"
"(queue-analysis v0.7).\n"
"With no file, or with -, reads standard input.\n"
"\n"
"  -b, --max-batch N      max batch size, vLLM --max-num-seqs (default: the\n"
"                         high run's measured concurrency, or the cap of a\n"
"                         vLLM run, rounded; lsq: the highest of the points;\n"
"                         --model queue: 256, vLLM's default)\n"
"  -i, --input-tokens N   prompt tokens per request the fit's delta is for\n"
"                         (default: the high run's measured; a sizing's\n"
"                         are --in-tokens)\n"
"  -o, --output FORMAT    %s\n"
"  -x, --extract          print the benchmarks found, fit nothing\n"
"      --model MODEL      linear (default: the two parameter pairs above)\n"
"                         or queue (the queueing model)\n"
"      --as model-trainer --model queue with llm-inferno model-trainer's\n"
"                         settings, where no option sets them: queue\n"
"                         version 0.6, the first 7 benchmarks but\n"
"                         throughput, median TTFT, -b 256, max queue = -b,\n"
"                         8192 tokens\n"
"      --fit METHOD       two-point (default) or lsq: least squares over\n"
"                         every benchmark, with R^2 and residuals\n"
"      --low NAME         benchmark at batch size 1 (default synchronous,\n"
"                         else a run capped at concurrency 1)\n"
"      --high NAME        benchmark at the max batch size (default\n"
"                         throughput, else the run with the highest cap)\n"
"      --queue-version V  0.7 (default: queue-analysis v0.7.0; 0.8 is the\n"
"                         same) or 0.6 (v0.6.0, which model-trainer's\n"
"                         published fits used; 0.4 is the same)\n"
"      --ttft STAT        median (default, as model-trainer) or mean TTFT\n"
"                         for --model queue\n"
"      --points ITEMS     fit these benchmarks, comma-separated (default:\n"
"                         all but throughput; name throughput to use it);\n"
"                         -NAME leaves one out, SWEEP:NAME names one sweep's\n"
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
"                         html, yaml, csvjson (guidellm CSV rows as a JSON\n"
"                         array, model-trainer's inputs), dataset\n"
"                         (model-trainer's DataSet), metrics (/metrics\n"
"                         text) or range (query_range)\n"
"      --results-dir DIR  also write alpha, beta, gamma, delta (--model\n"
"                         queue: loss) and maxBatchSize to files in DIR\n"
"                         (Tekton results)\n"
"      --slo-ttft MS      size a replica: the largest arrival rate at which\n"
"                         the model's mean TTFT stays within MS\n"
"      --slo-itl MS       ... and its mean ITL within MS (either or both)\n"
"      --slo-stat STAT    the statistic the targets bound: mean (default,\n"
"                         the model's) or p50, p90, p95, p99 (answered from\n"
"                         the measured points; the model bounds it above)\n"
"      --rate RPS         total load: also the replicas it needs, ceil(RPS\n"
"                         / max rate), and the load each carries\n"
"      --in-tokens N      prompt tokens per request to size for (default:\n"
"                         the high run's; lsq: the mean of the points;\n"
"                         the fit's are -i, --input-tokens)\n"
"      --out-tokens N     output tokens per request to size for (idem)\n"
"      --window S         metrics: seconds a window spans (default 60, as\n"
"                         WVA's 1m rates)\n"
"      --interval S       metrics: seconds between snapshots that carry no\n"
"                         time; also the spacing a gap is judged by\n"
"      --itl KIND         metrics: step (default, as WVA: the per-step\n"
"                         inter_token_latency) or request (the per-request\n"
"                         request_time_per_output_token)\n"
"      --min-requests N   metrics: completions a window needs (default 10)\n"
"      --print-queries    print the PromQL to export the metrics read, and\n"
"                         WVA's queries beside them, and exit\n"
"      --strict           treat warnings as errors\n"
"  -q, --quiet            print no notes\n"
"  -h, --help             print this help and exit\n"
"      --list-formats     print the output formats, one a line, and exit\n"
"  -V, --version          print the version and exit\n"
"\n"
"Exit status: 0 success; 1 the input lacks what is needed or is malformed\n"
"(or a warning under --strict); 2 usage error; 3 system error (cannot\n"
"open, read or write).\n";

int
usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, PROG ": ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, " (see " PROG " --help)\n");
	return -1;
}


/* The formats for --help, wrapped to the column of the option texts. */
void
usage_help(void)
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
void
usage_formats(void)
{
	const struct out_format *f;

	for (f = out_formats; f->name != NULL; f++)
		printf("%s%s%s%s%s\n", f->name,
		    f->flags & OUT_EXTRACT ? " -x" : "",
		    f->flags & OUT_ACC ? " --acc" : "",
		    f->flags & OUT_NAME ? " --model-name" : "",
		    f->flags & OUT_QUEUE ? " --model queue" : "");
}

