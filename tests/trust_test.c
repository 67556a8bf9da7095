/*
 * trust_test.c: unit tests of how far an answer can be trusted: the
 * jackknife (src/qval.c), the coverage of its intervals on synthetic
 * data drawn from known parameters with noise, and the measurements'
 * bracket (src/verdict.c). Prints TAP lines; exit 1 if one failed.
 *
 * Usage: trust_test [SEEDS]	(default 200 seeds per coverage check)
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capacity.h"
#include "qfit.h"
#include "qmodel.h"
#include "qval.h"
#include "verdict.h"

static int	ntest, nfail;

static void
check(int ok, const char *fmt, ...)
{
	va_list	ap;

	ntest++;
	if (!ok)
		nfail++;
	printf("%s %d - ", ok ? "ok" : "not ok", ntest);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

/* ------------------------------------------------------- the jackknife */

static void
test_jackknife(void)
{
	double	r[4] = { 1, 2, 3, 4 }, se, lo, hi;

	qv_interval(2.5, r, 4, -1e300, &se, &lo, &hi);
	/* se = sqrt(3/4 * 5), t(3) = 2.353 */
	check(fabs(se - sqrt(3.75)) < 1e-12 && fabs(lo - (2.5 - 2.353 *
	    sqrt(3.75))) < 1e-12 && fabs(hi - (2.5 + 2.353 * sqrt(3.75))) <
	    1e-12,
	    "jackknife of 1..4: se %.6f = sqrt(3.75), interval 2.5 -+ 2.353 se",
	    se);
	qv_interval(1, r, 4, 0, &se, &lo, &hi);
	check(lo == 0 && hi > 1, "an interval below the floor stops at 0");
	check(qv_t(1) == 6.314 && qv_t(8) == 1.860 && qv_t(30) == 1.697 &&
	    fabs(qv_t(40) - 1.684) < 1e-12 && qv_t(100000) > 1.645 &&
	    qv_t(100000) < 1.646, "t quantiles: df 1, 8, 30, 40 from the "
	    "table, then towards 1.645");
}

/* ----------------------------------------------------------- coverage */

static unsigned long long rng;

static double
uniform(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return ((double)(rng >> 11) + 0.5) / 9007199254740992.0;
}

static double
gauss(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

static const struct qparams truth = { 6.7, 0.025, 4e-5 };
static const struct qserver server = { 256, 8192, 256, QV_0_7 };

/*
 * A sweep of nrate loads of one shape, from 5% to 85% of what the true
 * server completes, each measured with relative noise sd.
 */
static int
sweep(struct qobs *o, double in, double out, int nrate, double sd)
{
	struct qshape	 sh = { in, out };
	struct qperf	 pf;
	double		 mu[256];
	int		 k;

	if (qmodel_rates(&truth, &server, &sh, mu) == -1)
		return -1;
	for (k = 0; k < nrate; k++) {
		o[k].rate = mu[255] * (0.05 + 0.8 * k / (nrate - 1));
		o[k].in_tokens = in * (1 + 0.02 * gauss());
		o[k].out_tokens = out * (1 + 0.02 * gauss());
		sh.in_tokens = o[k].in_tokens;
		sh.out_tokens = o[k].out_tokens;
		if (qmodel_eval(&truth, &server, &sh, o[k].rate, &pf) == -1)
			return -1;
		o[k].ttft = pf.ttft * (1 + sd * gauss());
		o[k].itl = pf.itl * (1 + sd * gauss());
	}
	return 0;
}

/* The true max rate at shape under slo, and the fit's interval of it. */
static int
rate_covered(const struct qval *v, const struct qparams *p,
    const struct qshape *sh, const struct slo *slo, double want)
{
	struct cap_model m;
	struct capacity	 c;
	struct wi_err	 e;
	double		 r[QV_MAX_FOLDS], se, lo, hi, est;
	size_t		 i;

	memset(&m, 0, sizeof(m));
	m.kind = CAP_QUEUE;
	m.shape = *sh;
	m.qs = server;
	m.qp = *p;
	if (cap_size(&m, slo, 0, &c, &e) == -1)
		return 0;
	est = c.max_rate;
	for (i = 0; i < v->nreps; i++) {
		m.qp = v->reps[i];
		r[i] = cap_size(&m, slo, 0, &c, &e) == -1 ? 0 : c.max_rate;
	}
	qv_interval(est, r, v->nreps, 0, &se, &lo, &hi);
	return lo <= want && want <= hi;
}

/*
 * nsw sweeps of shapes[] (in, out), nrate loads each, noise sd; over
 * seeds, the share of 90% intervals that hold the true alpha, beta,
 * gamma and max rate.
 */
static void
coverage(const char *what, const double (*shapes)[2], int nsw, int nrate,
    double sd, int seeds)
{
	struct qobs	 o[64];
	unsigned	 sw[64];
	struct qfit	 q;
	struct qpoint	 pred[64];
	struct qval	 v;
	struct qshape	 at = { shapes[0][0], shapes[0][1] };
	struct slo	 slo = { 0, 0 };
	struct cap_model m;
	struct capacity	 c;
	struct wi_err	 e;
	double		 tv[3] = { truth.alpha, truth.beta, truth.gamma };
	int		 hit[4] = { 0, 0, 0, 0 }, runs = 0, s, k, j, n;

	memset(o, 0, sizeof(o));	/* weights 0: unweighted */
	/* Targets at 1.5x and 2x the true zero-load values: binding. */
	memset(&m, 0, sizeof(m));
	m.kind = CAP_QUEUE;
	m.shape = at;
	m.qs = server;
	m.qp = truth;
	slo.ttft = 1e9;
	slo.itl = 1e9;
	cap_size(&m, &slo, 0, &c, &e);
	{
		struct qperf	pf;

		qmodel_eval(&truth, &server, &at, c.range_min, &pf);
		slo.ttft = 2 * pf.ttft;
		slo.itl = 1.5 * pf.itl;
	}
	cap_size(&m, &slo, 0, &c, &e);
	for (s = 0; s < seeds; s++) {
		rng = 0x9e3779b97f4a7c15ULL * (unsigned long long)(s + 1);
		for (n = 0, k = 0; k < nsw; k++) {
			if (sweep(o + n, shapes[k][0], shapes[k][1], nrate,
			    sd) == -1)
				break;
			for (j = 0; j < nrate; j++)
				sw[n + j] = (unsigned)k;
			n += nrate;
		}
		if (k < nsw || qfit(o, (size_t)n, &server, &q) == -1 ||
		    qfit_eval(o, (size_t)n, &server, &q.p, &q.score,
		    pred) == -1 || qval_run(o, sw, (size_t)n, &server, &q.p,
		    pred, 0, &v) == -1)
			continue;
		if (v.has_bars) {
			runs++;
			for (j = 0; j < 3; j++)
				hit[j] += v.lo[j] <= tv[j] && tv[j] <= v.hi[j];
			hit[3] += rate_covered(&v, &q.p, &at, &slo, c.max_rate);
		}
		qval_free(&v);
	}
	/* 90% nominal; a binomial of 200 spreads about +-2%. */
	check(runs == seeds && hit[0] >= 0.78 * runs && hit[0] <= 0.99 * runs &&
	    hit[1] >= 0.78 * runs && hit[1] <= 0.99 * runs &&
	    hit[3] >= 0.78 * runs && hit[3] <= 0.99 * runs,
	    "%s: 90%% intervals hold the truth in %.0f%% (alpha), %.0f%% "
	    "(beta), %.0f%% (gamma), %.0f%% (max rate %.3g req/s) of %d seeds",
	    what, 100.0 * hit[0] / runs, 100.0 * hit[1] / runs,
	    100.0 * hit[2] / runs, 100.0 * hit[3] / runs, c.max_rate, runs);
}

/* ---------------------------------------------------------- the bracket */

static struct bench	bv[8];
static struct sweep	swv[1];
static struct benchset	set;

static void
point(int i, const char *name, double rate, double ttft, double itl)
{
	memset(&bv[i], 0, sizeof(bv[i]));
	snprintf(bv[i].name, sizeof(bv[i].name), "%s", name);
	bv[i].type = S_CONSTANT;
	bench_set(&bv[i], BF_RPS, rate);
	bench_set(&bv[i], BF_COMPLETED, 100);
	bench_set(&bv[i], BF_PROMPT_TPR, 256);
	bench_set(&bv[i], BF_OUTPUT_TPR, 256);
	bench_set(&bv[i], BF_TTFT + ST_MEAN, ttft);
	bench_set(&bv[i], BF_ITL + ST_MEAN, itl);
	bench_set(&bv[i], BF_ITL + ST_P95, itl * 1.2);
}

static void
test_bracket(void)
{
	struct qshape	sh = { 256, 256 };
	struct slo	slo = { 100, 20 };
	struct verdict	v;

	set.v = bv;
	set.sw = swv;
	set.nsw = 1;
	point(0, "a", 1, 30, 10);
	point(1, "b", 5, 40, 14);
	point(2, "c", 9, 60, 18);
	point(3, "d", 13, 90, 26);	/* misses ITL: 26 > 20 */
	point(4, "e", 17, 200, 40);
	set.n = 5;
	verdict_measure(&set, &sh, &slo, ST_MEAN, &v);
	/* ITL 18 at 9, 26 at 13: 20 at 9 + 2/8 * 4 = 10 */
	check(v.have && v.pass == &bv[2] && v.miss == &bv[3] &&
	    v.below == &bv[2] && v.monotone && v.miss_by == BIND_ITL &&
	    fabs(v.rate - 10) < 1e-12 && v.npts == 5,
	    "bracket: pass c at 9, miss d at 13 (ITL), interpolated 10 req/s");
	verdict_compare(&v, &slo, 10.1);
	check(v.agree == VD_AGREE, "a model rate within 2%% of it agrees");
	verdict_compare(&v, &slo, 10.5);
	/* ITL 18 at 9, 26 at 13: 21 at 10.5 */
	check(v.agree == VD_OPTIMISTIC && v.against == &bv[3] &&
	    fabs(v.at_model - 21) < 1e-9, "10.5 req/s is optimistic, the "
	    "measured ITL there about 21 ms (%g)", v.at_model);
	verdict_compare(&v, &slo, 14);
	check(v.agree == VD_ABOVE_MISS && v.against == &bv[3],
	    "14 req/s lies above the miss at 13");
	verdict_compare(&v, &slo, 8);
	check(v.agree == VD_BELOW_PASS && v.against == &bv[2],
	    "8 req/s lies below the pass at 9");

	/* A noisy pass above the first miss: not monotone. */
	point(4, "e", 17, 50, 19);
	verdict_measure(&set, &sh, &slo, ST_MEAN, &v);
	check(v.have && !v.monotone && v.pass == &bv[4] && v.below ==
	    &bv[2] && fabs(v.rate - 10) < 1e-12, "a pass at 17 above the "
	    "miss at 13: not monotone, still interpolated below the miss");

	/* Every load passes; then every load misses. */
	slo.itl = 100;
	slo.ttft = 0;
	verdict_measure(&set, &sh, &slo, ST_MEAN, &v);
	check(v.have && v.miss == NULL && v.pass == &bv[4] && v.rate == 0,
	    "no miss: the highest pass, no interpolated rate");
	slo.itl = 5;
	verdict_measure(&set, &sh, &slo, ST_MEAN, &v);
	check(v.have && v.pass == NULL && v.miss == &bv[0] && v.below ==
	    NULL, "no pass: the lowest miss");

	/* Percentiles: p95 is read; the model's rate only bounds it. */
	slo.itl = 20;
	verdict_measure(&set, &sh, &slo, ST_P95, &v);
	check(v.have && v.itl_stat == ST_P95 && v.miss == &bv[2] &&
	    fabs(v.rate - (5 + (20 - 16.8) / (21.6 - 16.8) * 4)) < 1e-9,
	    "p95: ITL p95 16.8 at 5, 21.6 at 9: about %.4g req/s", v.rate);
	verdict_compare(&v, &slo, 12);
	check(v.agree == VD_AGREE, "p95: a model rate of means above the "
	    "miss is an upper bound, not a disagreement");
	verdict_measure(&set, &sh, &slo, ST_P99, &v);
	check(!v.have && strstr(v.why, "no ITL p99") != NULL,
	    "p99 where the input has none: no bracket, \"%s\"", v.why);

	/* Another shape: no point measured it. */
	sh.in_tokens = 1024;
	verdict_measure(&set, &sh, &slo, ST_MEAN, &v);
	check(!v.have && strstr(v.why, "no sweep measured") != NULL,
	    "a shape nobody measured: \"%s\"", v.why);
}

int
main(int argc, char *argv[])
{
	static const double one[1][2] = { { 1000, 1000 } };
	static const double six[6][2] = { { 256, 256 }, { 1024, 256 },
	    { 256, 1024 }, { 1024, 1024 }, { 4096, 256 }, { 512, 2048 } };
	int	seeds = argc > 1 ? atoi(argv[1]) : 200;

	test_jackknife();
	test_bracket();
	coverage("one sweep, 9 loads, 3% noise (each load left out)", one, 1,
	    9, 0.03, seeds);
	coverage("six sweeps, 7 loads each, 3% noise (each sweep left out)",
	    six, 6, 7, 0.03, seeds / 2);
	printf("1..%d\n", ntest);
	return nfail > 0;
}
