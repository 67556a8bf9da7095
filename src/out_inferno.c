/*
 * out_inferno.c: -o inferno, the model data of llm-inferno's
 * optimizer-light (pkg/config/types.go, ModelAcceleratorPerfData): one
 * model on one accelerator with the fitted alpha, beta, gamma.
 *
 *	{"models": [{"name", "acc", "accCount", "maxBatchSize", "atTokens",
 *	    "perfParms": {"alpha", "beta", "gamma"}}]}
 *
 * optimizer-light scales the max batch size to a load as maxBatchSize *
 * atTokens / avgOutTokens (pkg/core/allocation.go): atTokens is the
 * output tokens per request at which maxBatchSize holds, here the mean
 * output tokens of the points, rounded (at least 1).
 */
#include <math.h>

#include "out.h"
#include "out_doc.h"

char *
out_inferno(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	const struct fit_model *m = f->model;
	cJSON	*doc, *arr, *x = NULL, *pp = NULL;
	double	 out = 0;
	size_t	 i;
	char	*s = NULL;

	(void)set;
	for (i = 0; i < f->npts; i++)
		out += m->obs[i].out_tokens / (double)f->npts;
	if ((doc = cJSON_CreateObject()) != NULL &&
	    (arr = cJSON_AddArrayToObject(doc, "models")) != NULL &&
	    (x = cJSON_CreateObject()) != NULL) {
		cJSON_AddItemToArray(arr, x);
		if (cJSON_AddStringToObject(x, "name", o->model_name) == NULL ||
		    cJSON_AddStringToObject(x, "acc", o->acc) == NULL ||
		    cJSON_AddNumberToObject(x, "accCount", (double)o->acc_count)
		    == NULL || cJSON_AddNumberToObject(x, "maxBatchSize",
		    m->qs.max_batch) == NULL || cJSON_AddNumberToObject(x,
		    "atTokens", fmax(1, round(out))) == NULL)
			x = NULL;
		pp = cJSON_AddObjectToObject(x, "perfParms");
		if (doc_num(pp, "alpha", m->alpha) == NULL ||
		    doc_num(pp, "beta", m->beta) == NULL ||
		    doc_num(pp, "gamma", m->gamma) == NULL)
			pp = NULL;
	}
	if (pp != NULL)
		s = doc_json_text(doc, err);
	else
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	cJSON_Delete(doc);
	return s;
}
