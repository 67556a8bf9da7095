/*
 * fit.h: what every fit method fills and shares.
 *
 * A method (fit_twopoint.c, fit_lsq.c) takes the benchmark set and the
 * options and fills struct fit: the linear parameters, the points it
 * used and the choices it made (which statistic, where the max batch
 * size and the input tokens came from). fit.c holds what the methods
 * share: the one -b override of the max batch size, the concurrency of
 * a run, and the checks on the parameters once they are known.
 *
 *	solve.c -> fit_twopoint.c, fit_lsq.c -> fit.c -> bench.c
 */
#ifndef FIT_H
#define FIT_H

#include "bench.h"
#include "qfit.h"
#include "qmodel.h"
#include "qval.h"
#include "wi.h"

struct plan;

enum fit_method { FIT_TWO_POINT, FIT_LSQ };
enum fit_kind { MODEL_LINEAR, MODEL_QUEUE };	/* --model */

/*
 * --params: parameters to evaluate on the points instead of fitting.
 * given has bit PARAM_X for each key named; the queueing model takes
 * alpha, beta and gamma, the linear one all four.
 */
enum { PARAM_ALPHA = 1 << 0, PARAM_BETA = 1 << 1, PARAM_GAMMA = 1 << 2,
	PARAM_DELTA = 1 << 3 };

struct fit_params {
	unsigned	 given;		/* PARAM_* */
	double		 alpha, beta, gamma, delta;
};

#define QUEUE_BATCH	256		/* vLLM's default --max-num-seqs */

struct solve_opts {
	enum fit_method	 method;
	const char	*low;		/* benchmark name taken as batch 1 */
	const char	*high;		/* benchmark name taken as batch B */
	int		 low_set, high_set;	/* given on the command line */
	long		 max_batch;	/* 0: from the high benchmark; --model
					   queue: QUEUE_BATCH */
	double		 input_tokens;	/* 0: the high run's prompt tokens/request */
	const char	*inputs;	/* "a.log, b.log", for messages */
	/* --model queue */
	enum fit_kind	 model;
	enum qversion	 qversion;	/* --queue-version */
	enum statistic	 ttft_stat;	/* --ttft: ST_MEDIAN or ST_MEAN */
	const char	*points;	/* --points "a,b,c", or NULL: all but
					   throughput */
	struct fit_params params;	/* --params; given 0: fit */
	long		 max_tokens;	/* --max-num-tokens */
	long		 max_queue;	/* --max-queue; -1: max batch */
	size_t		 max_points;	/* --as: the first N points; 0: all */
	const char	*preset;	/* --as NAME, or NULL */
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

/*
 * What --model queue adds (fit_queue.c): the server it assumed, the
 * parameters fitted or given (--params), model-trainer's score, and per
 * point (npts of them, in the order of pts) the observation and the
 * model's prediction. alpha, beta, gamma are also in struct fit.
 */
struct fit_model {
	double		 alpha, beta, gamma;
	double		 loss;
	struct qserver	 qs;
	int		 batch_default;	/* -b not given: QUEUE_BATCH */
	const char	*preset;	/* --as NAME, or NULL */
	int		 evaluated;	/* --params: evaluated, not fitted */
	struct qscore	 score;
	struct qfit	 q;		/* the fit's diagnostics (not --params) */
	struct qobs	*obs;
	struct qpoint	*pred;
	struct qval	 val;		/* out of sample, error bars */
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
	char		 no_prefill[256];	/* else why not, for errors */
	double		 alpha, beta, gamma, delta;
	struct fit_model *model;	/* NULL for the linear methods */
	const char	*inputs;	/* solve_opts' (--model queue) */
	const struct plan *plan;	/* the sizing (plan.h), or NULL; not
					   owned: fit_free leaves it */
};

/* The methods: 0, or -1 with err set. */
int	fit_twopoint(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);
int	fit_lsq(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);
int	fit_queue(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);

/* Shared by the methods. */
double	fit_concurrency(const struct bench *, int measured,
	    enum batch_from *);
int	fit_max_batch(struct fit *, const struct solve_opts *, double,
	    enum batch_from, struct wi_err *);
int	fit_finish(struct fit *, const struct wi_warn *, struct wi_err *);
void	fit_free(struct fit *);
/* The names of set's benchmarks, shortened, for a name not found. */
const char *fit_names(const struct benchset *, char *buf, size_t);
/* Why gamma and delta are missing, for "-o wva needs them: ...". */
const char *fit_no_prefill(const struct fit *);

#endif
