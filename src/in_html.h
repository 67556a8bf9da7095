/*
 * in_html.h: guidellm's HTML report (benchmarks.html, 0.4 and later).
 *
 * The page carries its data as JavaScript assignments in its head:
 *
 *	page	= ... "window." name ws "=" ws value ";" ... (for each name)
 *	name	= "runInfo" | "workloadDetails" | "benchmarks"
 *	value	= a JSON object or array (json.dumps, indent 2)
 *
 * Those three are passed to jstream as the members of one object, the
 * rest of the page is skipped (its newlines are kept, so lines count
 * right). Per benchmark the page has requestsPerSecond, itl, ttft,
 * timePerRequest (request latency) and throughput (output tokens/s) of
 * the successful requests, each with mean, median, min, max, count and
 * percentiles; no strategy, concurrency or token counts. Strategies are
 * told from workloadDetails.rateType (that of the first benchmark): a
 * synchronous one followed by others is a sweep (synchronous,
 * throughput, then constant rates); otherwise every benchmark is of
 * that type. Names are ranked like the 0.4+ CSV's (constant#2). Tokens
 * per request are workloadDetails' prompt and generation means, over
 * all the benchmarks of the run.
 */
#ifndef IN_HTML_H
#define IN_HTML_H

#include "bench.h"
#include "lineio.h"
#include "wi.h"

int	rhtml_read(struct lr *, unsigned long ranks[S_OTHER + 1],
	    struct benchset *, const struct wi_warn *, struct wi_err *);
int	rhtml_sniff(const char *p, size_t n);	/* an HTML page */

#endif
