/*
 * out_wva.c: -o wva, one entry of a VariantAutoscaling's
 * spec.modelProfile.accelerators list.
 *
 * WVA reads each parameter string with Go's strconv.ParseFloat(s, 32);
 * the CRD puts no pattern on them. Go would take a sign, an exponent,
 * hex, Inf or NaN, but fails above float32's range and flushes what is
 * below it to 0 or a denormal. So a value that does not survive a
 * float32 round trip is an error here, not a manifest the cluster
 * refuses or a parameter silently lost. Negative values are refused
 * because the model means nothing with them, not because WVA's parser
 * would; values are fixed-point decimals because that is what people
 * and YAML diffs read.
 */
#include <float.h>
#include <math.h>

#include "fmt.h"
#include "out.h"

#define WVA_MINSIG	6

static int
param(struct sbuf *b, const char *name, double x, struct wi_err *err)
{
	char	num[FMT_NUM_MAX];

	/* Compared as doubles: a cast out of float's range is undefined. */
	if (fabs(x) > FLT_MAX || (x != 0 && fabsf((float)x) < FLT_MIN)) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "%s is %g, too %s for the "
		    "float32 that WVA reads it into", name, x,
		    fabs(x) > FLT_MAX ? "large" : "small");
		return -1;
	}
	if (x < 0) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "%s is negative (%s); WVA's model needs values >= 0",
		    name, fmt_short(num, x, WVA_MINSIG));
		return -1;
	}
	sb_printf(b, "      %s: \"%s\"\n", name, fmt_fixed(num, x, WVA_MINSIG));
	return 0;
}

char *
out_wva(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	const struct fit_point *p;
	size_t		 i;
	char		*s;

	(void)set;
	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "-o wva needs gamma and delta: %s", fit_no_prefill(f));
		return NULL;
	}
	if (f->method == FIT_LSQ) {
		/* The resource has no field for it; a comment keeps it. */
		sb_printf(&b, "# wva-itl --fit lsq: %zu points, ITL R^2 %.4f, "
		    "TTFT R^2 %.4f\n", f->npts, f->r2_itl, f->r2_ttft);
		for (i = 0; i < f->npts; i++) {
			p = &f->pts[i];
			sb_puts(&b, "#   ");
			sb_yaml_str(&b, p->b->name);
			sb_printf(&b, " at concurrency %.2f: ITL residual ",
			    p->batch);
			sb_resid(&b, p->itl_resid);
			sb_puts(&b, ", TTFT residual ");
			sb_resid(&b, p->ttft_resid);
			sb_puts(&b, "\n");
		}
	}
	sb_puts(&b, "- acc: ");
	sb_yaml_str(&b, o->acc);
	sb_printf(&b, "\n  accCount: %ld\n", o->acc_count);
	sb_printf(&b, "  maxBatchSize: %ld\n", f->max_batch);
	sb_puts(&b, "  perfParms:\n    decodeParms:\n");
	if (param(&b, "alpha", f->alpha, err) == -1 ||
	    param(&b, "beta", f->beta, err) == -1)
		goto fail;
	sb_puts(&b, "    prefillParms:\n");
	if (param(&b, "gamma", f->gamma, err) == -1 ||
	    param(&b, "delta", f->delta, err) == -1)
		goto fail;
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
fail:
	b.oom = 1;
	(void)sb_finish(&b);
	return NULL;
}
