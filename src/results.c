/*
 * results.c: the --results-dir write sequence (see results.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "results.h"

static const char *const result_names[NRESULTS] = { "alpha", "beta",
	"gamma", "delta", "maxBatchSize" };
/* --model queue has no delta; its loss takes that place. */
static const char *const queue_names[NRESULTS] = { "alpha", "beta",
	"gamma", "loss", "maxBatchSize" };

void
results_init(struct results *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->dir = dir;
}

int
results_values(struct results *r, const struct fit *f, struct wi_err *err)
{
	double	v[4] = { f->alpha, f->beta, f->gamma, f->delta };
	int	i;

	r->names = result_names;
	if (f->model != NULL) {
		r->names = queue_names;
		v[3] = f->model->score.loss;
	}
	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--results-dir needs gamma "
		    "and delta, which need the prompt tokens per request: "
		    "give -i");
		return -1;
	}
	for (i = 0; i < 4; i++)
		fmt_fixed(r->val[i], v[i], 6);
	snprintf(r->val[4], sizeof(r->val[4]), "%ld", f->max_batch);
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
	for (i = 0; i < NRESULTS; i++) {
		/*
		 * The one failure of rename(2) that can be foreseen: a
		 * folder in the way. Caught here, before stdout.
		 */
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    r->names[i]);
		if (lstat(r->dst, &st) == 0 && S_ISDIR(st.st_mode)) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(EISDIR));
			return -1;
		}
	}
	for (i = 0; i < NRESULTS; i++) {
		if ((size_t)snprintf(r->tmp[i], sizeof(r->tmp[i]),
		    "%s/.%s.XXXXXX", r->dir, r->names[i]) >=
		    sizeof(r->tmp[i])) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "name too long");
			break;
		}
		if ((fd = mkstemp(r->tmp[i])) == -1) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "cannot write %s: %s",
			    r->names[i], strerror(errno));
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
	if (i == NRESULTS)
		return 0;
	results_abort(r);
	return -1;
}

int
results_commit(struct results *r, struct wi_err *err)
{
	int	i;

	for (i = 0; i < NRESULTS; i++) {
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    r->names[i]);
		if (rename(r->tmp[i], r->dst) == -1) {
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s",
			    strerror(errno));
			while (i < NRESULTS)
				(void)unlink(r->tmp[i++]);
			r->ntmp = 0;
			return -1;
		}
	}
	r->ntmp = 0;
	return 0;
}
