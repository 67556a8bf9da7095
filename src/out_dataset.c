/*
 * out_dataset.c: -o dataset, the points as llm-inferno model-trainer's
 * DataSet (pkg/core/dataset.go, datapoint.go), its input and the body
 * of its POST /train, to hand the same points to model-trainer or
 * model-tuner:
 *
 *	{"name": ..., "data": [{"requestRate" (req/s), "inputTokens",
 *	    "outputTokens", "avgTTFTTime", "avgITLTime" (ms),
 *	    "maxBatchSize", "maxNumTokens"}]}
 *
 * avgTTFTTime and avgITLTime hold the statistics the fit used (the TTFT
 * median by default, as model-trainer's readers take it). The name is
 * the inputs'.
 */
#include <stdlib.h>

#include "fmt.h"
#include "out.h"
#include "out_doc.h"

static cJSON *
point(cJSON *arr, const struct fit_model *m, const struct qobs *q)
{
	cJSON	*x;

	if (arr == NULL || (x = cJSON_CreateObject()) == NULL)
		return NULL;
	cJSON_AddItemToArray(arr, x);
	if (doc_num(x, "requestRate", q->rate) == NULL ||
	    doc_num(x, "inputTokens", q->in_tokens) == NULL ||
	    doc_num(x, "outputTokens", q->out_tokens) == NULL ||
	    doc_num(x, "avgTTFTTime", q->ttft) == NULL ||
	    doc_num(x, "avgITLTime", q->itl) == NULL ||
	    cJSON_AddNumberToObject(x, "maxBatchSize", m->qs.max_batch) ==
	    NULL || cJSON_AddNumberToObject(x, "maxNumTokens",
	    m->qs.max_tokens) == NULL)
		return NULL;
	return x;
}

char *
out_dataset(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	cJSON	*doc = NULL, *arr = NULL;
	size_t	 i;
	char	*s = NULL, *name;

	(void)set;
	(void)o;
	if ((name = utf8_clean(f->inputs != NULL ? f->inputs : "")) != NULL &&
	    (doc = cJSON_CreateObject()) != NULL &&
	    cJSON_AddStringToObject(doc, "name", name) != NULL)
		arr = cJSON_AddArrayToObject(doc, "data");
	free(name);
	for (i = 0; i < f->npts && arr != NULL; i++)
		if (point(arr, f->model, &f->model->obs[i]) == NULL)
			arr = NULL;
	if (arr != NULL)
		s = doc_json_text(doc, err);
	else
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	cJSON_Delete(doc);
	return s;
}
