/*
 * solve.h: WVA's performance parameters from the benchmarks found.
 *
 * Two-point method of the WVA guide: the low benchmark (synchronous)
 * is batch size 1, the high one (throughput) is the max batch size B.
 *
 *	beta  = (ITL_high - ITL_low) / (B - 1)		alpha = ITL_low - beta
 *	delta = (TTFT_high - TTFT_low) / (inputTokens * (B - 1))
 *	gamma = TTFT_low - delta * inputTokens
 *
 * Takes the benchmark set and the options; fills struct fit or an error.
 * Doubtful data (errored requests, an unsaturated server, a negative
 * slope) is reported through the warning callback.
 */
#ifndef SOLVE_H
#define SOLVE_H

#include "bench.h"
#include "wi.h"

struct solve_opts {
	const char	*low;		/* benchmark name taken as batch 1 */
	const char	*high;		/* benchmark name taken as batch B */
	long		 max_batch;	/* 0: the high run's measured concurrency */
	double		 input_tokens;	/* 0: the high run's prompt tokens/request */
	const char	*inputs;	/* "a.log, b.log", for messages */
};

struct fit {
	const struct bench *low, *high;
	long		 max_batch;
	int		 max_batch_measured;
	double		 input_tokens;
	int		 input_tokens_measured;
	int		 have_prefill;	/* gamma and delta were computed */
	double		 alpha, beta, gamma, delta;
};

int	solve_two_point(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);

#endif
