/*
 * out_svg_rate.c: -o svg with a sizing (--slo-ttft, --slo-itl) or the
 * queueing model: the model's TTFT and ITL against the arrival rate per
 * replica, one panel each over one rate axis, with the targets and the
 * measured points (their request rate, BF_RPS, and latencies), each
 * with a tooltip (its sweep, tokens, the model's prediction and error)
 * and its name where it does not overprint. This file gathers what is
 * drawn and lays it out; out_svg_panel.c draws a panel, out_svg_note.c
 * the sizing's marks and the caption (out_svg_rate.h). The curves run
 * over the rates the sizing searches and are cut at the top of each
 * panel: near saturation TTFT grows without bound. Written by hand, as
 * out_svg.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_svg_rate.h"

/* (pred - obs) / obs, as the queue fit counts it where obs > 0. */
static double
rel(double pred, double obs)
{
	return obs > 0 ? (pred - obs) / obs : pred - obs;
}

/*
 * The linear model's prediction at a point: the sizing's model at the
 * point's rate and tokens. None where the model has no solution there,
 * nor for a throughput run: its rate is what the server achieved, not a
 * load it was given (the queue fit leaves such runs out).
 */
static void
predict(const struct plan *pl, struct rpoint *q)
{
	struct cap_model m = pl->m;
	struct qperf	 perf;
	struct wi_err	 e;

	if (q->b->type == S_THROUGHPUT)
		return;
	if (q->shape.out_tokens > 0)
		m.shape = q->shape;
	memset(&e, 0, sizeof(e));
	if (cap_eval(&m, q->rate, &perf, &e) == -1)
		return;
	q->has_pred = 1;
	q->pred = (struct qpoint){ perf.ttft, perf.itl, rel(perf.ttft,
	    q->ttft), rel(perf.itl, q->itl) };
}

/* The fit's points at their request rates; none for --params alone. */
static void
gather(struct rplot *r)
{
	const struct fit *f = r->f;
	const struct fit_model *m = f->model;
	const struct bench *b;
	struct rpoint	*q;
	size_t		 i;

	for (i = 0; i < f->npts; i++) {
		b = f->pts[i].b;
		q = &r->pt[r->n];
		memset(q, 0, sizeof(*q));
		q->b = b;
		if (m != NULL) {
			q->rate = m->obs[i].rate;
			q->ttft = m->obs[i].ttft;
			q->itl = m->obs[i].itl;
			q->has_ttft = 1;
			q->shape = (struct qshape){ m->obs[i].in_tokens,
			    m->obs[i].out_tokens };
			q->has_pred = 1;
			q->pred = m->pred[i];
			if (m->val.oos != NULL && m->val.method != QV_GIVEN) {
				q->has_oos = 1;
				q->oos = m->val.oos[i];
			}
		} else {
			if (!bench_has(b, BF_RPS))
				continue;
			q->rate = b->v[BF_RPS];
			q->ttft = f->pts[i].ttft;
			q->itl = f->pts[i].itl;
			q->has_ttft = f->pts[i].has_ttft;
			if (bench_has(b, BF_PROMPT_TPR) &&
			    bench_has(b, BF_OUTPUT_TPR))
				q->shape = (struct qshape){
				    b->v[BF_PROMPT_TPR], b->v[BF_OUTPUT_TPR] };
			predict(r->pl, q);
		}
		r->n++;
	}
}

static int
differs(double a, double b)
{
	return fabs(a - b) > 0.01 * fmax(fabs(a), fabs(b));
}

/* The points' sweeps: a colour for each of the first RP_SWEEPS. */
static void
sweeps(struct rplot *r)
{
	const struct qval *v = r->f->model != NULL ? &r->f->model->val : NULL;
	struct rsweep	*s;
	size_t		 i, j, k;
	int		 shaped[RP_SWEEPS];

	for (i = 0; i < r->n; i++) {
		for (j = 0; j < i && r->pt[j].b->sweep != r->pt[i].b->sweep;
		    j++)
			continue;
		r->sweeps += j == i;
		for (k = 0; k < r->nsw && r->sw[k].sweep != r->pt[i].b->sweep;
		    k++)
			continue;
		if (k == r->nsw && k < RP_SWEEPS) {
			r->sw[r->nsw++].sweep = r->pt[i].b->sweep;
			shaped[k] = 1;
		}
		r->pt[i].slot = k < RP_SWEEPS ? (int)k : -1;
		if (k == RP_SWEEPS)
			continue;
		s = &r->sw[k];
		s->n++;
		s->shape.in_tokens += r->pt[i].shape.in_tokens;
		s->shape.out_tokens += r->pt[i].shape.out_tokens;
		shaped[k] &= r->pt[i].shape.out_tokens > 0;
	}
	for (k = 0; k < r->nsw; k++) {
		s = &r->sw[k];
		if (!shaped[k])
			s->shape = (struct qshape){ 0, 0 };
		s->shape.in_tokens /= (double)s->n;
		s->shape.out_tokens /= (double)s->n;
		for (j = 0; v != NULL && j < v->nsw; j++)
			if (v->sw[j].sweep == s->sweep)
				s->val = &v->sw[j];
	}
	s = &r->sw[0];
	r->colour = r->sweeps >= 2 || (r->nsw == 1 && s->shape.out_tokens > 0 &&
	    (differs(s->shape.in_tokens, r->pl->m.shape.in_tokens) ||
	    differs(s->shape.out_tokens, r->pl->m.shape.out_tokens)));
}

/*
 * A curve of m over its range: 0, or -1 with err set. A model without
 * a solution at a sweep's shape is no error: that sweep has no curve.
 */
static int
curve(const struct cap_model *m, struct cap_sample **s, double *hi,
    int must, struct wi_err *err)
{
	struct wi_err	e;
	double		lo;

	if ((*s = calloc(RP_NCURVE, sizeof(**s))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	memset(&e, 0, sizeof(e));
	if (cap_range(m, &lo, hi, &e) == 0 &&
	    cap_curve(m, 0, *hi, RP_NCURVE, *s, &e) == 0)
		return 0;
	free(*s);
	*s = NULL;
	if (!must && e.code == WI_EINPUT)
		return 0;
	*err = e;
	return -1;
}

static int
curves(struct rplot *r, struct wi_err *err)
{
	struct cap_model m = r->pl->m;
	double		 rmax = 0, hi;
	size_t		 i, k;

	if ((!r->colour || r->pl->sized) &&
	    curve(&r->pl->m, &r->s, &r->hi, 1, err) == -1)
		return -1;
	if (r->s != NULL)
		rmax = r->hi;
	for (k = 0; r->colour && k < r->nsw; k++) {
		if (r->sw[k].shape.out_tokens <= 0)
			continue;
		m.shape = r->sw[k].shape;
		if (curve(&m, &r->sw[k].s, &hi, 0, err) == -1)
			return -1;
		if (r->sw[k].s != NULL)
			rmax = fmax(rmax, hi);
	}
	for (i = 0; i < r->n; i++)
		rmax = fmax(rmax, r->pt[i].rate);
	if (r->pl->sized)
		rmax = fmax(rmax, r->pl->ans.hi);
	nice_axis(&r->x, 0, rmax * 1.04);
	return 0;
}

/* The value at a curve's middle and twice (TTFT) its start. */
static double
curve_top(const struct cap_sample *s, int ttft)
{
	if (s == NULL)
		return 0;
	return ttft ? fmax(s[RP_NCURVE / 2].perf.ttft, 2 * s[0].perf.ttft) :
	    fmax(s[RP_NCURVE / 2].perf.itl, 1.2 * s[0].perf.itl);
}

/*
 * A panel's value axis: from 0 to a little above what matters (the
 * measured values, the target, the value at the max rate, the curves at
 * half their range), not to the curves' tops, which run away near
 * saturation.
 */
static void
value_axis(struct rplot *r, struct rpanel *p)
{
	const struct plan *pl = r->pl;
	double	hi = curve_top(r->s, p->ttft);
	size_t	i;

	for (i = 0; i < r->n; i++)
		if (p->ttft ? r->pt[i].has_ttft : 1)
			hi = fmax(hi, p->ttft ? r->pt[i].ttft : r->pt[i].itl);
	if (pl->sized && pl->cap.max_rate > 0)
		hi = fmax(hi, p->ttft ? pl->cap.ttft : pl->cap.itl);
	for (i = 0; i < r->nsw; i++)
		hi = fmax(hi, curve_top(r->sw[i].s, p->ttft));
	/* A target far above everything else would flatten the curve. */
	if (p->target <= 4 * hi)
		hi = fmax(hi, p->target);
	nice_axis(&p->y, 0, hi * 1.15);
}

static int
draw(struct sbuf *out, struct rplot *r)
{
	struct sbuf	 b = { 0 };
	double		 h;
	int		 k, rc = 0;

	for (k = 0; k < 2; k++)
		value_axis(r, &r->p[k]);
	sb_printf(&b, "<text x=\"%.1f\" y=\"30\" font-size=\"16\" "
	    "font-weight=\"bold\">TTFT and ITL against arrival rate per "
	    "replica</text>\n", RP_L);
	for (k = 0; k < 2; k++)
		rp_frame(&b, r, &r->p[k]);
	sb_printf(&b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
	    "font-size=\"14\" fill=\"#333\">arrival rate (requests/s)</text>\n",
	    (RP_L + RP_W - RP_R) / 2, r->p[1].top + RP_PANEL_H + 38);
	for (k = 0; k < 2; k++)
		rp_take_dots(r, &r->p[k]);
	rp_band(&b, r);
	for (k = 0; k < 2; k++)
		rp_lines(&b, r, &r->p[k]);
	for (k = 0; k < 2; k++)
		rp_dots(&b, r, &r->p[k]);
	rp_marks(&b, r);
	for (k = 0; k < 2 && rc == 0; k++)
		rc = rp_names(&b, r, &r->p[k]);
	rp_gap(&b, r);
	h = rp_caption(&b, r, r->p[1].top + RP_PANEL_H + 62) + 10;
	sb_printf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "
	    "xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, "
	    "sans-serif\">\n<title>TTFT and ITL against arrival rate</title>\n"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>\n",
	    RP_W, h, RP_W, h);
	if (b.oom || r->p[0].lab.oom || r->p[1].lab.oom)
		out->oom = 1;
	else
		sb_add(out, b.s, b.n);
	free(b.s);
	return rc;
}

char *
out_svg_rate(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct rplot	 r;
	struct sbuf	 b = { 0 };
	char		*str = NULL;
	size_t		 k;

	(void)o;
	memset(&r, 0, sizeof(r));
	r.set = set;
	r.f = f;
	r.pl = f->plan;
	r.p[0] = (struct rpanel){ 1, RP_TOP, { 0, 1, 1 }, r.pl->slo.ttft,
	    { { RP_L, RP_TOP, RP_W - RP_R, RP_TOP + RP_PANEL_H }, 0, NULL, 0,
	    0, 0 } };
	r.p[1] = r.p[0];
	r.p[1].ttft = 0;
	r.p[1].top = RP_TOP + RP_PANEL_H + RP_GAP;
	r.p[1].target = r.pl->slo.itl;
	r.p[1].lab.area.y0 = r.p[1].top;
	r.p[1].lab.area.y1 = r.p[1].top + RP_PANEL_H;
	if ((r.pt = calloc(f->npts + 1, sizeof(*r.pt))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		goto out;
	}
	gather(&r);
	sweeps(&r);
	if (curves(&r, err) == -1)
		goto out;
	if (draw(&b, &r) == -1)
		b.oom = 1;
	sb_puts(&b, "</svg>\n");
	if ((str = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
out:
	for (k = 0; k < r.nsw; k++)
		free(r.sw[k].s);
	free(r.s);
	free(r.pt);
	lab_free(&r.p[0].lab);
	lab_free(&r.p[1].lab);
	return str;
}
