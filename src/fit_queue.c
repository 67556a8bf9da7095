/*
 * fit_queue.c: --model queue, alpha, beta and gamma of the queueing model
 * (qmodel.h) fitted by qfit, or given (--params) and scored by qfit_eval.
 *
 * A point is a benchmark that completed requests, with its achieved
 * rate (successful requests/s), mean prompt and output tokens per
 * request, TTFT (--ttft: the median by default, as model-trainer) and
 * ITL (the mean; the median where a point lacks means). The throughput
 * run is left out unless --points names it: the client sends as fast as
 * the server takes, so its arrival rate is the server's own throughput,
 * not a load the model can be asked about. A value of a benchmark the
 * fit does not read (a garbage TTFT mean under --ttft median) is never
 * looked at.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fit.h"
#include "points.h"

/* Is b a point: named by --points, or by default all but throughput? */
static int
taken(const struct benchset *set, const struct solve_opts *o,
    const struct bench *b)
{
	int	dflt = b->type != S_THROUGHPUT && !bench_is_zero(b);

	return o->points != NULL ? points_take(set, o->points, b, dflt) :
	    dflt;
}

/* ITL mean if every candidate has one, else the median. */
static enum statistic
itl_stat(const struct benchset *set, const struct solve_opts *o)
{
	const struct bench *b;
	size_t	i;

	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (taken(set, o, b))
			if (!bench_has(b, BF_ITL + ST_MEAN) &&
			    bench_has(b, BF_ITL + ST_MEDIAN))
				return ST_MEDIAN;
	}
	return ST_MEAN;
}

/*
 * The TTFT statistic: --ttft's, but the mean where every candidate has
 * a mean and none a median (metrics give histogram sums and counts).
 */
static enum statistic
ttft_stat(const struct benchset *set, const struct solve_opts *o)
{
	const struct bench *b;
	size_t	i, n = 0;

	if (o->ttft_stat == ST_MEAN)
		return ST_MEAN;
	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (!taken(set, o, b))
			continue;
		if (bench_has(b, BF_TTFT + ST_MEDIAN) ||
		    !bench_has(b, BF_TTFT + ST_MEAN))
			return ST_MEDIAN;
		n++;
	}
	return n > 0 ? ST_MEAN : ST_MEDIAN;
}

/*
 * Why b cannot be a point, or NULL: a value missing, not finite or out
 * of the model's domain.
 */
static const char *
lacks(const struct bench *b, int ttft, int itl)
{
	static const struct { int f; double min; const char *what; } need[] = {
		{ BF_RPS, 0, "request rate" },
		{ BF_PROMPT_TPR, -1, "prompt tokens per request" },
		{ BF_OUTPUT_TPR, 0.999, "output tokens per request" },
		{ -1, 0, NULL },	/* TTFT, ITL: named by statistic */
		{ -2, 0, NULL }
	};
	static const char *const stat[2][2] = {
		{ "TTFT mean", "TTFT median" }, { "ITL mean", "ITL median" } };
	const char *what;
	size_t	i;
	int	f;

	if (bench_is_zero(b) || (bench_has(b, BF_COMPLETED) &&
	    b->v[BF_COMPLETED] <= 0))
		return "completed no requests";
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		f = need[i].f == -1 ? ttft : need[i].f == -2 ? itl : need[i].f;
		what = need[i].what;
		if (what == NULL)
			what = stat[need[i].f == -2][f == ttft ?
			    ttft - BF_TTFT == ST_MEDIAN : itl - BF_ITL ==
			    ST_MEDIAN];
		if (!bench_has(b, f) || !isfinite(b->v[f]) ||
		    !(b->v[f] > need[i].min))
			return what;
	}
	return NULL;
}

static void
add_point(struct fit *f, const struct bench *b, int ttft, int itl)
{
	struct qobs	*q = &f->model->obs[f->npts];
	struct fit_point *p = &f->pts[f->npts++];

	p->b = b;
	p->batch = 0;
	p->itl = q->itl = b->v[itl];
	p->ttft = q->ttft = b->v[ttft];
	p->has_ttft = 1;
	p->tokens = q->in_tokens = b->v[BF_PROMPT_TPR];
	q->out_tokens = b->v[BF_OUTPUT_TPR];
	q->rate = b->v[BF_RPS];
	/* A pool of metrics windows weighs as its requests (mstore.h). */
	q->weight = (b->src == SRC_PROM_TEXT || b->src == SRC_PROM_RANGE) &&
	    bench_has(b, BF_COMPLETED) ? b->v[BF_COMPLETED] : 0;
}

/*
 * The benchmarks left out for lacking a value, one note for them all:
 * "left out: constant@30.77, constant@38.32 (they have no usable TTFT
 * mean); constant#3 (it completed no requests)", each reason once, in the
 * order first seen. out[] holds them (why[] their reasons), n of them.
 */
static void
tell_left_out(const struct bench *const *out, const char *const *why,
    size_t n, const struct wi_warn *w)
{
	char	text[400];
	size_t	i, k, m, len = 0, sz = sizeof(text);

	text[0] = '\0';
	for (i = 0; i < n && len < sz; i++) {
		for (k = 0; k < i && why[k] != why[i]; k++)
			continue;
		if (k < i)
			continue;	/* that reason is told */
		for (m = 0, k = i; k < n && len < sz; k++)
			if (why[k] == why[i])
				len += (size_t)snprintf(text + len, sz - len,
				    "%s%s", m++ > 0 ? ", " : i > 0 ? "; " : "",
				    out[k]->name);
		if (len < sz)
			len += (size_t)snprintf(text + len, sz - len,
			    " (%s %s%s)", m > 1 ? "they" : "it", why[i][0] ==
			    'c' ? "" : m > 1 ? "have no usable " :
			    "has no usable ", why[i]);
	}
	if (len >= sz)
		strcpy(text + sz - 4, "...");
	wi_notef(w, out[0]->file, out[0]->line, "left out: %s", text);
}

/*
 * The points. A benchmark that lacks a value is left out (an error if
 * --points names it), the throughput run too unless --points names it:
 * *thr_out is 1 when one was, for the note of defaults.
 */
static int
gather(const struct benchset *set, const struct solve_opts *o, struct fit *f,
    int *thr_out, const struct wi_warn *w, struct wi_err *err)
{
	const struct bench *b, **out;
	const char	*why, **whys;
	size_t		 i, nout = 0;
	int		 ttft = BF_TTFT + f->ttft_stat, itl = BF_ITL + f->itl_stat;
	int		 named, rc = -1;

	*thr_out = 0;
	out = calloc(set->n, sizeof(*out));
	whys = calloc(set->n, sizeof(*whys));
	if (out == NULL || whys == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto done;
	}
	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		named = o->points != NULL && points_named(set, o->points, b);
		if (b->type == S_THROUGHPUT && !named) {
			/* Unless --points left it out by name, say why. */
			if (o->points == NULL ||
			    points_take(set, o->points, b, 1))
				*thr_out = o->max_points == 0;	/* --as says */
			continue;
		}
		/* By default a run that completed nothing is told. */
		if (!taken(set, o, b) && !(o->points == NULL &&
		    bench_is_zero(b)))
			continue;
		if (o->max_points > 0 && f->npts == o->max_points)
			break;		/* --as: the first N points */
		if ((why = lacks(b, ttft, itl)) == NULL) {
			add_point(f, b, ttft, itl);
			continue;
		}
		if (named) {
			wi_seterr(err, WI_EINPUT, b->file, b->line, "benchmark "
			    "%s of --points %s%s", b->name, why[0] == 'c' ?
			    "" : "has no usable ", why);
			goto done;
		}
		out[nout] = b;
		whys[nout++] = why;
	}
	if (nout > 0)
		tell_left_out(out, whys, nout, w);
	if (f->npts < (o->params.given ? 1u : 2u)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--model queue needs %s "
		    "benchmark%s with completed requests, a rate, tokens per "
		    "request, TTFT and ITL in %s; found %zu%s",
		    o->params.given ? "a" : "two", o->params.given ? "" : "s",
		    o->inputs, f->npts, *thr_out ? " (the throughput run is "
		    "left out: name it in --points to fit it)" : "");
		goto done;
	}
	rc = 0;
done:
	free(out);
	free(whys);
	return rc;
}

static void
server(const struct solve_opts *o, struct fit_model *m)
{
	m->batch_default = o->max_batch == 0;
	m->qs.max_batch = m->batch_default ? QUEUE_BATCH : (int)o->max_batch;
	m->qs.max_queue = o->max_queue < 0 ? m->qs.max_batch :
	    (int)o->max_queue;
	m->qs.max_tokens = (int)o->max_tokens;
	m->qs.version = o->qversion;
	m->preset = o->preset;
}

/*
 * The model fails on a point whatever the parameters, or at these: the
 * first point it refuses, else point k (1-based; 0: the first).
 */
static int
failed(const struct fit *f, size_t k, const struct qparams *p,
    struct wi_err *err)
{
	const struct bench *b;
	const struct qobs *q;
	struct qshape	 sh;
	const char	*why = NULL;
	size_t		 i;

	for (i = 0; i < f->npts && why == NULL; i++) {
		q = &f->model->obs[i];
		sh.in_tokens = q->in_tokens;
		sh.out_tokens = q->out_tokens;
		if ((why = qmodel_check(p, &f->model->qs, &sh, q->rate)) !=
		    NULL)
			k = i + 1;
	}
	b = f->pts[k > 0 ? k - 1 : 0].b;

	wi_seterr(err, WI_EINPUT, b->file, b->line, "the queueing model fails "
	    "on benchmark %s: %s", b->name, why != NULL ? why : "the "
	    "server is too slow for these tokens, or the rate too far "
	    "beyond what it completes");
	return -1;
}

static const char *const pname[] = { "alpha", "beta", "gamma" };

/* What the fit's flags say, as warnings and notes. */
static void
diagnose(const struct fit *f, const struct wi_warn *w)
{
	const struct qfit *q = &f->model->q;
	char	what[256];
	size_t	len = 0;
	int	i, bound, flat;

	/* One line for the parameters the points leave loose. */
	for (i = 0; i < 3; i++) {
		bound = (q->flags & (QF_BOUND_ALPHA << i)) != 0;
		flat = (q->flags & (QF_FLAT_ALPHA << i)) != 0;
		if (!bound && !flat)
			continue;
		len += (size_t)snprintf(what + len, sizeof(what) - len,
		    "%s%s (", len > 0 ? ", " : "", pname[i]);
		if (bound)
			len += (size_t)snprintf(what + len, sizeof(what) - len,
			    "at its bound 0%s", flat ? "; " : "");
		if (flat)
			len += (size_t)snprintf(what + len, sizeof(what) - len,
			    "moved 50%%, the loss rises %.2g%%",
			    100 * q->rise[i]);
		len += (size_t)snprintf(what + len, sizeof(what) - len, ")");
	}
	if (len > 0)
		wi_warnf(w, NULL, 0, "the points do not determine %s%s", what,
		    (q->flags & (QF_BOUND_ALPHA | QF_BOUND_BETA | QF_FLAT_ALPHA |
		    QF_FLAT_BETA)) == 0 ? ": short prompts read little KV "
		    "cache" : "");
	if (q->flags & QF_FEW_RATES)
		wi_warnf(w, NULL, 0, "only %d distinct request rate%s: three "
		    "or more are needed to tell the parameters apart",
		    q->rates, q->rates == 1 ? "" : "s");
	/*
	 * That only one start reached the best loss is not told: it asks
	 * nothing of the user, and where it matters a parameter is loose.
	 */
}

/* A share as a percentage: 3 digits, whole above 1000%, %g beyond 1e9. */
static const char *
pc(char *buf, size_t sz, double x)
{
	x *= 100;
	snprintf(buf, sz, x >= 1000 && x < 1e9 ? "%.0f%%" : "%.3g%%", x);
	return buf;
}

/* A point as --points names it: SWEEP:NAME where there are sweeps. */
static const char *
point_ref(const struct benchset *set, const struct fit *f,
    const struct bench *b, char *buf, size_t sz)
{
	if (f->model->val.nsw < 2)
		return b->name;
	snprintf(buf, sz, "%s:%s", benchset_short(set, b->sweep), b->name);
	return buf;
}

/*
 * "TTFT 28.2% RMS, ITL 9.1%" for the kinds of error over the bound (the
 * worse of the two first when both), and which kind's worst point is
 * the worst; -1 if none is over.
 */
static int
over(const struct qv_err *e[2], const double *bound, const struct qv_err
    *base[2], char *buf, size_t sz)
{
	char	p[32];
	size_t	len = 0;
	int	i, k = -1;

	buf[0] = '\0';
	for (i = 0; i < 2; i++) {
		if (e[i]->n == 0 || !(base != NULL ? e[i]->rms > QV_WORSE *
		    base[i]->rms && e[i]->rms > QV_WORSE_MIN : e[i]->rms >
		    bound[0] || e[i]->worst > bound[1]))
			continue;
		len += (size_t)snprintf(buf + len, sz - len, "%s%s %s RMS",
		    len > 0 ? ", " : "", i == 0 ? "TTFT" : "ITL",
		    pc(p, sizeof(p), e[i]->rms));
		if (base != NULL)
			len += (size_t)snprintf(buf + len, sz - len, " (%s in "
			    "sample)", pc(p, sizeof(p), base[i]->rms));
		if (k == -1 || e[i]->worst > e[k]->worst)
			k = i;
	}
	return k;
}

/*
 * The fit is poor in sample (QV_POOR_*), or much worse out of sample
 * than in (QV_WORSE): one warning each, naming the worst point and how
 * to leave it out.
 */
static void
trust(const struct benchset *set, const struct fit *f,
    const struct wi_warn *w)
{
	static const double bound[2] = { QV_POOR_RMS, QV_POOR_PT };
	const struct qval *v = &f->model->val;
	const struct qv_err *in[2] = { &v->in.ttft, &v->in.itl };
	const struct qv_err *out[2] = { &v->out.ttft, &v->out.itl };
	const struct bench *b, *at = NULL;
	char	what[128], ref[WI_NAME_MAX + 256], msg[768], p[32];
	size_t	i, len = 0;
	int	k, top;

	msg[0] = '\0';
	if ((k = over(in, bound, NULL, what, sizeof(what))) != -1) {
		at = b = f->pts[in[k]->worst_pt].b;
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "poor "
		    "fit%s: %s; the worst point, %s, is off by %s in %s "
		    "(--points -%s leaves it out)", v->method == QV_GIVEN ?
		    " of the given parameters" : "", what, b->name,
		    pc(p, sizeof(p), in[k]->worst), k == 0 ? "TTFT" : "ITL",
		    point_ref(set, f, b, ref, sizeof(ref)));
	}
	if ((v->method == QV_SWEEPS || v->method == QV_LOADS) &&
	    (k = over(out, bound, in, what, sizeof(what))) != -1 &&
	    len < sizeof(msg)) {
		b = f->pts[out[k]->worst_pt].b;
		if (at == NULL)
			at = b;
		for (top = 1, i = 0; i < f->npts; i++)
			top &= f->model->obs[i].rate <=
			    f->model->obs[out[k]->worst_pt].rate;
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%sout "
		    "of sample (%s left out in turn, refitted on the rest) "
		    "the fit is more than twice as far off: %s; the worst, "
		    "%s%s, by %s in %s", len > 0 ? "; and " : "",
		    v->method == QV_SWEEPS ? "each sweep" : "each load level",
		    what, b->name, top && v->method == QV_LOADS ? " (the "
		    "highest load, predicted from the lower ones)" : "",
		    pc(p, sizeof(p), out[k]->worst), k == 0 ? "TTFT" : "ITL");
	}
	/* Both in one line: a user reads one warning about the fit. */
	if (at != NULL)
		wi_warnf(w, at->file, at->line, "%s", msg);
}

static int
validate(const struct benchset *set, struct fit *f, const struct wi_warn *w,
    struct wi_err *err)
{
	struct fit_model *m = f->model;
	struct qparams	 p = { m->alpha, m->beta, m->gamma };
	unsigned	*sweep;
	size_t		 i;
	int		 rc;

	if ((sweep = calloc(f->npts, sizeof(*sweep))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	for (i = 0; i < f->npts; i++)
		sweep[i] = f->pts[i].b->sweep;
	rc = qval_run(m->obs, sweep, f->npts, &m->qs, &p, m->pred,
	    m->evaluated, &m->val);
	free(sweep);
	if (rc == -1) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	trust(set, f, w);
	return 0;
}

/*
 * The defaults taken, in one note: the throughput run left out, vLLM's
 * max batch size, median ITL.
 */
static void
notes(const struct fit *f, const struct solve_opts *o, int thr_out,
    const struct wi_warn *w)
{
	char	 msg[512];
	size_t	 len = 0;

	msg[0] = '\0';
	if (thr_out)
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "the "
		    "throughput run is left out (its rate is what the server "
		    "achieved, not a load it was given: name it in --points "
		    "to fit it)");
	if (f->model->batch_default && len < sizeof(msg))
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%smax "
		    "batch size %d, vLLM's default --max-num-seqs (give -b to "
		    "set the server's)", len > 0 ? "; " : "", QUEUE_BATCH);
	if (f->ttft_stat != o->ttft_stat && len < sizeof(msg))
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%susing "
		    "mean TTFT: the points have no median (metrics give a "
		    "histogram's sum and count)", len > 0 ? "; " : "");
	if (f->itl_stat == ST_MEDIAN && len < sizeof(msg))
		len += (size_t)snprintf(msg + len, sizeof(msg) - len, "%susing "
		    "median ITL: guidellm >= 0.4 prints no mean (pass the "
		    "benchmarks.json report for means)", len > 0 ? "; " : "");
	if (len > 0)
		wi_notef(w, NULL, 0, "%s", msg);
}

int
fit_queue(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	struct fit_model *m;
	struct qparams	 p;
	int		 thr_out;

	f->inputs = o->inputs;
	f->itl_stat = itl_stat(set, o);
	f->ttft_stat = ttft_stat(set, o);
	if (o->points != NULL && points_found(set, o->points, err) == -1)
		return -1;
	if ((f->pts = calloc(set->n, sizeof(*f->pts))) == NULL ||
	    (f->model = m = calloc(1, sizeof(*m))) == NULL ||
	    (m->obs = calloc(set->n, sizeof(*m->obs))) == NULL ||
	    (m->pred = calloc(set->n, sizeof(*m->pred))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	server(o, m);
	f->max_batch = m->qs.max_batch;
	f->max_batch_from = m->batch_default ? BATCH_POINTS : BATCH_OPTION;
	if (gather(set, o, f, &thr_out, w, err) == -1)
		return -1;
	f->low = f->high = f->pts[0].b;
	if (o->params.given) {
		m->evaluated = 1;
		p.alpha = o->params.alpha;
		p.beta = o->params.beta;
		p.gamma = o->params.gamma;
		if (qfit_eval(m->obs, f->npts, &m->qs, &p, &m->score,
		    m->pred) == -1)
			return failed(f, m->score.failed, &p, err);
	} else {
		if (qfit(m->obs, f->npts, &m->qs, &m->q) == -1)
			return failed(f, 0, &m->q.p, err);	/* p: a start */
		p = m->q.p;
		m->score = m->q.score;
		if (qfit_eval(m->obs, f->npts, &m->qs, &p, &m->score,
		    m->pred) == -1)
			return failed(f, m->score.failed, &p, err);
		diagnose(f, w);
	}
	f->alpha = m->alpha = p.alpha;
	f->beta = m->beta = p.beta;
	f->gamma = m->gamma = p.gamma;
	m->loss = m->score.loss;
	f->have_prefill = 1;
	if (validate(set, f, w, err) == -1)
		return -1;
	notes(f, o, thr_out, w);
	return 0;
}
