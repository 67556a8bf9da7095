/*
 * qfit.c: fit alpha, beta, gamma of qmodel to measured points.
 *
 * The loss is model-trainer's (qfit.h), a sum of squares of 2N
 * residuals, so the fit is Levenberg-Marquardt on those residuals
 * rather than model-trainer's derivative-free Nelder-Mead:
 *
 *	- parameters are scaled by a typical size taken from the data
 *	  (scales()), the Jacobian comes from central differences of
 *	  0.1% of a parameter (one-sided at the bound 0);
 *	- the bound p >= 0 is kept by projection: a step that would make
 *	  a parameter negative stops it at 0, and a parameter at 0 whose
 *	  gradient points outwards is held there (an active set);
 *	- a start stops when an accepted step lowers the loss by less than
 *	  QFIT_FTOL relative or moves the parameters by less than
 *	  QFIT_XTOL relative, when no step helps however damped (the loss
 *	  is at its floor: the model computes in float, so the loss is
 *	  only smooth down to about 1e-7 relative), or after QFIT_MAXIT
 *	  Jacobians;
 *	- QFIT_STARTS fixed starts, spread over two orders of magnitude
 *	  around the data's scales, plus model-trainer's own start; the
 *	  best end wins, and how many starts reached it is reported.
 * Everything is deterministic: fixed starts, fixed steps, no random.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qfit.h"

/* A point's weight: 0 counts as 1. */
static double
weight(const struct qobs *o)
{
	return o->weight > 0 ? o->weight : 1;
}

/*
 * Do the points' weights differ? Then *scale turns a weight into its
 * share of n: w * n / sum w (a mean of 1). Equal weights are the
 * unweighted loss, computed as such.
 */
static int
weighted(const struct qobs *o, size_t n, double *scale)
{
	double	sum = 0;
	size_t	i;
	int	differ = 0;

	for (i = 0; i < n; i++) {
		sum += weight(&o[i]);
		differ |= weight(&o[i]) != weight(&o[0]);
	}
	*scale = differ && sum > 0 ? (double)n / sum : 1;
	return differ && sum > 0 && isfinite(sum);
}

int
qfit_eval(const struct qobs *o, size_t n, const struct qserver *s,
    const struct qparams *pa, struct qscore *sc, struct qpoint *pts)
{
	struct qshape	 shape;
	struct qperf	 perf;
	double		 et, ei, rt, ri, sum = 0, cumt = 0, cumi = 0, scale,
			 w;
	size_t		 i;
	int		 wt = weighted(o, n, &scale);

	memset(sc, 0, sizeof(*sc));
	if (pts != NULL)
		memset(pts, 0, n * sizeof(*pts));
	for (i = 0; i < n; i++) {
		shape.in_tokens = o[i].in_tokens;
		shape.out_tokens = o[i].out_tokens;
		if (qmodel_eval(pa, s, &shape, o[i].rate, &perf) == -1) {
			sc->loss = sc->err_ttft = sc->err_itl = INFINITY;
			sc->failed = i + 1;
			return -1;
		}
		/* model-trainer: float32 predictions, float64 from here. */
		et = fabs(perf.ttft - o[i].ttft);
		ei = fabs(perf.itl - o[i].itl);
		if (o[i].ttft > 0 && o[i].itl > 0) {
			rt = et / o[i].ttft;
			ri = ei / o[i].itl;
		} else {
			rt = et;
			ri = ei;
		}
		if (wt) {
			w = weight(&o[i]) * scale;
			sum += w * (rt * rt + ri * ri);
			cumt += w * et;
			cumi += w * ei;
		} else {
			sum += rt * rt + ri * ri;
			cumt += et;
			cumi += ei;
		}
		if (pts != NULL) {
			pts[i].ttft = perf.ttft;
			pts[i].itl = perf.itl;
			pts[i].rel_ttft = perf.ttft < o[i].ttft ? -rt : rt;
			pts[i].rel_itl = perf.itl < o[i].itl ? -ri : ri;
		}
	}
	sc->loss = sum / (double)n;
	sc->err_ttft = cumt / (double)n;
	sc->err_itl = cumi / (double)n;
	return 0;
}

/* ------------------------------------------------------------ the problem */

struct prob {
	const struct qobs	*o;
	size_t			 n, m;		/* points, residuals (2n) */
	const struct qserver	*s;
	double			 scale[3];
	double			*r, *rt, *rt2, *jac;	/* m, m, m, 3m */
	double			*sw;	/* sqrt of each weight, or NULL */
	int			 evals;
};

/* Signed residuals at u (scaled); the loss, or +Inf. */
static double
resid(struct prob *pr, const double *u, double *r)
{
	struct qparams	 pa;
	struct qshape	 shape;
	struct qperf	 perf;
	double		 sum = 0, rt, ri;
	size_t		 i;

	pr->evals++;
	pa.alpha = u[0] * pr->scale[0];
	pa.beta = u[1] * pr->scale[1];
	pa.gamma = u[2] * pr->scale[2];
	for (i = 0; i < pr->n; i++) {
		shape.in_tokens = pr->o[i].in_tokens;
		shape.out_tokens = pr->o[i].out_tokens;
		if (qmodel_eval(&pa, pr->s, &shape, pr->o[i].rate, &perf) == -1)
			return INFINITY;
		rt = perf.ttft - pr->o[i].ttft;
		ri = perf.itl - pr->o[i].itl;
		if (pr->o[i].ttft > 0 && pr->o[i].itl > 0) {
			rt /= pr->o[i].ttft;
			ri /= pr->o[i].itl;
		}
		if (pr->sw != NULL) {
			rt *= pr->sw[i];
			ri *= pr->sw[i];
		}
		r[2 * i] = rt;
		r[2 * i + 1] = ri;
		sum += rt * rt + ri * ri;
	}
	return sum / (double)pr->n;
}

/*
 * Jacobian of the residuals at u by central differences (forward ones
 * next to the bound); -1 if the model fails on both sides.
 */
static int
jacobian(struct prob *pr, const double *u, const double *r0, int central)
{
	double	v[3], h, fa, fb;
	size_t	k;
	int	j;

	for (j = 0; j < 3; j++) {
		memcpy(v, u, sizeof(v));
		h = 1e-3 * fmax(fabs(u[j]), 0.1);
		v[j] = u[j] + h;
		fa = resid(pr, v, pr->rt);
		if (central && u[j] - h >= 0) {
			v[j] = u[j] - h;
			fb = resid(pr, v, pr->rt2);
			if (isinf(fa) && isinf(fb))
				return -1;
			if (isinf(fa) || isinf(fb))
				return -1;
			for (k = 0; k < pr->m; k++)
				pr->jac[3 * k + j] = (pr->rt[k] - pr->rt2[k]) /
				    (2 * h);
		} else {
			if (isinf(fa))
				return -1;
			for (k = 0; k < pr->m; k++)
				pr->jac[3 * k + j] = (pr->rt[k] - r0[k]) / h;
		}
	}
	return 0;
}

/* Solve a x = b for the rows/columns in use (n <= 3); -1 if singular. */
static int
solve3(double a[3][3], double *b, const int *use, double *x)
{
	double	m[3][4], t;
	int	idx[3], n = 0, i, j, k, piv;

	for (i = 0; i < 3; i++) {
		x[i] = 0;
		if (use[i])
			idx[n++] = i;
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			m[i][j] = a[idx[i]][idx[j]];
		m[i][n] = b[idx[i]];
	}
	for (k = 0; k < n; k++) {
		for (piv = k, i = k + 1; i < n; i++)
			if (fabs(m[i][k]) > fabs(m[piv][k]))
				piv = i;
		if (!(fabs(m[piv][k]) > 0))
			return -1;
		for (j = 0; j <= n; j++) {
			t = m[k][j];
			m[k][j] = m[piv][j];
			m[piv][j] = t;
		}
		for (i = k + 1; i < n; i++) {
			t = m[i][k] / m[k][k];
			for (j = k; j <= n; j++)
				m[i][j] -= t * m[k][j];
		}
	}
	for (k = n - 1; k >= 0; k--) {
		t = m[k][n];
		for (j = k + 1; j < n; j++)
			t -= m[k][j] * x[idx[j]];
		x[idx[k]] = t / m[k][k];
	}
	return 0;
}

/* J^T J and J^T r. */
static void
normal_eq(const struct prob *pr, const double *r, double a[3][3], double *g)
{
	size_t	k;
	int	i, j;

	memset(a, 0, 9 * sizeof(double));
	memset(g, 0, 3 * sizeof(double));
	for (k = 0; k < pr->m; k++)
		for (i = 0; i < 3; i++) {
			g[i] += pr->jac[3 * k + i] * r[k];
			for (j = 0; j < 3; j++)
				a[i][j] += pr->jac[3 * k + i] *
				    pr->jac[3 * k + j];
		}
}

/*
 * One damped step from u: the trial point in un, its loss returned.
 * Parameters held at the bound do not move; the others stop at 0.
 */
static double
lm_trial(struct prob *pr, const double *u, double a[3][3], const double *g,
    const int *use, double lambda, double *un)
{
	double	d[3][3], b[3], x[3];
	int	i, j;

	for (i = 0; i < 3; i++) {
		for (j = 0; j < 3; j++)
			d[i][j] = a[i][j];
		d[i][i] += lambda * fmax(a[i][i], 1e-12);
		b[i] = -g[i];
	}
	if (solve3(d, b, use, x) == -1)
		return INFINITY;
	for (i = 0; i < 3; i++)
		un[i] = use[i] ? fmax(u[i] + x[i], 0) : u[i];
	return resid(pr, un, pr->rt);
}

/* Levenberg-Marquardt from u (scaled, >= 0); the loss at the end. */
static double
lm(struct prob *pr, double *u, double ftol, int maxtries)
{
	double	a[3][3], g[3], un[3], f, fn = 0, lambda = 1e-3, step, size;
	int	use[3], it, i, moved, tries;

	if (isinf(f = resid(pr, u, pr->r)))
		return f;
	for (it = 0; it < QFIT_MAXIT && f > 0; it++) {
		if (jacobian(pr, u, pr->r, f - fn < 1e-3 * f) == -1)
			break;
		normal_eq(pr, pr->r, a, g);
		for (i = 0; i < 3; i++)
			use[i] = !(u[i] <= 0 && g[i] > 0);
		for (moved = 0, tries = 0; tries < maxtries; tries++) {
			fn = lm_trial(pr, u, a, g, use, lambda, un);
			if (fn < f) {
				moved = 1;
				break;
			}
			lambda *= 4;
		}
		if (!moved)
			break;		/* the loss is at its floor */
		for (step = size = 0, i = 0; i < 3; i++) {
			step += (un[i] - u[i]) * (un[i] - u[i]);
			size += u[i] * u[i];
		}
		memcpy(u, un, 3 * sizeof(double));
		memcpy(pr->r, pr->rt, pr->m * sizeof(double));
		lambda = fmax(lambda / 3, 1e-9);
		if ((f - fn) < ftol * f || step < QFIT_XTOL * QFIT_XTOL *
		    size) {
			f = fn;
			break;
		}
		f = fn;
	}
	return f;
}

/* ------------------------------------------------------------ the fit */

/*
 * Typical sizes of the parameters from the data: alpha about the ITL at
 * the lowest rate; beta and gamma such that their batch terms at the
 * max batch size are as large as alpha.
 */
static void
scales(const struct qobs *o, size_t n, const struct qserver *s, double *sc)
{
	double	itl = 0, rate = INFINITY, in = 0, out = 0, b = s->max_batch;
	size_t	i;

	for (i = 0; i < n; i++) {
		in += o[i].in_tokens / (double)n;
		out += o[i].out_tokens / (double)n;
		if (o[i].itl > 0 && o[i].rate < rate) {
			rate = o[i].rate;
			itl = o[i].itl;
		}
	}
	if (!(itl > 0) || !isfinite(itl))
		itl = 1;
	out = fmax(out, 1);
	sc[0] = itl;
	sc[1] = itl / (b * ((in + out) / (out + 1)));
	sc[2] = itl / (b * (in + out / 2 + 1));
}

static int
distinct_rates(const struct qobs *o, size_t n)
{
	size_t	i, j;
	int	k = 0;

	for (i = 0; i < n; i++) {
		for (j = 0; j < i; j++)
			if (fabs(o[i].rate - o[j].rate) <=
			    QFIT_RATE_SEP * fmax(o[i].rate, o[j].rate))
				break;
		if (j == i)
			k++;
	}
	return k;
}

/*
 * How much the loss rises when parameter i moves by half its value (by
 * its scale from 0) and the others follow: from the Gauss-Newton model
 * H = 2/N J^T J, the profile rises by g_i d + d^2 / (2 (H^-1)_ii).
 * With the residuals' variance estimated as loss/2, chi^2 grows by
 * 2N rise, so a rise below 1/(2N) (QFIT_FLAT/N) is within one standard
 * error: the data do not tell the parameter from half or 1.5 times it.
 */
/*
 * The condition number of a symmetric 3x3 matrix: the ratio of its
 * largest to its smallest eigenvalue (Jacobi rotations); +Inf when it
 * is singular or not positive definite.
 */
static double
condition(double m[3][3])
{
	double	a[3][3], th, t, c, sn, x, lo, hi;
	int	sweep, p, q, k;

	memcpy(a, m, sizeof(a));
	for (sweep = 0; sweep < 50; sweep++) {
		if (fabs(a[0][1]) + fabs(a[0][2]) + fabs(a[1][2]) <= 1e-300)
			break;
		for (p = 0; p < 2; p++)
			for (q = p + 1; q < 3; q++) {
				if (a[p][q] == 0)
					continue;
				th = (a[q][q] - a[p][p]) / (2 * a[p][q]);
				t = (th >= 0 ? 1 : -1) / (fabs(th) +
				    sqrt(th * th + 1));
				c = 1 / sqrt(t * t + 1);
				sn = t * c;
				for (k = 0; k < 3; k++) {	/* columns */
					x = a[k][p];
					a[k][p] = c * x - sn * a[k][q];
					a[k][q] = sn * x + c * a[k][q];
				}
				for (k = 0; k < 3; k++) {	/* rows */
					x = a[p][k];
					a[p][k] = c * x - sn * a[q][k];
					a[q][k] = sn * x + c * a[q][k];
				}
			}
	}
	lo = fmin(a[0][0], fmin(a[1][1], a[2][2]));
	hi = fmax(a[0][0], fmax(a[1][1], a[2][2]));
	return lo > 0 && isfinite(hi) ? hi / lo : INFINITY;
}

static void
rises(struct prob *pr, const double *u, double f, double *rise,
    double *cond)
{
	double	a[3][3], g[3], e[3], x[3], d;
	int	all[3] = { 1, 1, 1 }, i, j;

	for (i = 0; i < 3; i++)
		rise[i] = 0;
	*cond = INFINITY;
	if (isinf(resid(pr, u, pr->r)) || jacobian(pr, u, pr->r, 1) == -1)
		return;
	normal_eq(pr, pr->r, a, g);
	for (i = 0; i < 3; i++) {
		g[i] *= 2 / (double)pr->n;
		for (j = 0; j < 3; j++)
			a[i][j] *= 2 / (double)pr->n;
	}
	*cond = condition(a);
	for (i = 0; i < 3; i++) {
		memset(e, 0, sizeof(e));
		e[i] = 1;
		if (solve3(a, e, all, x) == -1 || !(x[i] > 0))
			continue;	/* singular: flat, rise 0 */
		d = u[i] > 0 ? 0.5 * u[i] : 1;
		rise[i] = ((u[i] > 0 ? 0 : fmax(g[i], 0) * d) +
		    d * d / (2 * x[i])) / (f > 0 ? f : 1e-300);
	}
}

static void
diagnose(struct prob *pr, const double *u, struct qfit *q)
{
	int	j;

	rises(pr, u, q->score.loss, q->rise, &q->cond);
	for (j = 0; j < 3; j++) {
		if (u[j] <= 0)
			q->flags |= QF_BOUND_ALPHA << j;
		if (q->rise[j] * (double)pr->n < QFIT_FLAT)
			q->flags |= QF_FLAT_ALPHA << j;
	}
	q->rates = distinct_rates(pr->o, pr->n);
	if (q->rates < 3)
		q->flags |= QF_FEW_RATES;
	if (q->agree < 2)
		q->flags |= QF_DISAGREE;
}

/* The starts, in units of the scales, and model-trainer's. */
static void
start(int k, const double *sc, double *u)
{
	static const double	rel[QFIT_STARTS - 1][3] = {
		{ 1, 1, 1 }, { 0.5, 5, 0.2 }, { 0.8, 0.2, 5 }
	};
	static const double	mt[3] = { 1, 0.01, 0.0001 };
	int			j;

	for (j = 0; j < 3; j++)
		u[j] = k < QFIT_STARTS - 1 ? rel[k][j] : mt[j] / sc[j];
}

static void
prob_free(struct prob *pr)
{
	free(pr->r);
	free(pr->sw);
}

/* The problem of n points: 0, or -1 (a value not finite, no memory). */
static int
prob_init(struct prob *pr, const struct qobs *o, size_t n,
    const struct qserver *s)
{
	double	scale;
	size_t	i;

	memset(pr, 0, sizeof(*pr));
	for (i = 0; i < n; i++)
		if (!isfinite(o[i].rate) || !isfinite(o[i].in_tokens) ||
		    !isfinite(o[i].out_tokens) || !isfinite(o[i].ttft) ||
		    !isfinite(o[i].itl))
			return -1;
	pr->o = o;
	pr->n = n;
	pr->m = 2 * n;
	pr->s = s;
	scales(o, n, s, pr->scale);
	if (n == 0 || (pr->r = calloc(6 * pr->m, sizeof(double))) == NULL)
		return -1;
	if (weighted(o, n, &scale)) {
		if ((pr->sw = calloc(n, sizeof(double))) == NULL) {
			free(pr->r);
			return -1;
		}
		for (i = 0; i < n; i++)
			pr->sw[i] = sqrt(weight(&o[i]) * scale);
	}
	pr->rt = pr->r + pr->m;
	pr->rt2 = pr->rt + pr->m;
	pr->jac = pr->rt2 + pr->m;
	return 0;
}

static void
unscale(const struct prob *pr, const double *u, struct qparams *p)
{
	p->alpha = u[0] * pr->scale[0];
	p->beta = u[1] * pr->scale[1];
	p->gamma = u[2] * pr->scale[2];
}

int
qfit(const struct qobs *o, size_t n, const struct qserver *s, struct qfit *q)
{
	struct prob	 pr;
	struct qpoint	*pts;
	double		 u[3], best[3] = { 0, 0, 0 }, f[QFIT_STARTS],
			 fbest = INFINITY;
	int		 k;

	memset(q, 0, sizeof(*q));
	if (prob_init(&pr, o, n, s) == -1) {
		q->flags = QF_FAILED;
		return -1;
	}
	if ((pts = calloc(n, sizeof(*pts))) == NULL) {
		prob_free(&pr);
		q->flags = QF_FAILED;
		return -1;
	}
	for (k = 0; k < QFIT_STARTS; k++) {
		start(k, pr.scale, u);
		f[k] = lm(&pr, u, QFIT_FTOL, QFIT_TRIES);
		if (f[k] < fbest) {
			fbest = f[k];
			memcpy(best, u, sizeof(best));
		}
	}
	q->starts = QFIT_STARTS;
	for (k = 0; k < QFIT_STARTS; k++)
		if (f[k] <= fbest * (1 + QFIT_AGREE) + 1e-300)
			q->agree++;
	unscale(&pr, best, &q->p);
	if (isinf(fbest) || qfit_eval(o, n, s, &q->p, &q->score, pts) == -1) {
		q->flags = QF_FAILED;
		free(pts);
		prob_free(&pr);
		return -1;
	}
	diagnose(&pr, best, q);
	q->evals = pr.evals;
	free(pts);
	prob_free(&pr);
	return 0;
}

int
qfit_from(const struct qobs *o, size_t n, const struct qserver *s,
    const struct qparams *start, struct qparams *out, double *loss)
{
	struct prob	pr;
	double		u[3];

	if (prob_init(&pr, o, n, s) == -1)
		return -1;
	u[0] = fmax(start->alpha, 0) / pr.scale[0];
	u[1] = fmax(start->beta, 0) / pr.scale[1];
	u[2] = fmax(start->gamma, 0) / pr.scale[2];
	*loss = lm(&pr, u, QFIT_REFIT_FTOL, QFIT_REFIT_TRIES);
	unscale(&pr, u, out);
	prob_free(&pr);
	return isinf(*loss) ? -1 : 0;
}
