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
#include <stdlib.h>
#include <string.h>

#include "fit.h"

/* Is name one of the comma-separated list? */
static int
listed(const char *list, const char *name)
{
	size_t	n, len = strlen(name);

	for (;;) {
		n = strcspn(list, ",");
		if (n == len && strncmp(list, name, n) == 0)
			return 1;
		if (list[n] == '\0')
			return 0;
		list += n + 1;
	}
}

/* Every name of --points is a benchmark of the input. */
static int
points_found(const struct benchset *set, const char *list, struct wi_err *err)
{
	char	name[WI_NAME_MAX], q[WI_NAME_MAX + 8];
	size_t	n;

	for (;;) {
		n = strcspn(list, ",");
		memcpy(name, list, n);	/* options.c kept n < WI_NAME_MAX */
		name[n] = '\0';
		if (benchset_find(set, name) == NULL) {
			wi_seterr(err, WI_EINPUT, NULL, 0, "--points: no "
			    "benchmark is named %s", wi_quote(q, sizeof(q),
			    name, n));
			return -1;
		}
		if (list[n] == '\0')
			return 0;
		list += n + 1;
	}
}

/* ITL mean if every candidate has one, else the median. */
static enum statistic
itl_stat(const struct benchset *set, const struct solve_opts *o)
{
	const struct bench *b;
	size_t	i;

	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (o->points != NULL ? listed(o->points, b->name) :
		    b->type != S_THROUGHPUT && !bench_is_zero(b))
			if (!bench_has(b, BF_ITL + ST_MEAN) &&
			    bench_has(b, BF_ITL + ST_MEDIAN))
				return ST_MEDIAN;
	}
	return ST_MEAN;
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
}

/* The points, with a note for each benchmark left out. */
static int
gather(const struct benchset *set, const struct solve_opts *o, struct fit *f,
    const struct wi_warn *w, struct wi_err *err)
{
	const struct bench *b;
	const char	*why;
	size_t		 i;
	int		 ttft = BF_TTFT + o->ttft_stat, itl = BF_ITL + f->itl_stat;

	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		if (o->points != NULL && !listed(o->points, b->name))
			continue;
		if (o->points == NULL && b->type == S_THROUGHPUT) {
			wi_notef(w, b->file, b->line, "benchmark %s is left out: "
			    "a throughput run's rate is what the server "
			    "achieved, not a load it was given; name it in "
			    "--points to fit it", b->name);
			continue;
		}
		if ((why = lacks(b, ttft, itl)) == NULL) {
			add_point(f, b, ttft, itl);
			continue;
		}
		if (o->points != NULL) {
			wi_seterr(err, WI_EINPUT, b->file, b->line, "benchmark "
			    "%s of --points %s%s", b->name, why[0] == 'c' ?
			    "" : "has no usable ", why);
			return -1;
		}
		wi_notef(w, b->file, b->line, "benchmark %s is left out: %s%s",
		    b->name, why[0] == 'c' ? "it " : "it has no usable ", why);
	}
	if (f->npts < (o->params.given ? 1u : 2u)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--model queue needs %s "
		    "benchmark%s with completed requests, a rate, tokens per "
		    "request, TTFT and ITL in %s; found %zu",
		    o->params.given ? "a" : "two", o->params.given ? "" : "s",
		    o->inputs, f->npts);
		return -1;
	}
	return 0;
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
	int	i;

	for (i = 0; i < 3; i++) {
		if ((q->flags & (QF_BOUND_ALPHA << i)) &&
		    (q->flags & (QF_FLAT_ALPHA << i)))
			wi_warnf(w, NULL, 0, "%s sits at its bound 0 and the "
			    "loss is flat along it: the points do not "
			    "determine it%s", pname[i], i == 2 ?
			    " (short prompts read little KV cache)" : "");
		else if (q->flags & (QF_BOUND_ALPHA << i))
			wi_warnf(w, NULL, 0, "%s sits at its bound 0",
			    pname[i]);
		else if (q->flags & (QF_FLAT_ALPHA << i))
			wi_warnf(w, NULL, 0, "the loss is flat along %s (a 50%% "
			    "change raises it by %.2g%%): the points do not "
			    "determine it", pname[i], 100 * q->rise[i]);
	}
	if (q->flags & QF_FEW_RATES)
		wi_warnf(w, NULL, 0, "only %d distinct request rate%s: three "
		    "or more are needed to tell the parameters apart",
		    q->rates, q->rates == 1 ? "" : "s");
	if (q->flags & QF_POOR)
		wi_warnf(w, NULL, 0, "poor fit: RMS relative error "
		    "%.1f%% (poor above %.0f%%), the worst point off "
		    "by %.1f%% (poor above %.0f%%)",
		    100 * sqrt(f->model->score.loss / 2), 100 * QFIT_POOR_RMS,
		    100 * q->worst, 100 * QFIT_POOR_PT);
	if (q->flags & QF_DISAGREE)
		wi_notef(w, NULL, 0, "only one of %d starts reached the best "
		    "loss: the minimum may not be unique", q->starts);
}

static void
notes(const struct fit *f, const struct wi_warn *w)
{
	if (f->model->batch_default)
		wi_notef(w, NULL, 0, "max batch size %d, vLLM's default "
		    "--max-num-seqs; give -b to set the server's",
		    QUEUE_BATCH);
	if (f->itl_stat == ST_MEDIAN)
		wi_notef(w, NULL, 0, "using median ITL: guidellm >= 0.4 prints "
		    "no mean; pass the benchmarks.json report for means");
}

int
fit_queue(const struct benchset *set, const struct solve_opts *o,
    struct fit *f, const struct wi_warn *w, struct wi_err *err)
{
	struct fit_model *m;
	struct qparams	 p;

	f->inputs = o->inputs;
	f->itl_stat = itl_stat(set, o);
	f->ttft_stat = o->ttft_stat;
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
	if (gather(set, o, f, w, err) == -1)
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
	notes(f, w);
	return 0;
}
