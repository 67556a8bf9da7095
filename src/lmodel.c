/*
 * lmodel.c: WVA's 2025 linear model, in the Go code's precision (float
 * where it uses float32, each operation in the Go expression's order;
 * the Makefile turns off fused multiply-add). The equations are in
 * lmodel.h.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "lmodel.h"

/* The inputs rounded to float as Go holds them. */
struct lm {
	float	 alpha, beta, gamma, delta;
	float	 in, out;
	int	 bmax, k;
	float	*mu;		/* mu[n-1], requests per ms */
	double	*p;		/* the chain, 0..k */
};

const char *
lmodel_check(const struct lparams *pa, const struct lserver *s,
    const struct qshape *r)
{
	float	a = (float)pa->alpha, b = (float)pa->beta;
	float	g = (float)pa->gamma, d = (float)pa->delta;
	float	n = (float)r->in_tokens, m = (float)r->out_tokens;

	if (!isfinite(a) || !isfinite(b) || !isfinite(g) || !isfinite(d))
		return "alpha, beta, gamma and delta must be finite";
	if (a < 0 || b < 0 || g < 0 || d < 0)
		return "alpha, beta, gamma and delta must not be negative";
	if (!isfinite(n) || n < 0)
		return "prompt tokens per request must be from 0 to 3.4e38 (float32)";
	if (!isfinite(m) || m < 1)
		return "output tokens per request must be from 1 to 3.4e38 (float32)";
	if (s->max_batch < 1)
		return "max batch size must be at least 1";
	if (s->max_queue < 0)
		return "max queue size must not be negative";
	if ((long)s->max_batch + s->max_queue + 1 > QM_MAX_STATES)
		return "max batch plus max queue is too large";
	return NULL;
}

static float
prefill(const struct lm *q, float n)
{
	if (q->in == 0)
		return 0;
	return q->gamma + q->delta * q->in * n;
}

static float
decode(const struct lm *q, float n)
{
	return q->alpha + q->beta * n;
}

/*
 * WVA counts out - 1 decodes after the prefill, but one when a request
 * has no prompt and one output token, so that its time is not zero.
 */
static float
decodes(const struct lm *q)
{
	if (q->in == 0 && q->out == 1)
		return 1;
	return q->out - 1;
}

static void
lm_free(struct lm *q)
{
	free(q->mu);
	free(q->p);
}

/*
 * Round the inputs and compute the service rates. A rate that is zero,
 * infinite or NaN (a time of zero or one that overflowed) has no chain.
 */
static int
lm_setup(struct lm *q, const struct lparams *pa, const struct lserver *s,
    const struct qshape *r, int need_chain)
{
	float	t;
	int	n;

	if (lmodel_check(pa, s, r) != NULL)
		return -1;
	q->alpha = (float)pa->alpha;
	q->beta = (float)pa->beta;
	q->gamma = (float)pa->gamma;
	q->delta = (float)pa->delta;
	q->in = (float)r->in_tokens;
	q->out = (float)r->out_tokens;
	q->bmax = s->max_batch;
	q->k = s->max_batch + s->max_queue;
	q->p = NULL;
	if ((q->mu = malloc((size_t)q->bmax * sizeof(float))) == NULL ||
	    (need_chain && (q->p = malloc(((size_t)q->k + 1) *
	    sizeof(double))) == NULL)) {
		lm_free(q);
		errno = ENOMEM;
		return -1;
	}
	for (n = 1; n <= q->bmax; n++) {
		t = prefill(q, (float)n) + decodes(q) * decode(q, (float)n);
		q->mu[n - 1] = (float)n / t;
		if (!(q->mu[n - 1] > 0) || isinf(q->mu[n - 1])) {
			lm_free(q);
			return -1;
		}
	}
	return 0;
}

/*
 * The n whose prefill and decodes take the mean time in service:
 * (S - gamma - alpha (out-1)) / (delta in + beta (out-1)), clamped to
 * 0..max batch. WVA divides by zero when neither time grows with n;
 * then nothing depends on n but a one-token ITL, and the mean number in
 * service stands in.
 */
static float
concurrency(const struct lm *q, float serv, float x)
{
	float	tokens = q->out - 1;
	float	num = serv - (q->gamma + q->alpha * tokens);
	float	den = q->delta * q->in + q->beta * tokens;
	float	c;

	if (den == 0)
		return x;
	c = num / den;
	if (c < 0)
		c = 0;
	if (c > (float)q->bmax)
		c = (float)q->bmax;
	return c;
}

int
lmodel_eval(const struct lparams *pa, const struct lserver *s,
    const struct qshape *r, double rate, struct qperf *out, double *conc)
{
	struct lm	 q;
	float		 frate = (float)rate, x, nsys, thr, serv, wait, c, pre;
	int		 rc;

	if (!isfinite(frate) || !(frate > 0))
		return -1;
	if (lm_setup(&q, pa, s, r, 1) == -1)
		return -1;
	rc = qmodel_chain(q.mu, q.bmax, q.k, frate / 1000, q.p, &x, &nsys,
	    &thr);
	lm_free(&q);
	if (rc == -1)
		return -1;
	serv = x / thr;
	wait = nsys / thr - serv;
	if (wait < 0)
		wait = 0;
	c = concurrency(&q, serv, x);
	pre = prefill(&q, c);
	out->ttft = wait + pre;
	out->prefill = pre;
	out->itl = decode(&q, c);
	out->wait = wait;
	out->service = serv;
	out->batch = x;
	out->nsys = nsys;
	out->thr = thr * 1000;
	if (!isfinite(out->ttft) || !isfinite(out->itl) ||
	    !isfinite(out->service))
		return -1;
	if (conc != NULL)
		*conc = c;
	return 0;
}

int
lmodel_rates(const struct lparams *pa, const struct lserver *s,
    const struct qshape *r, double *mu)
{
	struct lm	 q;
	int		 n;

	if (lm_setup(&q, pa, s, r, 0) == -1)
		return -1;
	for (n = 0; n < q.bmax; n++)
		mu[n] = (double)(q.mu[n] * 1000);
	lm_free(&q);
	return 0;
}
