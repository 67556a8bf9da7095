/*
 * plan.h: capacity planning on a fit (issue 12). Takes a fit of either
 * model and the planning options; builds the model capacity.c sizes
 * (parameters, server, token shape) and sizes it under the targets.
 *
 *	server	linear: max batch = the fit's, queue = --max-queue, else
 *		LM_QUEUE_RATIO x max batch (WVA 2025); queue: the fit's
 *		(-b, default 256; --max-num-tokens; --max-queue, default
 *		max batch; --queue-version)
 *	tokens	--in-tokens, --out-tokens; else the fit's own: two-point,
 *		the high run's prompt and output tokens per request; least
 *		squares and the queueing model, the mean over the points
 *
 * plan_fit fills struct plan (no allocations in it) or an error: the
 * core's message for an unreachable target, WI_EINPUT for a fit without
 * the tokens or parameters sizing needs. It says on w which token shape
 * it took. The model computes in float, as the Go code: outputs print
 * its values with float's digits (fmt_f32).
 */
#ifndef PLAN_H
#define PLAN_H

#include "capacity.h"
#include "fit.h"
#include "verdict.h"

struct plan_opts {
	struct slo	 slo;		/* --slo-ttft, --slo-itl; 0: none */
	enum statistic	 stat;		/* --slo-stat: what they bound */
	int		 stat_set;
	double		 rate;		/* --rate: total req/s; 0: none */
	double		 in_tokens;	/* --in-tokens; 0: the fit's */
	double		 out_tokens;	/* --out-tokens; 0: the fit's */
};

enum shape_from { SHAPE_OPTION, SHAPE_HIGH, SHAPE_POINTS };

/*
 * The answer a user acts on. For mean targets it is the model's (cap),
 * with a QV_LEVEL interval from the queue fit's refits where there are
 * any: the max rate at each refit's parameters, jackknifed. For a
 * percentile (--slo-stat) the model, which gives means, can only bound
 * it from above: the answer is the measurements' (verdict.h), between
 * the last pass and the first miss, and without a miss at least the
 * highest pass (lower_bound).
 */
struct answer {
	int		 measured;	/* from the measurements, not cap */
	double		 rate, lo, hi;	/* lo, hi: 0 when unknown */
	int		 lower_bound;	/* rate is a measured pass, no miss */
	size_t		 reps;		/* the interval's refits (model) */
	long		 replicas;	/* for --rate, else 0 */
	long		 replicas_lo;	/* for --rate at lo, 0 if unknown */
};

struct plan {
	int		 sized;		/* targets given: cap holds the sizing */
	int		 given;		/* from --params alone, no fit */
	int		 batch_default;	/* -b not given (given only) */
	struct cap_model m;
	struct slo	 slo;
	enum statistic	 stat;		/* --slo-stat */
	struct capacity	 cap;		/* the model's, for mean targets */
	enum shape_from	 in_from, out_from;
	struct answer	 ans;		/* sized only */
	struct verdict	 meas;		/* sized from a fit only */
};

/* Whether the options ask for a sizing. */
int	plan_wanted(const struct plan_opts *);

int	plan_fit(const struct benchset *, const struct fit *,
	    const struct solve_opts *, const struct plan_opts *, struct plan *,
	    const struct wi_warn *, struct wi_err *);

/*
 * From --params and the server options alone (--model, -b, --max-queue,
 * --max-num-tokens, --queue-version, --in-tokens, --out-tokens, all
 * checked by options.c and optcheck.c): no logs, no fit.
 */
int	plan_params(const struct solve_opts *, const struct plan_opts *,
	    struct plan *, const struct wi_warn *, struct wi_err *);

const char *plan_from_name(enum shape_from);	/* "option", "high", "points" */

#endif
