/*
 * qfit.h: alpha, beta, gamma of the queueing model (qmodel.h) from
 * measured points, by model-trainer's objective
 * (github.com/llm-inferno/model-trainer, pkg/core and pkg/utils):
 *
 *	loss = 1/N sum_i ((TTFTpred_i - TTFT_i)/TTFT_i)^2 + ((ITLpred_i - ITL_i)/ITL_i)^2
 *
 * (weighted: 1/N sum_i w_i (...), the weights scaled to a mean of 1),
 * where a point with TTFT_i <= 0 or ITL_i <= 0 adds the absolute squared
 * errors of both instead (model-trainer's fallback), and the loss is
 * +Inf when a parameter is negative or the model fails on a point.
 * avgErrTTFT and avgErrITL are model-trainer's report figures: the mean
 * absolute errors in ms.
 *
 * The fit (qfit) is ours, not model-trainer's Nelder-Mead: a bounded
 * Levenberg-Marquardt on the 2N signed residuals from QFIT_STARTS fixed
 * starts, keeping the best. See qfit.c for the starts, the steps and the
 * stopping rule; the diagnostics are flags in struct qfit.
 */
#ifndef QFIT_H
#define QFIT_H

#include <stddef.h>

#include "qmodel.h"

/*
 * One measured point: request rate (req/s), tokens per request, ms; and
 * its weight in the loss, relative to the others' (the requests it
 * pools). A weight of 0 counts as 1: with every weight 0 or 1 the loss
 * and the fit are model-trainer's, unweighted, to the last bit.
 */
struct qobs {
	double	rate, in_tokens, out_tokens, ttft, itl;
	double	weight;
};

/* The model at one point, and its errors as model-trainer counts them. */
struct qpoint {
	double	ttft, itl;		/* predicted, ms */
	double	rel_ttft, rel_itl;	/* (pred - obs) / obs; pred - obs when
					   obs <= 0 (then absolute) */
};

struct qscore {
	double	loss;		/* model-trainer's avgErrWeighted */
	double	err_ttft;	/* avgErrTTFT: mean |pred - obs|, ms */
	double	err_itl;	/* avgErrITL */
	size_t	failed;		/* 0, or 1 + the first point the model fails on
				   (then loss and errors are +Inf) */
};

/*
 * Evaluate params on n points (n >= 1): 0, or -1 when the model fails on
 * a point or a parameter is negative (the score says which, loss +Inf).
 * pts (n entries) may be NULL; entries of points not reached are 0.
 */
int	qfit_eval(const struct qobs *, size_t n, const struct qserver *,
	    const struct qparams *, struct qscore *, struct qpoint *pts);

#define QFIT_STARTS	4
#define QFIT_FTOL	1e-8 	/* stop: relative loss decrease of a step */
#define QFIT_XTOL	1e-9	/* stop: relative size of a step */
#define QFIT_MAXIT	200	/* stop: Jacobians per start */
#define QFIT_TRIES	8	/* stop: no lower loss with the damping x4^8 */
#define QFIT_REFIT_FTOL	1e-6	/* qfit_from: a refit near its start for */
#define QFIT_REFIT_TRIES 4	/* error bars stops earlier */
#define QFIT_AGREE	1e-4	/* starts agree: losses within this, relative
				   (float arithmetic makes the loss jump ~5e-5) */
#define QFIT_FLAT	0.5	/* flat: a 50% move raises the loss by less
				   than QFIT_FLAT/N (one standard error) */
#define QFIT_RATE_SEP	0.01	/* rates closer than 1% are one rate */

/* Diagnostics, bits of struct qfit.flags. */
enum {
	QF_BOUND_ALPHA = 1 << 0,	/* the parameter sits at its bound 0 */
	QF_BOUND_BETA = 1 << 1,
	QF_BOUND_GAMMA = 1 << 2,
	QF_FLAT_ALPHA = 1 << 3,		/* the loss barely depends on it */
	QF_FLAT_BETA = 1 << 4,
	QF_FLAT_GAMMA = 1 << 5,
	QF_FEW_RATES = 1 << 6,		/* fewer than 3 distinct rates */
	QF_DISAGREE = 1 << 8,		/* only one start reached the best */
	QF_FAILED = 1 << 9		/* no start gave a finite loss */
};

struct qfit {
	struct qparams	 p;
	struct qscore	 score;
	unsigned	 flags;
	int		 rates;		/* distinct request rates */
	/*
	 * Per parameter (alpha, beta, gamma): the relative rise of the loss
	 * when it moves by 50% of its value (its scale when at 0) and the
	 * others follow, from the Gauss-Newton model at the fit.
	 */
	double		 rise[3];
	/*
	 * The condition number of that model's Hessian in the parameters
	 * scaled by their typical sizes: how much more one combination of
	 * them is pinned down than another (+Inf: one is not at all).
	 */
	double		 cond;
	int		 starts, agree;	/* starts run; reaching the best loss */
	int		 evals;		/* loss evaluations */
};

/*
 * 0, or -1 (flags QF_FAILED) if a value of a point is not finite or no
 * start gave a finite loss (the model fails on a point whatever the
 * parameters: an invalid shape, a rate <= 0).
 */
int	qfit(const struct qobs *, size_t n, const struct qserver *,
	    struct qfit *);

/*
 * One Levenberg-Marquardt descent from start (a fit's parameters, for a
 * refit of part of its points): the parameters reached in out and their
 * loss, with no diagnostics. 0, or -1 as qfit.
 */
int	qfit_from(const struct qobs *, size_t n, const struct qserver *,
	    const struct qparams *start, struct qparams *out, double *loss);

#endif
