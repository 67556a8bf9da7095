/*
 * qmodel.c: queue-analysis v0.6.0 and v0.7.0 (pkg/analyzer, pkg/queue)
 * in C, computed in the Go code's precision: float where it uses float32,
 * double for the chain, each operation in the Go expression's order. The
 * Makefile builds with -ffp-contract=off so no multiply-add is fused.
 *
 * v0.6.0, n prompt and m output tokens, B the batch size:
 *	T(B)       = alpha + B (beta (n+m)/(m+1) + gamma (n + m/2))
 *	prefill(B) = T(B) + (beta+gamma) n		(0 when n = 0)
 *	decode(B)  = T(B) + beta + gamma (n + (m+1)/2)
 *	tau(B)     = prefill(B) + m decode(B)
 * v0.7.0, with nc(B) prefill chunks (chunk_table):
 *	w_pre  = (beta + gamma (nc+1)/2) n
 *	w_dec  = beta m + gamma m (n + (m+1)/2)
 *	delta  = (w_pre + w_dec) / (nc + m)
 *	tau(B) = (nc + m) (alpha + B delta)
 * Both: mu(B) = B / tau(B); the chain gives X (mean in service), N (mean
 * in system) and the throughput; S = X/thr, W = max(0, N/thr - S);
 *	v0.6: prefill = prefill(X)
 *	v0.7: prefill = nc(round X) max(0, alpha + (X-1) delta) + w_pre
 *	ITL = (S - prefill) / m, TTFT = W + prefill + ITL.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qmodel.h"

typedef float v4f __attribute__((vector_size(16)));

/* One evaluation: the inputs rounded to float as Go holds them. */
struct qm {
	enum qversion	 v;
	float		 alpha, beta, gamma;
	float		 n, m;		/* tokens per request */
	float		 budget;	/* max tokens per iteration */
	int		 bmax, k;	/* max batch, states 0..k */
	int		*nc;		/* v0.7: nc[b], b = 1..bmax */
	float		*mu;		/* mu[b-1], requests per ms */
	float		*mufloor;	/* min of mu[b-1..bmax-1] */
	double		*p;		/* the chain, 0..k */
	void		*mem;
};

/* What the chain gives, in the precision of Go's fields. */
struct qchain {
	float	x, nsys, thr;	/* thr per ms */
};

static const char *
check_server(const struct qserver *s)
{
	if (s->max_batch < 1)
		return "max batch size must be at least 1";
	if (s->max_queue < 0)
		return "max queue size must not be negative";
	if (s->max_tokens < 0)
		return "max tokens per iteration must not be negative";
	if (s->version != QV_0_6 && s->version != QV_0_7)
		return "unknown model version";
	if ((long)s->max_batch + s->max_queue + 1 > QM_MAX_STATES)
		return "max batch plus max queue is too large";
	if (s->max_batch + s->max_queue <= 1)
		return "the queue needs at least two states (max batch + max queue > 1)";
	return NULL;
}

static const char *
check_shape(const struct qshape *r)
{
	float	n = (float)r->in_tokens, m = (float)r->out_tokens;

	if (!isfinite(n) || n < 0)
		return "prompt tokens per request must be from 0 to 3.4e38 (float32)";
	if (!isfinite(m) || m < 1)
		return "output tokens per request must be from 1 to 3.4e38 (float32)";
	return NULL;
}

static const char *
check_params(const struct qparams *q)
{
	float	a = (float)q->alpha, b = (float)q->beta, g = (float)q->gamma;

	if (!isfinite(a) || !isfinite(b) || !isfinite(g))
		return "alpha, beta and gamma must be finite";
	if (a < 0 || b < 0 || g < 0)
		return "alpha, beta and gamma must not be negative";
	return NULL;
}

const char *
qmodel_check(const struct qparams *q, const struct qserver *s,
    const struct qshape *r, double rate)
{
	const char	*why;
	float		 f = (float)rate;

	if ((why = check_params(q)) != NULL || (why = check_server(s)) != NULL ||
	    (why = check_shape(r)) != NULL)
		return why;
	if (!(rate > 0) || !isfinite(rate))
		return "the request rate must be a finite number > 0";
	/* The model computes in float32: say so where it, not rate, fails. */
	if (!isfinite(f))
		return "the request rate is above float32's range (3.4e38), "
		    "in which the model computes";
	if (f < FLT_MIN)
		return "the request rate is above 0 but below float32's "
		    "normal range (1.2e-38), in which the model computes";
	return NULL;
}

/* ---------------------------------------------------------------- v0.6 */

static float
iter06(const struct qm *q, float b)
{
	float	tc = (q->n + q->m) / (q->m + 1);
	float	tm = q->n + q->m / 2;

	return q->alpha + b * (q->beta * tc + q->gamma * tm);
}

static float
prefill06(const struct qm *q, float b)
{
	if (q->n == 0)
		return 0;
	return iter06(q, b) + (q->beta + q->gamma) * q->n;
}

/* ---------------------------------------------------------------- v0.7 */

static float
wpre07(const struct qm *q, int nc)
{
	return (q->beta + q->gamma * (float)(nc + 1) / 2) * q->n;
}

static float
delta07(const struct qm *q, int nc)
{
	float	wdec = q->beta * q->m +
		    q->gamma * q->m * (q->n + (q->m + 1) / 2);

	return (wpre07(q, nc) + wdec) / ((float)nc + q->m);
}

static float
prefill07(const struct qm *q, float x, int nc)
{
	float	bg = q->alpha + (x - 1) * delta07(q, nc);

	if (bg < 0)
		bg = 0;
	return (float)nc * bg + wpre07(q, nc);
}

/*
 * The largest batch whose prompts fit the token budget when each prefill
 * is cut into k chunks: floor((k + m)(M - n/k) / (n + m)), at least 0.
 */
static double
chunk_batch(const struct qm *q, int k)
{
	float	fk = (float)k;
	float	b = (fk + q->m) * (q->budget - q->n / fk) / (q->n + q->m);

	if (!(b > 0))
		b = 0;
	return floor((double)b);
}

/*
 * nc[b] = the fewest chunks k with chunk_batch(k) >= b: Go lists
 * chunk_batch(1), (2), ... until one reaches max batch and takes the
 * first entry >= b. chunk_batch never decreases with k, also in float
 * (every operation in it rounds monotonically and M - n/k < 0 gives 0),
 * so the first k can be found by galloping and bisection: the same
 * table as Go's scan, in O(max batch log k) steps where the scan takes
 * about max batch x n/M, half a million for a 2M-token prompt.
 */
static int
chunk_table(struct qm *q)
{
	double	cb = chunk_batch(q, 1);		/* chunk_batch(k), kept */
	int	b, k = 1, lo, hi, mid, step;

	for (b = 1; b <= q->bmax; b++) {
		if (cb < b) {
			/* chunk_batch(lo) < b <= chunk_batch(hi) */
			for (lo = k, step = 1;; lo = hi, step *= 2) {
				if (step > QM_MAX_CHUNKS - lo)
					return -1;
				hi = lo + step;
				if (chunk_batch(q, hi) >= b)
					break;
			}
			while (hi - lo > 1) {
				mid = lo + (hi - lo) / 2;
				if (chunk_batch(q, mid) >= b)
					hi = mid;
				else
					lo = mid;
			}
			k = hi;
			cb = chunk_batch(q, k);
		}
		q->nc[b] = k;
	}
	return 0;
}

static int
chunks_at(const struct qm *q, float x)
{
	int	i = (int)(x + 0.5f);	/* Go: int(x + 0.5), towards zero */

	if (i < 1)
		i = 1;
	if (i > q->bmax)
		i = q->bmax;
	return q->nc[i];
}

/* ---------------------------------------------------------------- both */

/*
 * mu[b-1] = b / tau(b). The terms that do not depend on b are computed
 * once, by the same float operations in the same order as Go's per-b
 * calls, so the values are the same.
 */
static void
rates06(struct qm *q)
{
	float	slope = q->beta * ((q->n + q->m) / (q->m + 1)) +
		    q->gamma * (q->n + q->m / 2);
	float	pre = (q->beta + q->gamma) * q->n;
	float	dec = q->gamma * (q->n + (q->m + 1) / 2);
	float	t;
	int	b;

	/* Branch-free loops, so the compiler can divide several at once. */
	if (q->n == 0) {
		for (b = 1; b <= q->bmax; b++) {
			t = q->alpha + (float)b * slope;
			q->mu[b - 1] = (float)b / (q->m * (t + q->beta + dec));
		}
		return;
	}
	for (b = 1; b <= q->bmax; b++) {
		t = q->alpha + (float)b * slope;
		q->mu[b - 1] = (float)b /
		    ((t + pre) + q->m * (t + q->beta + dec));
	}
}

/*
 * Over each run of batches with one nc, four at a time: the vector
 * operations round each lane as the scalar ones do (no contraction), so
 * the rates are Go's to the bit.
 */
static void
rates07(struct qm *q)
{
	v4f	vb, vr, va, vd, vt;
	float	delta, tc;
	int	b, e, nc;

	for (b = 1; b <= q->bmax; b = e) {
		nc = q->nc[b];
		delta = delta07(q, nc);
		tc = (float)nc + q->m;
		/* nc never decreases: most tables are one run. */
		if (q->nc[q->bmax] == nc)
			e = q->bmax + 1;
		else
			for (e = b; e <= q->bmax && q->nc[e] == nc; e++)
				continue;
		va = (v4f){ 0 } + q->alpha;
		vd = (v4f){ 0 } + delta;
		vt = (v4f){ 0 } + tc;
		for (; e - b >= 4; b += 4) {
			vb = (v4f){ 0, 1, 2, 3 } + (float)b;	/* exact */
			vr = vb / (vt * (va + vb * vd));
			memcpy(&q->mu[b - 1], &vr, sizeof(vr));
		}
		for (; b < e; b++)
			q->mu[b - 1] = (float)b / (tc * (q->alpha +
			    (float)b * delta));
	}
}

static void
qm_free(struct qm *q)
{
	free(q->mem);
	q->mem = NULL;
}

/*
 * Round the inputs, allocate, and compute the service rates. A zero or
 * NaN rate (a request's time overflowed) would make Go's overflow
 * rescaling loop for ever; refuse it.
 */
static int
qm_setup(struct qm *q, const struct qparams *pa, const struct qserver *s,
    const struct qshape *r, int need_chain)
{
	size_t	 nb, np;
	char	*mem;
	int	 b, bad;

	if (check_params(pa) != NULL || check_server(s) != NULL ||
	    check_shape(r) != NULL)
		return -1;
	q->v = s->version;
	q->alpha = (float)pa->alpha;
	q->beta = (float)pa->beta;
	q->gamma = (float)pa->gamma;
	q->n = (float)r->in_tokens;
	q->m = (float)r->out_tokens;
	q->budget = (float)(s->max_tokens > 0 ? s->max_tokens :
	    QM_DEFAULT_TOKENS);
	q->bmax = s->max_batch;
	q->k = s->max_batch + s->max_queue;
	nb = (size_t)q->bmax + 1;
	np = need_chain ? (size_t)q->k + 1 : 0;
	if ((mem = malloc(np * sizeof(double) + 2 * nb * sizeof(float) +
	    nb * sizeof(int))) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	q->mem = mem;
	q->p = (double *)mem;
	q->mu = (float *)(mem + np * sizeof(double));
	q->mufloor = q->mu + nb;
	q->nc = (int *)(q->mufloor + nb);
	if (q->v == QV_0_7 && chunk_table(q) == -1) {
		qm_free(q);
		return -1;
	}
	if (q->v == QV_0_6)
		rates06(q);
	else
		rates07(q);
	/* The floor of the rates; a rate not > 0 (or NaN) fails. */
	q->mufloor[q->bmax - 1] = q->mu[q->bmax - 1];
	bad = !(q->mu[q->bmax - 1] > 0);
	for (b = q->bmax - 1; b > 0; b--) {
		bad |= !(q->mu[b - 1] > 0);
		q->mufloor[b - 1] = q->mu[b - 1] < q->mufloor[b] ?
		    q->mu[b - 1] : q->mufloor[b];
	}
	if (bad) {
		qm_free(q);
		return -1;
	}
	return 0;
}

/*
 * p(i+1) = p(i) lambda / mu(min(i+1, bmax)), normalised. Products that
 * overflow are divided down by DBL_MAX/K as Go does; a few rounds of
 * that reach zero, so a state that still overflows is a failure.
 *
 * Go computes every state. Here the chain stops where the terms fall
 * and never rise again (lambda <= every later mu) and the next term,
 * times K, is below 2^-60 of both partial sums the statistics add it
 * to: each such term is less than half an ulp of the sum it joins, so
 * Go's additions of it round back to the same sum, bit for bit. At low
 * rates that skips most of the chain, much of it in slow subnormals.
 * Returns the last state kept; the states after it are 0.
 */
static int
chain_probs(struct qm *q, float lambda)
{
	double	*p = q->p, scale = DBL_MAX / q->k, lam = lambda, s, sum;
	double	 tot = 1, mean = 0, tiny = 0x1p-60 / q->k;
	int	 i, j, b, last, tries;

	p[0] = 1;
	for (i = 0, last = q->k; i < q->k; i++) {
		b = i < q->bmax ? i : q->bmax - 1;
		s = q->mu[b];
		p[i + 1] = p[i] * lam / s;
		for (tries = 0; !(p[i + 1] >= 0 && isfinite(p[i + 1]));
		    tries++) {
			if (tries == 8)
				return -1;
			for (j = 0; j <= i; j++)
				p[j] /= scale;
			tot /= scale;
			mean /= scale;
			p[i + 1] = p[i] * lam / s;
		}
		if (lam <= q->mufloor[b] && p[i + 1] < tiny * tot &&
		    p[i + 1] < tiny * mean) {
			last = i;
			break;
		}
		tot += p[i + 1];
		mean += (double)(i + 1) * p[i + 1];
	}
	sum = 0;
	for (i = 0; i <= last; i++) {
		sum += p[i];
		if (sum < 0 || isinf(sum)) {
			sum = 0;
			for (j = 0; j <= last; j++) {
				p[j] /= scale;
				if (j <= i)
					sum += p[j];
			}
		}
	}
	for (i = 0; i <= last; i++)
		p[i] /= sum;
	return last;
}

static int
chain_solve(struct qm *q, float lambda, struct qchain *c)
{
	double	*p = q->p, inserv = 0, insys = 0, sump;
	int	 i, last;

	if ((last = chain_probs(q, lambda)) == -1)
		return -1;
	sump = p[0];
	for (i = 1; i <= last; i++) {
		insys += (double)i * p[i];
		sump += p[i];
		if (i == q->bmax)
			inserv = insys + (1 - sump) * (double)q->bmax;
	}
	if (last < q->bmax)
		inserv = insys + (1 - sump) * (double)q->bmax;
	c->x = (float)inserv;
	c->nsys = (float)insys;
	c->thr = lambda * (1 - (float)(last == q->k ? p[q->k] : 0));
	return 0;
}

int
qmodel_eval(const struct qparams *pa, const struct qserver *s,
    const struct qshape *r, double rate, struct qperf *out)
{
	struct qm	 q;
	struct qchain	 c;
	float		 frate = (float)rate, resp, serv, wait, pre, itl, ttft;

	if (!isfinite(frate) || !(frate > 0))
		return -1;
	if (qm_setup(&q, pa, s, r, 1) == -1)
		return -1;
	if (chain_solve(&q, frate / 1000, &c) == -1) {
		qm_free(&q);
		return -1;
	}
	resp = c.nsys / c.thr;
	serv = c.x / c.thr;
	wait = resp - serv;
	if (wait < 0)
		wait = 0;
	if (q.v == QV_0_6)
		pre = prefill06(&q, c.x);
	else
		pre = prefill07(&q, c.x, chunks_at(&q, c.x));
	itl = (serv - pre) / q.m;
	ttft = wait + pre + itl;
	qm_free(&q);
	if (!isfinite(ttft) || !isfinite(itl) || !isfinite(serv) ||
	    !isfinite(wait))
		return -1;
	out->ttft = ttft;
	out->itl = itl;
	out->wait = wait;
	out->prefill = pre;
	out->service = serv;
	out->batch = c.x;
	out->nsys = c.nsys;
	out->thr = c.thr * 1000;
	return 0;
}

int
qmodel_rates(const struct qparams *pa, const struct qserver *s,
    const struct qshape *r, double *mu)
{
	struct qm	 q;
	int		 b;

	if (qm_setup(&q, pa, s, r, 0) == -1)
		return -1;
	for (b = 0; b < q.bmax; b++)
		mu[b] = (double)(q.mu[b] * 1000);
	qm_free(&q);
	return 0;
}

int
qmodel_chunks(const struct qserver *s, const struct qshape *r, int b)
{
	struct qparams	 zero = { 0, 0, 0 };	/* rates infinite, still valid */
	struct qm	 q;
	int		 nc;

	if (b < 1 || b > s->max_batch)
		return -1;
	if (s->version == QV_0_6)
		return check_server(s) != NULL || check_shape(r) != NULL ? -1 : 1;
	if (qm_setup(&q, &zero, s, r, 0) == -1)
		return -1;
	nc = q.nc[b];
	qm_free(&q);
	return nc;
}

/* ------------------------------------------- the chain, for lmodel.c */

/*
 * WVA's 2025 analyzer solves its linear model with the same chain, code
 * and precision as queue-analysis: lmodel.c shares this one.
 */
int
qmodel_chain(const float *mu, int bmax, int k, float lambda, double *p,
    float *x, float *nsys, float *thr)
{
	struct qm	q = { 0 };
	struct qchain	c;
	int		b, rc;

	if ((q.mufloor = malloc((size_t)bmax * sizeof(float))) == NULL) {
		errno = ENOMEM;
		return -1;
	}
	q.mufloor[bmax - 1] = mu[bmax - 1];
	for (b = bmax - 1; b > 0; b--)
		q.mufloor[b - 1] = mu[b - 1] < q.mufloor[b] ? mu[b - 1] :
		    q.mufloor[b];
	q.mu = (float *)mu;
	q.bmax = bmax;
	q.k = k;
	q.p = p;
	rc = chain_solve(&q, lambda, &c);
	free(q.mufloor);
	if (rc == -1)
		return -1;
	*x = c.x;
	*nsys = c.nsys;
	*thr = c.thr;
	return 0;
}
