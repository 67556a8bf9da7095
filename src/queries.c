/*
 * queries.c: --print-queries, the PromQL that exports from Prometheus
 * what wva-itl reads (query_range of the raw counters: one query, so
 * that every series has the same times), then the rate queries of
 * WVA's queueing-model analyzer and their equivalent over --window, to
 * compare what each sees. Part of the front end: it prints.
 */
#include <stdio.h>

#include "options.h"

/* The histograms the fit reads, by --itl. */
static void
families(const struct mopts *o)
{
	printf("request_success_total|"
	    "time_to_first_token_seconds_(sum|count)|%s|"
	    "e2e_request_latency_seconds_(sum|count)|"
	    "request_prompt_tokens_(sum|count)|"
	    "request_generation_tokens_(sum|count)|"
	    "num_requests_running|num_requests_waiting",
	    o->itl_request ? "request_time_per_output_token_seconds_(sum|count)" :
	    "inter_token_latency_seconds_(sum|count)|"
	    "time_per_output_token_seconds_(sum|count)");
}

/* rate(sum[w]) / rate(count[w]) of a histogram, per series (WVA's). */
static void
mean(const char *by, const char *h, const char *w)
{
	printf("%s (rate(vllm:%s_sum[%s]) / rate(vllm:%s_count[%s]))\n", by, h,
	    w, h, w);
}

/* The same of a pod's series summed (its engines), as wva-itl takes it. */
static void
pod_mean(const char *h, const char *w)
{
	printf("sum by (pod) (rate(vllm:%s_sum[%s])) / sum by (pod) "
	    "(rate(vllm:%s_count[%s]))\n", h, w, h, w);
}

void
print_queries(const struct mopts *o)
{
	const char	*itl = o->itl_request ?
	    "request_time_per_output_token_seconds" :
	    "inter_token_latency_seconds";
	char		 w[32];

	snprintf(w, sizeof(w), "%.0fs", o->window);
	printf("# Export: one query_range of the raw counters, every series at "
	    "the same\n# times; a step of 15s to 1m (at most 11000 points a "
	    "series). Narrow it\n# with namespace=\"NS\" inside the braces. "
	    "For example:\n"
	    "#   curl -sG http://prometheus:9090/api/v1/query_range \\\n"
	    "#     --data-urlencode query=\"$(wva-itl --print-queries | "
	    "grep -m 1 -v '^#')\" \\\n"
	    "#     --data-urlencode start=2026-12-01T00:00:00Z \\\n"
	    "#     --data-urlencode end=2026-12-02T00:00:00Z \\\n"
	    "#     --data-urlencode step=15s > export.json\n"
	    "#   wva-itl --model queue export.json\n");
	printf("{__name__=~\"vllm:(");
	families(o);
	printf(")|inference_extension_scheduler_attempts_total\"}\n");
	printf("# WVA's queueing-model analyzer, for comparison (TTFT and ITL "
	    "in seconds\n# over 1m, tokens per request over 5m, arrivals over "
	    "1m, per pod):\n");
	mean("max by (model_name, instance, pod)",
	    "time_to_first_token_seconds", "1m");
	mean("max by (model_name, instance, pod)", itl, "1m");
	mean("max by (pod)", "request_prompt_tokens", "5m");
	mean("max by (pod)", "request_generation_tokens", "5m");
	printf("sum by (pod_name) (rate(inference_extension_scheduler_attempts_"
	    "total{status=\"success\"}[1m]))\n");
	printf("# What wva-itl takes from each window of --window %s, per pod "
	    "(it sums a\n# pod's engines and leaves out aborted requests):\n",
	    w);
	printf("sum by (pod) (rate(vllm:request_success_total{finished_reason!~"
	    "\"abort|error\"}[%s]))\n", w);
	pod_mean("time_to_first_token_seconds", w);
	pod_mean(itl, w);
	pod_mean("request_prompt_tokens", w);
	pod_mean("request_generation_tokens", w);
	printf("sum by (pod) (avg_over_time(vllm:num_requests_running[%s]))\n",
	    w);
}
