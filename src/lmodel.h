/*
 * lmodel.h: the linear model of WVA's 2025 analyzer
 * (llm-d-incubation/workload-variant-autoscaler, pkg/analyzer and
 * pkg/core/allocation.go as of 2025-10), the model the seed guide's
 * parameters fed:
 *
 *	prefill(n) = gamma + delta * in * n	(0 when in = 0)
 *	decode(n)  = alpha + beta * n		(one output token's time)
 *	tau(n)     = prefill(n) + (out - 1) decode(n)	(one decode when
 *			in = 0 and out = 1)
 *	mu(n)      = n / tau(n),  n = 1..max batch
 *
 * solved as the same state-dependent queue as the queueing model (states
 * 0..max batch + max queue; WVA sizes the queue at 10 x max batch). From
 * the chain's mean time in service S it takes the effective concurrency
 * c, the n with prefill(n) + (out-1) decode(n) = S, clamped to
 * 0..max batch, and reports
 *
 *	TTFT = W + prefill(c)		ITL = decode(c)
 *
 * (TTFT here has no first decode in it, unlike the queueing model's.)
 * At zero load c = 1: TTFT = gamma + delta * in, ITL = alpha + beta.
 *
 * Precision is the Go code's: float for parameters, tokens, rates and
 * results, double for the chain (the chain is qmodel's). Token counts are
 * ints in WVA; here they may carry decimals (129.1 prompt tokens).
 *
 * lmodel_eval fills struct qperf (prefill = prefill(c), batch = X, the
 * mean number in service; *conc = c when conc is not NULL) and returns
 * 0, or -1 when lmodel_check finds the inputs outside the model's domain
 * or a result is not finite.
 */
#ifndef LMODEL_H
#define LMODEL_H

#include "qmodel.h"

struct lparams {
	double	alpha, beta;	/* decode: ms, ms per request in the batch */
	double	gamma, delta;	/* prefill: ms, ms per prompt token per request */
};

struct lserver {
	int	max_batch;	/* N */
	int	max_queue;	/* WVA: LM_QUEUE_RATIO x N */
};

#define LM_QUEUE_RATIO	10	/* WVA's config.MaxQueueToBatchRatio */

int	lmodel_eval(const struct lparams *, const struct lserver *,
	    const struct qshape *, double rate_rps, struct qperf *,
	    double *conc);

/* NULL if lmodel_eval accepts these inputs, else why not (a constant). */
const char *lmodel_check(const struct lparams *, const struct lserver *,
	    const struct qshape *);

/* mu(n) in req/s for n = 1..max batch, as qmodel_rates. 0 or -1. */
int	lmodel_rates(const struct lparams *, const struct lserver *,
	    const struct qshape *, double *mu);

#endif
