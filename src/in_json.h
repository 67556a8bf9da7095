/*
 * in_json.h: benchmark reports in JSON.
 *
 * guidellm's report (--output-path / --outputs json) of every schema:
 * 0.2/0.3 (benchmarks[i].args.strategy), 0.4-0.6 (config.strategy,
 * metrics.request_totals), 0.7 (metadata.version 2). Every statistic is
 * benchmarks[i].metrics.NAME.successful.{mean,median,percentiles.pNN},
 * unrounded. And vLLM's --save-result: one object per run, or one per
 * line with --append-result, with mean_itl_ms, max_concurrency, ...
 *
 * Takes the raw bytes of one input (read through jstream, in bounded
 * memory) and adds one struct bench per benchmark or run to the set.
 */
#ifndef RJSON_H
#define RJSON_H

#include "bench.h"
#include "jstream.h"
#include "lineio.h"
#include "wi.h"

int	rjson_read(struct lr *, struct benchset *, const struct wi_warn *,
	    struct wi_err *);

/*
 * The same mapping for a document in another notation (YAML): drive()
 * reads the input and calls the sink as jstream does, a top-level
 * member or a benchmark at a time.
 */
int	rjson_drive(struct lr *, int (*drive)(struct lr *,
	    const struct js_sink *, struct wi_err *), struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
