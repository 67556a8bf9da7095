/*
 * out_mwin.c: the "windows" object of the result document (-o json,
 * -o yaml) when the inputs were metrics (mstore.h): how they were cut
 * and pooled, how many were used and why the others were not, the
 * spread of load they cover and the fit's condition, each pod, and the
 * list of every window with its measurements and fate.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"
#include "mstore.h"
#include "out.h"
#include "out_doc.h"

struct wb {
	int	oom;
};

static cJSON *
chk(struct wb *b, cJSON *v)
{
	if (v == NULL)
		b->oom = 1;
	return v;
}

/* A number, or null where it is not one. */
static void
num(struct wb *b, cJSON *o, const char *key, double x)
{
	if (o == NULL)
		return;
	if (isfinite(x))
		chk(b, doc_num(o, key, x));
	else
		chk(b, cJSON_AddNullToObject(o, key));
}

/*
 * A window's measurement to six significant digits: the list is read by
 * people and plotted, and its thousands of numbers print quickly so.
 */
static void
num6(struct wb *b, cJSON *o, const char *key, double x)
{
	char	buf[32];

	if (isfinite(x)) {
		snprintf(buf, sizeof(buf), "%.6g", x);
		x = strtod(buf, NULL);
	}
	num(b, o, key, x);
}

static void
str(struct wb *b, cJSON *o, const char *key, const char *s)
{
	char	*clean;

	if (o == NULL)
		return;
	if (s == NULL) {
		chk(b, cJSON_AddNullToObject(o, key));
		return;
	}
	if ((clean = utf8_clean(s)) == NULL) {
		b->oom = 1;
		return;
	}
	chk(b, cJSON_AddStringToObject(o, key, clean));
	free(clean);
}

static cJSON *
obj(struct wb *b, cJSON *o, const char *key)
{
	return o == NULL ? NULL : chk(b, cJSON_AddObjectToObject(o, key));
}

static cJSON *
arr(struct wb *b, cJSON *o, const char *key)
{
	return o == NULL ? NULL : chk(b, cJSON_AddArrayToObject(o, key));
}

static cJSON *
item(struct wb *b, cJSON *a)
{
	cJSON	*o;

	if (a == NULL || (o = chk(b, cJSON_CreateObject())) == NULL)
		return NULL;
	cJSON_AddItemToArray(a, o);
	return o;
}

/* The fit's condition number, where a queue model was fitted. */
static double
condition(const struct fit *f)
{
	return f != NULL && f->model != NULL && !f->model->evaluated ?
	    f->model->q.cond : NAN;
}

static void
window(struct wb *b, cJSON *a, const struct mstore *ms, const struct mwin *w)
{
	const struct mpod *p = &ms->pod[w->pod];
	struct mpoint	 pt;
	cJSON		*o = item(b, a);
	int		 known = w->reason != MR_RESET && w->reason != MR_MISSING;

	ms_point(ms, w, &pt);
	if (!known)
		pt.rate = pt.done = pt.ttft = pt.itl = pt.in = pt.out =
		    pt.conc = NAN;
	str(b, o, "pod", p->name);
	num(b, o, "start", w->t0);
	num6(b, o, "seconds", w->dur);
	num6(b, o, "requests", pt.done);
	num6(b, o, "rate", pt.rate);
	num6(b, o, "ttftMs", pt.ttft);
	num6(b, o, "itlMs", pt.itl);
	num6(b, o, "inputTokens", pt.in);
	num6(b, o, "outputTokens", pt.out);
	num6(b, o, "concurrency", pt.conc);
	str(b, o, "reason", ms_reason_name((enum mreason)w->reason));
	str(b, o, "point", w->pool > 0 ? p->pools[w->pool - 1] : NULL);
	num(b, o, "line", w->line > 0 ? (double)w->line : NAN);
}

static void
pods(struct wb *b, cJSON *d, const struct mstore *ms)
{
	const struct mpod *p;
	cJSON	*a = arr(b, d, "pods"), *o;
	size_t	 i;

	for (i = 0; i < ms->npods; i++) {
		p = &ms->pod[i];
		o = item(b, a);
		str(b, o, "pod", p->name);
		str(b, o, "model", p->model[0] != '\0' ? p->model : NULL);
		str(b, o, "format", source_name(p->src));
		num(b, o, "windows", (double)p->nwin);
		num(b, o, "used", (double)p->nused);
		num(b, o, "points", (double)p->npools);
		str(b, o, "rate", p->arrivals ? "arrivals" : "completions");
		num(b, o, "rateLow", p->nused > 0 ? p->lo : NAN);
		num(b, o, "rateHigh", p->nused > 0 ? p->hi : NAN);
	}
}

int
doc_windows(cJSON *d, const struct benchset *set, const struct fit *f)
{
	const struct mstore *ms = set->ms;
	struct wb	 b = { 0 };
	cJSON		*o, *x, *a;
	size_t		 i;
	int		 r;

	o = obj(&b, d, "windows");
	num(&b, o, "windowSeconds", ms->o.window);
	num(&b, o, "intervalSeconds", ms->o.interval > 0 ? ms->o.interval :
	    NAN);
	num(&b, o, "minRequests", ms->o.min_requests);
	str(&b, o, "itl", ms->o.itl_request ? "request" : "step");
	num(&b, o, "snapshots", (double)ms->snapshots);
	num(&b, o, "count", (double)ms->nwin);
	num(&b, o, "used", (double)ms->count[MR_USED]);
	x = obj(&b, o, "dropped");
	for (r = MR_USED + 1; r < MR__COUNT; r++)
		num(&b, x, ms_reason_name((enum mreason)r),
		    (double)ms->count[r]);
	x = obj(&b, o, "pooling");
	num(&b, x, "points", (double)ms->npoints);
	num(&b, x, "width", ms->bin);
	str(&b, x, "by", "neighbours' rate");
	str(&b, x, "weight", "completions");
	x = obj(&b, o, "identifiability");
	num(&b, x, "rateLow", ms->lo);
	num(&b, x, "rateHigh", ms->hi);
	if (x != NULL)
		chk(&b, cJSON_AddBoolToObject(x, "onePoint", ms->hi <
		    MS_ONE_POINT * ms->lo));
	num(&b, x, "condition", condition(f));
	pods(&b, o, ms);
	a = arr(&b, o, "list");
	for (i = 0; i < ms->nwin && !b.oom; i++)
		window(&b, a, ms, &ms->win[i]);
	return b.oom ? -1 : 0;
}

/* -o text: two lines on the windows, after the answer. */
void
text_windows(struct sbuf *s, const struct benchset *set, const struct fit *f)
{
	const struct mstore *ms = set->ms;
	double	 c = condition(f);
	size_t	 len;
	int	 r;

	sb_printf(s, "Windows:       %zu of %.0f s from %zu pod%s, %zu used "
	    "in %zu point%s", ms->nwin, ms->o.window, ms->npods,
	    ms->npods == 1 ? "" : "s", ms->count[MR_USED], ms->npoints,
	    ms->npoints == 1 ? "" : "s");
	for (len = 0, r = MR_USED + 1; r < MR__COUNT; r++)
		if (ms->count[r] > 0)
			sb_printf(s, "%s%zu %s", len++ == 0 ? "; dropped: " :
			    ", ", ms->count[r], ms_reason_name((enum mreason)r));
	sb_printf(s, "\nLoad:          %.3g to %.3g req/s (p5 to p95 of the "
	    "windows)%s", ms->lo, ms->hi, ms->hi < MS_ONE_POINT * ms->lo ?
	    ": one operating point" : "");
	if (isfinite(c))
		sb_printf(s, "; fit condition %.2g", c);
	sb_puts(s, "\n");
}

/* -o env: the counts, the spread and the condition. */
void
env_windows(struct sbuf *s, const char *pre, const struct benchset *set,
    const struct fit *f)
{
	const struct mstore *ms = set->ms;
	char	 name[64], buf[FMT_NUM_MAX];
	double	 c = condition(f);
	int	 r, k;

	sb_printf(s, "%sWINDOWS=%zu\n%sWINDOWS_USED=%zu\n", pre, ms->nwin, pre,
	    ms->count[MR_USED]);
	for (r = MR_USED + 1; r < MR__COUNT; r++) {
		snprintf(name, sizeof(name), "WINDOWS_%s",
		    ms_reason_name((enum mreason)r));
		for (k = 0; name[k] != '\0'; k++)
			name[k] = name[k] == '-' ? '_' : name[k] >= 'a' &&
			    name[k] <= 'z' ? name[k] - 'a' + 'A' : name[k];
		sb_printf(s, "%s%s=%zu\n", pre, name, ms->count[r]);
	}
	sb_printf(s, "%sWINDOW_POINTS=%zu\n", pre, ms->npoints);
	sb_printf(s, "%sLOAD_LOW=%s\n", pre, fmt_fixed(buf, ms->lo, 0));
	sb_printf(s, "%sLOAD_HIGH=%s\n", pre, fmt_fixed(buf, ms->hi, 0));
	sb_printf(s, "%sONE_OPERATING_POINT=%d\n", pre, ms->hi < MS_ONE_POINT *
	    ms->lo);
	if (isfinite(c))
		sb_printf(s, "%sCONDITION=%s\n", pre, fmt_fixed(buf, c, 0));
}
