/*
 * in_csv05.h: lay out a guidellm 0.5 CSV row that is longer than its
 * header.
 *
 * guidellm 0.5 takes the CSV header from the first benchmark only, and
 * writes, for every metric, a block per request status whose values do
 * not sum to 0: successful, then incomplete, then errored (guidellm
 * 0.5.3, benchmark/outputs/csv.py). A row of a benchmark with
 * incomplete or errored requests is longer than the header and
 * shifted. Its grammar from the first statistics column on:
 *
 *	row	= prefix block{k} rest
 *	block	= mean "," median "," stddev "," "[" min "," p001 "," ...
 *		  "," p99 "," max "]"
 *	metric	= S-block [I-block] [E-block]	(I only if incomplete > 0,
 *						 E only if errored > 0)
 *	blocks	= Request Latency, Streaming Iterations, TTFT, TPOT, ITL,
 *		  Requests/Sec, Concurrency, Input, Output, Total Tokens,
 *		  Input, Output, Total Tokens/Sec, Output, Iter Tokens/Iter,
 *		  then modality metrics (text tokens, words, ...)
 *
 * Every way to share the blocks out by that rule is tried. A layout
 * must fit the shape of each block (counts are integers; a status with
 * n requests has at most n distinct percentiles and at most n in flight
 * at once; a successful latency or count is above 0), the identities
 * between the successful means (TPOT * output tokens = latency; ITL *
 * (output tokens - 1) = latency - TTFT; requests/s = successful /
 * duration; concurrency = requests/s * latency; tokens/s = requests/s *
 * tokens), and guidellm's arithmetic between the blocks of each status
 * (schemas/statistics.py, benchmark/schemas/generative/metrics.py):
 * total tokens = input + output for every status, so the total has a
 * block where either has one; TPOT (weighed by output tokens), the
 * output token rate and the output tokens per iteration have blocks
 * for the same statuses as the output tokens; the input token rate as
 * the input tokens; the total token rate where either rate has one
 * (bar a status of one request, whose one event makes no rate). The
 * row is read only if exactly one placement of the statistics wva-itl
 * reads remains.
 */
#ifndef IN_CSV05_H
#define IN_CSV05_H

#include "bench.h"
#include "csv.h"

/*
 * Row v, its first statistics column at blk0 and its number of metrics
 * (both from the header: the modality metrics after the 15 above are
 * those of the first benchmark), the request counts and duration
 * already in b: fills b's statistics, or returns -1 with the reason in
 * why. Every block of the row must be placed.
 */
int	csv05_layout(const struct csv *v, size_t blk0, size_t nmetric,
	    struct bench *b, char *why, size_t whysz);

#endif
