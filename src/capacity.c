/*
 * capacity.c: sizing by bisection over the model's rate range, as
 * queue-analysis v0.7.0 (LLMQueueAnalyzer.Size, utils.BinarySearch) and
 * WVA 2025-10 (QueueAnalyzer.Size, core.CreateAllocation) do it.
 *
 * Where this differs from the Go code, on purpose:
 *	- Go stops its bisection when the value is within 1e-6 relative of
 *	  the target, on either side, so the rate it returns can miss its
 *	  target by up to 1e-6; here the bisection keeps a rate that meets
 *	  the target and one that does not, and returns the former.
 *	- Go bisects lambda in requests per ms as float32 and stops after
 *	  100 halvings; near saturation the value jumps across its 1e-6
 *	  band between two neighbouring floats, the midpoint is one of them
 *	  and the loop runs out with either end, often the one that misses.
 *	  Here the bisection runs in the float rates (req/s) the model is
 *	  evaluated at and ends when the two ends are neighbours.
 *	- Go returns lambda * 1000 and evaluates the model there, a rate one
 *	  rounding away from the one it tested; here the rate tested is the
 *	  rate returned.
 *	- Go decides the direction from f(min) < f(max), so a target above a
 *	  flat curve (beta = delta = 0) is "below the bounded region", an
 *	  error; here it is loose.
 *	- WVA counts replicas as ceil(total / throughput at the max rate);
 *	  here ceil(total / max rate), the rate the targets allow (see
 *	  capacity.h).
 *	- WVA checks the rate against the top of the range after
 *	  lambda / 1000 * 1000 in float32, which can round above it and
 *	  fail a loose target; here the top is the top.
 * Otherwise the rates agree with Go's to its tolerance: the value at the
 * rate returned is within 1e-6 relative of the target on the safe side.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capacity.h"
#include "fmt.h"

#define EPSILON		0.001f	/* Go's analyzer.Epsilon */
#define MAX_HALVINGS	200	/* floats run out in fewer */

enum search { S_INSIDE, S_LOOSE, S_BELOW };
enum metric { M_TTFT, M_ITL };

static const char *
model_check(const struct cap_model *m)
{
	if (m->kind == CAP_QUEUE)
		return qmodel_check(&m->qp, &m->qs, &m->shape, 1);
	return lmodel_check(&m->lp, &m->ls, &m->shape);
}

static int
eval(const struct cap_model *m, double rate, struct qperf *p)
{
	if (m->kind == CAP_QUEUE)
		return qmodel_eval(&m->qp, &m->qs, &m->shape, rate, p);
	return lmodel_eval(&m->lp, &m->ls, &m->shape, rate, p, NULL);
}

const char *
cap_binding_name(enum binding b)
{
	static const char *const names[] = { "none", "ttft", "itl" };

	return names[b];
}

int
cap_eval(const struct cap_model *m, double rate, struct qperf *p,
    struct wi_err *err)
{
	const char	*why;
	char		 num[FMT_NUM_MAX];

	if ((why = model_check(m)) != NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "cannot evaluate the model: %s",
		    why);
		return -1;
	}
	if (!(rate > 0) || !isfinite((float)rate)) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "the request rate must be a finite number > 0");
		return -1;
	}
	if (eval(m, rate, p) == -1) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "the model has no finite solution at %s req/s",
		    fmt_short(num, rate, 1));
		return -1;
	}
	return 0;
}

/*
 * Go's range: lambdaMin = mu(1) * Epsilon, lambdaMax = mu(N) * (1 -
 * Epsilon), each times 1000 for req/s, all in float32. The model
 * functions give mu in req/s (float mu per ms times 1000); dividing by
 * 1000 gets the float back to within its last bit.
 */
static int
frange(const struct cap_model *m, float *lo, float *hi, struct wi_err *err)
{
	double	*mu;
	float	 mu1, mun;
	int	 n, rc;
	const char *why;

	if ((why = model_check(m)) != NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "cannot size: %s", why);
		return -1;
	}
	n = m->kind == CAP_QUEUE ? m->qs.max_batch : m->ls.max_batch;
	if ((mu = malloc((size_t)n * sizeof(*mu))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	rc = m->kind == CAP_QUEUE ? qmodel_rates(&m->qp, &m->qs, &m->shape, mu) :
	    lmodel_rates(&m->lp, &m->ls, &m->shape, mu);
	mu1 = (float)(mu[0] / 1000);
	mun = (float)(mu[n - 1] / 1000);
	free(mu);
	if (rc == -1 || !(mu1 > 0) || !(mun > 0) || isinf(mu1) || isinf(mun)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "cannot size: the model's "
		    "service rates are not finite numbers > 0");
		return -1;
	}
	*lo = (mu1 * EPSILON) * 1000;
	*hi = (mun * (1 - EPSILON)) * 1000;
	return 0;
}

int
cap_range(const struct cap_model *m, double *min, double *max,
    struct wi_err *err)
{
	float	lo, hi;

	if (frange(m, &lo, &hi, err) == -1)
		return -1;
	*min = lo;
	*max = hi;
	return 0;
}

static int
value(const struct cap_model *m, enum metric which, float rate, double *y,
    struct wi_err *err)
{
	struct qperf	p;

	if (cap_eval(m, rate, &p, err) == -1)
		return -1;
	*y = which == M_TTFT ? p.ttft : p.itl;
	return 0;
}

/*
 * The largest float rate in [lo, hi] whose value is <= target, assuming
 * the value does not fall as the rate grows. *y0 is the value at lo.
 * The values are floats; the target is compared as given, not rounded
 * to a float (which can round it up).
 */
static int
search(const struct cap_model *m, enum metric which, double target,
    float lo, float hi, float *rate, enum search *how, double *y0,
    struct wi_err *err)
{
	float	a = lo, b = hi, mid;
	double	y;
	int	i;

	if (value(m, which, lo, y0, err) == -1)
		return -1;
	if (*y0 > target) {
		*how = S_BELOW;
		return 0;
	}
	if (value(m, which, hi, &y, err) == -1)
		return -1;
	if (y <= target) {
		*rate = hi;
		*how = S_LOOSE;
		return 0;
	}
	for (i = 0; i < MAX_HALVINGS; i++) {
		mid = 0.5f * (a + b);
		if (mid <= a || mid >= b)
			break;
		if (value(m, which, mid, &y, err) == -1)
			return -1;
		if (y <= target)
			a = mid;
		else
			b = mid;
	}
	*rate = a;
	*how = S_INSIDE;
	return 0;
}

/*
 * The model's value at the bottom of the range, with the significant
 * digits of its whole part and one decimal, or more until it shows
 * above the target (up to 17, which always do); in exponent form from
 * 1e6 on ("%#g" keeps the decimal: 7.0, 1.5e+12).
 */
static void
too_low(struct wi_err *err, const char *name, double target, double y0)
{
	char	t[FMT_NUM_MAX], v[64];
	int	p;

	fmt_short(t, target, 1);
	p = fabs(y0) >= 1 && fabs(y0) < 1e6 ? (int)log10(fabs(y0)) + 2 : 2;
	for (; p < 17; p++) {
		snprintf(v, sizeof(v), "%#.*g", p, y0);
		if (strtod(v, NULL) > target)
			break;
	}
	snprintf(v, sizeof(v), "%#.*g", p, y0);
	wi_seterr(err, WI_EINPUT, NULL, 0,
	    "%s target %s ms is below the model's %s at zero load, %s ms",
	    name, t, name, v);
}

static int
size_one(const struct cap_model *m, enum metric which, double target,
    float lo, float hi, float *rate, enum search *how, struct wi_err *err)
{
	const char	*name = which == M_TTFT ? "TTFT" : "ITL";
	double		 y0;

	*rate = hi;
	*how = S_LOOSE;
	if (target == 0)
		return 0;
	if (search(m, which, target, lo, hi, rate, how, &y0, err) == -1)
		return -1;
	if (*how == S_BELOW) {
		too_low(err, name, target, y0);
		return -1;
	}
	return 0;
}

static int
check_slo(const struct slo *slo, double total, struct wi_err *err)
{
	const char	*bad = NULL;

	if (!(slo->ttft >= 0) || !isfinite((float)slo->ttft))
		bad = "the TTFT target must be a finite number of ms >= 0";
	else if (!(slo->itl >= 0) || !isfinite((float)slo->itl))
		bad = "the ITL target must be a finite number of ms >= 0";
	else if (!(total >= 0) || !isfinite(total))
		bad = "the total rate must be a finite number of req/s >= 0";
	if (bad != NULL) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "%s", bad);
		return -1;
	}
	return 0;
}

/*
 * The replica count, and the model at the load each replica gets. The
 * total is divided by the max rate, the arrival rate the targets allow,
 * not by WVA's throughput at it (capacity.h says when they differ).
 */
static int
replicas(const struct cap_model *m, double total, struct capacity *c,
    struct wi_err *err)
{
	char	num[FMT_NUM_MAX];
	double	n = total / c->max_rate;

	c->total_rate = total;
	if (total == 0)
		return 0;
	if (!(n <= CAP_MAX_REPLICAS)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "a total rate of %s req/s "
		    "needs more than %ld replicas", fmt_short(num, total, 1),
		    CAP_MAX_REPLICAS);
		return -1;
	}
	c->replicas = (long)ceil(n);
	c->per_replica = total / (double)c->replicas;
	return cap_eval(m, c->per_replica, &c->at_load, err);
}

int
cap_size(const struct cap_model *m, const struct slo *slo, double total,
    struct capacity *c, struct wi_err *err)
{
	struct qperf	p;
	enum search	ht, hi_;
	float		lo, hi, rt, ri, r;

	if (check_slo(slo, total, err) == -1 || frange(m, &lo, &hi, err) == -1)
		return -1;
	if (size_one(m, M_TTFT, slo->ttft, lo, hi, &rt, &ht, err) == -1 ||
	    size_one(m, M_ITL, slo->itl, lo, hi, &ri, &hi_, err) == -1)
		return -1;
	r = rt < ri ? rt : ri;
	if (cap_eval(m, r, &p, err) == -1)
		return -1;
	*c = (struct capacity){ 0 };
	if (ht == S_INSIDE && rt <= ri)
		c->binding = BIND_TTFT;
	else if (hi_ == S_INSIDE)
		c->binding = BIND_ITL;
	else
		c->binding = BIND_NONE;
	c->max_rate = r;
	c->ttft = p.ttft;
	c->itl = p.itl;
	c->wait = p.wait;
	c->batch = p.batch;
	c->thr = p.thr;
	c->rate_ttft = rt;
	c->rate_itl = ri;
	c->range_min = lo;
	c->range_max = hi;
	return replicas(m, total, c, err);
}

int
cap_curve(const struct cap_model *m, double from, double to, size_t n,
    struct cap_sample *s, struct wi_err *err)
{
	double	min, max;
	size_t	i;

	if (from == 0) {
		if (cap_range(m, &min, &max, err) == -1)
			return -1;
		from = min;
	}
	if (n < 2 || !(from > 0) || !(to > from) || !isfinite(to)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "a curve needs two or more "
		    "samples over rates 0 <= from < to");
		return -1;
	}
	for (i = 0; i < n; i++) {
		s[i].rate = i + 1 == n ? to :
		    from + (to - from) * (double)i / (double)(n - 1);
		if (cap_eval(m, s[i].rate, &s[i].perf, err) == -1)
			return -1;
	}
	return 0;
}
