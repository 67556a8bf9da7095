/*
 * solve.c: runs the fit method asked for, then says which choices it
 * made that the user may want to override.
 */
#include <string.h>

#include "fmt.h"
#include "solve.h"

/* The choices a fit made from the data, as notes. */
static void
notes(const struct fit *f, const struct wi_warn *w)
{
	const struct bench *hi = f->high;
	char	num[FMT_NUM_MAX];
	size_t	i;

	if (f->max_batch_from == BATCH_MEASURED && f->max_batch > QUEUE_BATCH)
		/* A client's concurrency counts what waits in vLLM's queue. */
		wi_warnf(w, hi->file, hi->line, "max batch size %ld taken from "
		    "the measured concurrency of %s (%.2f), above vLLM's "
		    "default --max-num-seqs %d: it counts queued requests too; "
		    "give -b with the server's --max-num-seqs", f->max_batch,
		    hi->name, hi->v[BF_CONC], QUEUE_BATCH);
	else if (f->max_batch_from == BATCH_MEASURED)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the "
		    "measured concurrency of %s (%s); give -b to set it",
		    f->max_batch, hi->name, fmt_dec(num, hi->v[BF_CONC], 2));
	else if (f->max_batch_from == BATCH_MAX_CONC)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the max "
		    "concurrency of %s; give -b to set it", f->max_batch,
		    hi->name);
	else if (f->max_batch_from == BATCH_POINTS)
		wi_notef(w, NULL, 0, "max batch size %ld taken from the "
		    "highest concurrency of the points, %s; give -b to set it",
		    f->max_batch, hi->name);
	if (f->itl_stat == ST_MEDIAN)
		wi_notef(w, NULL, 0, "using median ITL: guidellm >= 0.4 prints "
		    "no mean; pass the benchmarks.json report for means");
	/* Two-point takes the tokens from the high run, lsq from all. */
	for (i = 0; f->have_prefill && f->input_tokens_measured &&
	    i < f->npts; i++)
		if ((f->method == FIT_LSQ ? f->pts[i].b : hi)->src ==
		    SRC_G04_CONSOLE) {
			wi_notef(w, NULL, 0, "input tokens %g: a median of "
			    "prompt tokens per request, as guidellm >= 0.4 "
			    "prints no mean; give -i to set them",
			    f->input_tokens);
			break;
		}
}

int
solve(const struct benchset *set, const struct solve_opts *o, struct fit *f,
    const struct wi_warn *w, struct wi_err *err)
{
	int	rc;

	memset(f, 0, sizeof(*f));
	f->method = o->method;
	if (o->model == MODEL_QUEUE)
		return fit_queue(set, o, f, w, err);	/* notes its own */
	if (o->method == FIT_LSQ)
		rc = fit_lsq(set, o, f, w, err);
	else
		rc = fit_twopoint(set, o, f, w, err);
	if (rc == 0)
		notes(f, w);
	return rc;
}
