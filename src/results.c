/*
 * results.c: the --results-dir write sequence (see results.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "results.h"

static const char *const fit_names[] = { "alpha", "beta", "gamma",
	"delta", "maxBatchSize" };
/* --model queue has no delta; its loss takes that place. */
static const char *const queue_names[] = { "alpha", "beta", "gamma",
	"loss", "maxBatchSize" };

void
results_init(struct results *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->dir = dir;
}

/* One more result, a number as -o env prints it. */
static void
add_num(struct results *r, const char *name, double x)
{
	r->name[r->n] = name;
	fmt_fixed(r->val[r->n++], x, 6);
}

/* The sizing's results, values as their floats print (plan_num). */
static void
capacity_values(struct results *r, const struct plan *p)
{
	const struct capacity *c = &p->cap;

	add_num(r, "maxRate", plan_num(c->max_rate));
	r->name[r->n] = "binding";
	snprintf(r->val[r->n++], FMT_NUM_MAX, "%s",
	    cap_binding_name(c->binding));
	add_num(r, "ttftMs", plan_num(c->ttft));
	add_num(r, "itlMs", plan_num(c->itl));
	if (c->total_rate > 0) {
		r->name[r->n] = "replicas";
		snprintf(r->val[r->n++], FMT_NUM_MAX, "%ld", c->replicas);
		add_num(r, "ratePerReplica", c->per_replica);
	}
}

int
results_values(struct results *r, const struct fit *f, struct wi_err *err)
{
	const char *const *names = fit_names;
	double	v[4] = { f->alpha, f->beta, f->gamma, f->delta };
	int	i;

	if (f->plan != NULL && f->plan->given) {
		r->n = 0;
		if (f->plan->sized)
			capacity_values(r, f->plan);
		return 0;
	}
	if (f->model != NULL) {
		names = queue_names;
		v[3] = f->model->score.loss;
	}
	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--results-dir needs gamma "
		    "and delta, which need the prompt tokens per request: "
		    "give -i");
		return -1;
	}
	for (r->n = 0, i = 0; i < 4; i++)
		add_num(r, names[i], v[i]);
	r->name[r->n] = names[4];
	snprintf(r->val[r->n++], FMT_NUM_MAX, "%ld", f->max_batch);
	if (f->plan != NULL && f->plan->sized)
		capacity_values(r, f->plan);
	return 0;
}

void
results_abort(struct results *r)
{
	while (r->ntmp > 0)
		(void)unlink(r->tmp[--r->ntmp]);
}

int
results_prepare(struct results *r, struct wi_err *err)
{
	struct stat	st;
	mode_t		mask = umask(077);
	size_t		len;
	int		i, fd;

	umask(mask);		/* mkstemp makes 0600; give what umask allows */
	for (i = 0; i < r->n; i++) {
		/*
		 * The one failure of rename(2) that can be foreseen: a
		 * folder in the way. Caught here, before stdout.
		 */
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    r->name[i]);
		if (lstat(r->dst, &st) == 0 && S_ISDIR(st.st_mode)) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(EISDIR));
			return -1;
		}
	}
	for (i = 0; i < r->n; i++) {
		if ((size_t)snprintf(r->tmp[i], sizeof(r->tmp[i]),
		    "%s/.%s.XXXXXX", r->dir, r->name[i]) >=
		    sizeof(r->tmp[i])) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "name too long");
			break;
		}
		if ((fd = mkstemp(r->tmp[i])) == -1) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "cannot write %s: %s",
			    r->name[i], strerror(errno));
			break;
		}
		r->ntmp++;
		len = strlen(r->val[i]);
		if (fchmod(fd, 0666 & ~mask) == -1 ||
		    write(fd, r->val[i], len) != (ssize_t)len) {
			wi_seterr(err, WI_ESYS, r->tmp[i], 0, "%s",
			    strerror(errno));
			(void)close(fd);
			break;
		}
		if (close(fd) == -1) {
			wi_seterr(err, WI_ESYS, r->tmp[i], 0, "%s",
			    strerror(errno));
			break;
		}
	}
	if (i == r->n)
		return 0;
	results_abort(r);
	return -1;
}

int
results_commit(struct results *r, struct wi_err *err)
{
	int	i;

	for (i = 0; i < r->n; i++) {
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    r->name[i]);
		if (rename(r->tmp[i], r->dst) == -1) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(errno));
			while (i < r->n)
				(void)unlink(r->tmp[i++]);
			r->ntmp = 0;
			return -1;
		}
	}
	r->ntmp = 0;
	return 0;
}
