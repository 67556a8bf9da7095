/*
 * qmodel.h: the queueing model of llm-inferno/queue-analysis (pkg/analyzer,
 * tags v0.6.0 and v0.7.0), which WVA's queue-model analyzer and the
 * llm-inferno tools use: a server with three parameters
 *
 *	alpha	ms per iteration
 *	beta	ms per computed token
 *	gamma	ms per token of KV cache read per iteration
 *
 * serving requests of n prompt and m output tokens (means), seen as a
 * birth-death chain on 0..K (K = max batch + max queue) whose service
 * rate in state i is mu(min(i, max batch)). The equations of both
 * versions are in qmodel.c; ../shared/formats/qmodel.md has them too.
 *
 * Precision is the Go code's: parameters, token counts, the rate, the
 * service rates and every result are float (Go's float32), the chain is
 * double, and the build turns off fused multiply-add, so the results
 * agree with the Go analyzer on x86-64 to the last bit or nearly. The
 * double arguments are rounded to float on the way in, as Go's callers
 * do (model-trainer passes float32(x)).
 *
 * qmodel_eval returns 0 and fills struct qperf, or -1 without touching it
 * when:
 *	- an input is outside the model's domain (qmodel_check says which):
 *	  a parameter negative or not finite, prompt tokens < 0 or output
 *	  tokens < 1 or not finite, rate <= 0 or not finite, max batch < 1,
 *	  max queue < 0, max tokens < 0 (0 means 8192, as Go), or a chain of
 *	  fewer than two states (Go's analyzer rejects K <= 1);
 *	- v0.7 needs more prefill chunks than QM_MAX_CHUNKS (a prompt far
 *	  longer than the token budget per iteration);
 *	- a service rate is zero or NaN (parameters so large that a
 *	  request's time overflows a float; Go would loop forever), or a
 *	  result is not finite (Go returns Inf or NaN): at rates some 1e7
 *	  times what the server completes, float 1 - p(K) rounds to 0;
 *	- memory runs out (errno is ENOMEM then).
 * Valid inputs never fail otherwise: the chain is finite, so any rate,
 * also far beyond capacity, has a stationary solution (throughput then
 * saturates and thr < rate). Beyond capacity the float 1 - p(K) of Go
 * costs digits: at 1000 times capacity thr, S and W keep about four.
 */
#ifndef QMODEL_H
#define QMODEL_H

enum qversion { QV_0_6, QV_0_7 };

struct qserver {
	int		 max_batch;	/* vLLM --max-num-seqs */
	int		 max_tokens;	/* --max-num-batched-tokens; 0: 8192 */
	int		 max_queue;	/* waiting room; model-trainer: max_batch */
	enum qversion	 version;
};

struct qshape {
	double	in_tokens, out_tokens;	/* mean prompt/output tokens per request */
};

struct qparams {
	double	alpha, beta, gamma;
};

/* The model at one arrival rate. */
struct qperf {
	double	ttft, itl;	/* ms */
	double	wait, prefill;	/* ms */
	double	service;	/* S, ms: time in service */
	double	batch;		/* X, mean number in service */
	double	nsys;		/* N, mean number in system */
	double	thr;		/* throughput, req/s (< rate when saturated) */
};

#define QM_DEFAULT_TOKENS	8192
#define QM_MAX_CHUNKS		1000000	/* v0.7 prefill chunks per request */
#define QM_MAX_STATES		4000000	/* K + 1: 32 MB of chain */

int	qmodel_eval(const struct qparams *, const struct qserver *,
	    const struct qshape *, double rate_rps, struct qperf *);

/* NULL if qmodel_eval accepts these inputs, else why not (a constant). */
const char *qmodel_check(const struct qparams *, const struct qserver *,
	    const struct qshape *, double rate_rps);

/*
 * The state-dependent service rates in req/s: mu[B-1] for batch size
 * B = 1..max_batch (the array holds max_batch values). mu[max_batch-1]
 * is the most the server completes, the rate at which the queue
 * saturates. 0 or -1 as qmodel_eval (the rate is not checked).
 */
int	qmodel_rates(const struct qparams *, const struct qserver *,
	    const struct qshape *, double *mu);

/*
 * v0.7's prefill chunks per request at batch size B (1..max_batch), the
 * table the model reads X off; 1 for v0.6. -1 on bad input.
 */
int	qmodel_chunks(const struct qserver *, const struct qshape *, int b);

/*
 * The chain alone, for lmodel.c (another model, the same queue):
 * service rates mu[0..bmax-1] per ms, states 0..k (k >= 1), p room for
 * k + 1 doubles, lambda per ms. Gives the mean number in service and in
 * system and the throughput per ms, in Go's float32. -1 if the products
 * overflow beyond rescaling.
 */
int	qmodel_chain(const float *mu, int bmax, int k, float lambda,
	    double *p, float *x, float *nsys, float *thr);

#endif
