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
 * Least squares (--fit lsq): ITL regressed on the measured concurrency of
 * every usable benchmark, TTFT on inputTokens * concurrency, with R^2 and
 * the residual of each point.
 *
 * Takes the benchmark set and the options; fills struct fit (free it
 * with fit_free) or an error. Doubtful data (errored requests, an
 * unsaturated server, a negative slope, a poor fit, a point far off the
 * line) is reported as warnings, the choices made as notes.
 */
#ifndef SOLVE_H
#define SOLVE_H

#include "bench.h"
#include "wi.h"

enum fit_method { FIT_TWO_POINT, FIT_LSQ };

struct solve_opts {
	enum fit_method	 method;
	const char	*low;		/* benchmark name taken as batch 1 */
	const char	*high;		/* benchmark name taken as batch B */
	int		 low_set, high_set;	/* given on the command line */
	long		 max_batch;	/* 0: from the high benchmark */
	double		 input_tokens;	/* 0: the high run's prompt tokens/request */
	const char	*inputs;	/* "a.log, b.log", for messages */
};

/* Below this share of the max batch size the server was not saturated. */
#define SATURATED	0.9
#define BATCH_LIMIT	1000000L	/* the largest max batch size */

enum batch_from { BATCH_OPTION, BATCH_MEASURED, BATCH_MAX_CONC,
	BATCH_POINTS };

/* One benchmark used by a fit, and how far it lies off the fitted line. */
struct fit_point {
	const struct bench *b;
	double		 batch;		/* x of the ITL fit */
	double		 itl, itl_resid;
	int		 has_ttft;
	double		 tokens;	/* prompt tokens per request used */
	double		 ttft, ttft_resid;
};

struct fit {
	enum fit_method	 method;
	struct fit_point *pts;
	size_t		 npts;
	double		 r2_itl, r2_ttft;	/* least squares only */
	const struct bench *low, *high;
	long		 max_batch;
	enum batch_from	 max_batch_from;
	double		 input_tokens;
	int		 input_tokens_measured;
	enum statistic	 itl_stat;	/* ST_MEAN, or ST_MEDIAN */
	enum statistic	 ttft_stat;
	int		 have_prefill;	/* gamma and delta were computed */
	double		 alpha, beta, gamma, delta;
};

int	solve(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);
void	fit_free(struct fit *);

/* Shared by the two methods (solve.c), used by fit_lsq.c. */
int	solve_lsq(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);
int	fit_finish(struct fit *, const struct wi_warn *, struct wi_err *);
int	fit_batch(struct fit *, double, enum batch_from, struct wi_err *);

#endif
