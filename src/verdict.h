/*
 * verdict.h: what the measurements alone say of the max rate, and
 * whether the model's answer agrees with them.
 *
 * The points: every benchmark of the sweeps measured at the sized shape
 * (mean prompt and output tokens per request within VD_SHAPE of it) that
 * completed requests, with its achieved rate, but throughput runs (their
 * rate is what the server achieved, not a load it was given). Each needs
 * the targeted statistic of TTFT and ITL (where targeted): the one asked
 * for; for the mean, the median where the input prints no means (said in
 * ttft_stat, itl_stat).
 *
 *	pass	the highest rate of a point meeting every target
 *	miss	the lowest rate of a point missing one
 *	below	the highest pass below the miss (pass itself when the
 *		points are monotone)
 *	rate	where the statistic crosses its target, by linear
 *		interpolation between below and miss, the lowest of the
 *		targets the miss misses
 *
 * Linear interpolation of a curve that bends up (latency against rate
 * near saturation) crosses the target early: the estimate leans low.
 *
 * Compared with the model's max rate R:
 *	VD_ABOVE_MISS	R above a measured miss (by more than VD_TOL)
 *	VD_BELOW_PASS	R below a measured pass (by more than VD_TOL)
 *	VD_OPTIMISTIC	R between, above the interpolated rate by more
 *			than VD_OPTIM
 * For a percentile the model's R (of means) is an upper bound, so only a
 * R below a pass disagrees.
 */
#ifndef VERDICT_H
#define VERDICT_H

#include "bench.h"
#include "capacity.h"

#define VD_SHAPE	0.10	/* a sweep's shape within 10% is the same */
#define VD_TOL		0.01	/* measured rates are good to about 1% */
#define VD_OPTIM	0.02

enum vd_agree { VD_NONE, VD_AGREE, VD_ABOVE_MISS, VD_BELOW_PASS,
	VD_OPTIMISTIC };

struct verdict {
	int		 have;		/* else why says why not */
	const char	*why;
	char		 whybuf[160];
	enum statistic	 stat;		/* asked for */
	enum statistic	 ttft_stat, itl_stat;	/* read */
	size_t		 npts;		/* points used */
	unsigned	 nsweeps;	/* sweeps they come from */
	const struct bench *pass, *miss, *below;	/* NULL: none */
	enum binding	 miss_by;	/* the target miss misses, worst */
	double		 miss_value;	/* its statistic there, ms */
	int		 monotone;	/* no pass above the miss */
	double		 rate;		/* interpolated; 0 without a miss or
					   a pass below it */
	/* After verdict_compare: */
	enum vd_agree	 agree;
	double		 model_rate;
	const struct bench *against;	/* the point it disagrees with */
	enum binding	 at_by;		/* the target of at_model */
	double		 at_model;	/* the statistic interpolated at
					   model_rate, 0 if not */
};

/*
 * The bracket over set's benchmarks at shape under the targets, for
 * statistic st. 0; -1 is never returned (a missing bracket is have 0).
 */
void	verdict_measure(const struct benchset *, const struct qshape *,
	    const struct slo *, enum statistic, struct verdict *);

/* Compare with the model's max rate (mean targets when mean is 1). */
void	verdict_compare(struct verdict *, const struct slo *, double rate);

/* The value of b's statistic for target t (BIND_TTFT or BIND_ITL). */
double	verdict_value(const struct verdict *, const struct bench *,
	    enum binding);

#endif
