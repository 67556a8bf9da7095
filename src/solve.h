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
 * ITL and TTFT are means; where an input has no mean (guidellm 0.4 and
 * later print medians only) both points use the median instead.
 *
 * Takes the benchmark set and the options; fills struct fit or an error.
 * Doubtful data (errored requests, an unsaturated server, a negative
 * slope) is reported as warnings, the choices made as notes.
 */
#ifndef SOLVE_H
#define SOLVE_H

#include "bench.h"
#include "wi.h"

struct solve_opts {
	const char	*low;		/* benchmark name taken as batch 1 */
	const char	*high;		/* benchmark name taken as batch B */
	int		 low_set, high_set;	/* given on the command line */
	long		 max_batch;	/* 0: from the high benchmark */
	double		 input_tokens;	/* 0: the high run's prompt tokens/request */
	const char	*inputs;	/* "a.log, b.log", for messages */
};

enum batch_from { BATCH_OPTION, BATCH_MEASURED, BATCH_MAX_CONC };

struct fit {
	const struct bench *low, *high;
	long		 max_batch;
	enum batch_from	 max_batch_from;
	double		 input_tokens;
	int		 input_tokens_measured;
	enum stat	 itl_stat;	/* ST_MEAN, or ST_MEDIAN */
	enum stat	 ttft_stat;
	int		 have_prefill;	/* gamma and delta were computed */
	double		 alpha, beta, gamma, delta;
};

int	solve_two_point(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);
const char *stat_name(enum stat);

#endif
