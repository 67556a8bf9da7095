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
 * Takes the benchmark set and the options; fills struct fit (fit.h; free
 * it with fit_free) or an error. Doubtful data (errored requests, an
 * unsaturated server, a negative slope, a poor fit, a point far off the
 * line) is reported as warnings by the method, the choices it made
 * (where the max batch size and input tokens came from, medians for
 * means) as notes once it has succeeded, after its warnings.
 */
#ifndef SOLVE_H
#define SOLVE_H

#include "fit.h"

/* The fit o->method asks for, its notes through w; free f with fit_free. */
int	solve(const struct benchset *, const struct solve_opts *,
	    struct fit *, const struct wi_warn *, struct wi_err *);

#endif
