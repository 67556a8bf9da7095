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
 * it took. plan_num gives a value of the sizing as its float prints
 * (the model computes in float, as the Go code): 53.5641 for 53.5640983581543.
 */
#ifndef PLAN_H
#define PLAN_H

#include "capacity.h"
#include "fit.h"

struct plan_opts {
	struct slo	 slo;		/* --slo-ttft, --slo-itl; 0: none */
	double		 rate;		/* --rate: total req/s; 0: none */
	double		 in_tokens;	/* --in-tokens; 0: the fit's */
	double		 out_tokens;	/* --out-tokens; 0: the fit's */
};

enum shape_from { SHAPE_OPTION, SHAPE_HIGH, SHAPE_POINTS };

struct plan {
	int		 sized;		/* targets given: cap holds the sizing */
	int		 given;		/* from --params alone, no fit */
	int		 batch_default;	/* -b not given (given only) */
	struct cap_model m;
	struct slo	 slo;
	struct capacity	 cap;
	enum shape_from	 in_from, out_from;
};

/* Whether the options ask for a sizing. */
int	plan_wanted(const struct plan_opts *);

int	plan_fit(const struct fit *, const struct solve_opts *,
	    const struct plan_opts *, struct plan *, const struct wi_warn *,
	    struct wi_err *);

/*
 * From --params and the server options alone (--model, -b, --max-queue,
 * --max-num-tokens, --queue-version, --in-tokens, --out-tokens, all
 * checked by options.c and optcheck.c): no logs, no fit.
 */
int	plan_params(const struct solve_opts *, const struct plan_opts *,
	    struct plan *, const struct wi_warn *, struct wi_err *);

double	plan_num(double);
const char *plan_from_name(enum shape_from);	/* "option", "high", "points" */

#endif
