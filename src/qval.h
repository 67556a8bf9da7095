/*
 * qval.h: how far a queueing-model fit can be trusted, from refits on
 * part of its points.
 *
 * Folds. With points from two or more sweeps, each sweep in turn is left
 * out; with one sweep, each load level (rates within QFIT_RATE_SEP), the
 * highest included: that is the extrapolation a sizing relies on. More
 * than QV_MAX_FOLDS sweeps or levels are grouped into that many folds,
 * neighbours together. A fold's rest is refitted from the full fit's
 * parameters (qfit_from) and its points predicted.
 *
 *	in sample	the full fit's relative errors, (pred - obs) / obs
 *	out of sample	each point's error when its fold was left out
 *
 * Each is summed up over all points and per sweep: the RMS, the worst
 * |error| (and its point) and the signed mean (bias); points whose
 * observation is <= 0 (absolute errors, as model-trainer) are left out of
 * these.
 *
 * Error bars: the delete-a-group jackknife over the folds' refits,
 *
 *	se = sqrt((g - 1)/g * sum_i (theta_i - mean theta)^2)
 *
 * and theta +- t se, t Student's quantile for a two-sided QV_LEVEL
 * interval with g - 1 degrees of freedom (qv_interval, also used for the
 * max rate of a sizing). Parameters cannot go below 0.
 *
 * Validation needs QV_MIN_LEVELS load levels (one sweep) and, in every
 * fold, a rest of at least three distinct rates; else it is QV_NONE with
 * the reason. All deterministic.
 */
#ifndef QVAL_H
#define QVAL_H

#include <stddef.h>

#include "qfit.h"

#define QV_MAX_FOLDS	20
#define QV_MIN_LEVELS	4
#define QV_LEVEL	0.90	/* two-sided, the intervals' share */
#define QV_WORSE	2.0	/* warn: out-of-sample RMS above twice */
#define QV_WORSE_MIN	0.05	/* the in-sample one, and above 5% */
#define QV_POOR_RMS	0.20	/* warn: in-sample RMS of TTFT or ITL */
#define QV_POOR_PT	0.50	/* or a point's |error| above these */

enum qv_method { QV_NONE, QV_SWEEPS, QV_LOADS, QV_GIVEN };

/* Relative errors of n points: RMS, worst |e| and where, signed mean. */
struct qv_err {
	size_t	n;
	double	rms, worst, bias;
	size_t	worst_pt;	/* index in the fit's points */
};

struct qv_sum {
	struct qv_err	ttft, itl;
};

struct qv_sweep {
	unsigned	sweep;		/* the benchmarks' sweep index */
	size_t		n;		/* points */
	struct qv_sum	in, out;
};

struct qval {
	enum qv_method	 method;
	const char	*why_none;	/* QV_NONE: why (a constant) */
	size_t		 folds;		/* refits run */
	size_t		 failed;	/* of those, refits the model failed */
	struct qv_sum	 in, out;	/* out: QV_SWEEPS, QV_LOADS, QV_GIVEN */
	struct qpoint	*oos;		/* per point; NULL with QV_NONE */
	struct qv_sweep	*sw;		/* per sweep, in order of appearance */
	size_t		 nsw;
	struct qparams	*reps;		/* per fold that ran: its refit */
	size_t		 nreps;
	double		 se[3], lo[3], hi[3];	/* alpha, beta, gamma */
	int		 has_bars;	/* nreps >= 2 */
};

/*
 * Validate the fit p of n points (pred: the fit's qfit_eval points;
 * sweep[i]: point i's sweep). given: p was not fitted to these points
 * (--params), so every error is already out of sample and nothing is
 * refitted. 0, or -1 when memory ran out.
 */
int	qval_run(const struct qobs *, const unsigned *sweep, size_t n,
	    const struct qserver *, const struct qparams *p,
	    const struct qpoint *pred, int given, struct qval *);
void	qval_free(struct qval *);

/* Student's t for a two-sided QV_LEVEL interval, df >= 1. */
double	qv_t(size_t df);

/*
 * The jackknife of an estimate est from g >= 2 replicates: its standard
 * error and interval (lo clipped at floor).
 */
void	qv_interval(double est, const double *reps, size_t g, double floor,
	    double *se, double *lo, double *hi);

#endif
