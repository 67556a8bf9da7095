/*
 * capacity.h: the largest arrival rate one replica carries within TTFT
 * and ITL targets, and the replicas a total load needs, under either
 * model: the queueing model (qmodel.h) as llm-inferno/queue-analysis
 * v0.7.0's LLMQueueAnalyzer.Size computes it, or the linear model
 * (lmodel.h) as WVA's 2025 analyzer (QueueAnalyzer.Size and
 * core.CreateAllocation) does.
 *
 * The semantics are theirs:
 *	- rates are searched in the model's range, from 0.1% of the
 *	  service rate of one request, mu(1), to 99.9% of the service rate
 *	  at max batch, mu(N) (Go's Epsilon 0.001; its float32 steps);
 *	- TTFT first, then ITL, each by bisection; the answer is the
 *	  smaller of the two rates;
 *	- a target the model meets even at the top of the range is loose:
 *	  its rate is the top of the range;
 *	- a target the model misses at the bottom of the range is an error
 *	  (WI_EINPUT, naming the target and the model's value there, "at
 *	  zero load": 0.1% of one request's rate, a few 1e-5 ms above the
 *	  value at rate 0);
 *	- with a total rate, replicas = ceil(total / max rate) and each
 *	  replica carries total / replicas, so none is offered more than
 *	  the rate its targets allow.
 * Where the Go code is wrong this is not (see capacity.c): the rate
 * returned meets its targets exactly as the model evaluates them, the
 * bisection runs in the float rates the model is evaluated at (so it
 * cannot stall), and a target met everywhere on a flat curve is loose,
 * not an error. WVA's allocation divides the total by the throughput at
 * the max rate instead, max rate x (1 - p(K)) with p(K) the chance of a
 * full queue: it asks for one replica more when total / max rate falls
 * within that blocking share below a whole number (rarely with its queue
 * of 10 x max batch, more often with small queues near saturation), and
 * it then offers each replica a rate above the one its targets allow.
 *
 * A target of 0 means none. The numbers are in ms and req/s.
 */
#ifndef CAPACITY_H
#define CAPACITY_H

#include <stddef.h>

#include "lmodel.h"
#include "qmodel.h"
#include "wi.h"

enum cap_kind { CAP_LINEAR, CAP_QUEUE };

/* A model to size: the kind picks which parameters and server apply. */
struct cap_model {
	enum cap_kind	 kind;
	struct qshape	 shape;
	struct qparams	 qp;		/* CAP_QUEUE */
	struct qserver	 qs;
	struct lparams	 lp;		/* CAP_LINEAR */
	struct lserver	 ls;
};

struct slo {
	double	ttft, itl;	/* ms; 0 = no target */
};

enum binding { BIND_NONE, BIND_TTFT, BIND_ITL };

struct capacity {
	double		 max_rate;	/* req/s per replica */
	enum binding	 binding;	/* the target that sets max_rate */
	double		 ttft, itl, wait;	/* ms, at max_rate */
	double		 batch;		/* mean number in service */
	double		 thr;		/* throughput, req/s */
	double		 rate_ttft, rate_itl;	/* each target's own rate */
	double		 range_min, range_max;	/* the rates searched */
	/* With a total rate > 0, else 0: */
	double		 total_rate;
	long		 replicas;
	double		 per_replica;	/* total_rate / replicas */
	struct qperf	 at_load;	/* the model at per_replica */
};

#define CAP_MAX_REPLICAS	1000000000L

int	cap_size(const struct cap_model *, const struct slo *,
	    double total_rate, struct capacity *, struct wi_err *);

/* The model at one rate: both kinds fill the same record. */
int	cap_eval(const struct cap_model *, double rate_rps, struct qperf *,
	    struct wi_err *);

/* The range cap_size searches, in req/s. */
int	cap_range(const struct cap_model *, double *min, double *max,
	    struct wi_err *);

/*
 * n samples (n >= 2) of the model at rates evenly spaced from `from' to
 * `to' (from > 0; from = 0 starts at the bottom of the range), for a
 * plot of TTFT and ITL against the arrival rate.
 */
struct cap_sample {
	double		 rate;
	struct qperf	 perf;
};

int	cap_curve(const struct cap_model *, double from, double to, size_t n,
	    struct cap_sample *, struct wi_err *);

const char *cap_binding_name(enum binding);	/* "none", "ttft", "itl" */

#endif
