/*
 * out_tuner.c: -o tuner, a configuration of llm-inferno's model-tuner
 * (config-data/default-config-data.json) that starts its Kalman filter
 * from the fit: modelData.initState = [alpha, beta, gamma].
 *
 * A state the filter starts at 0 never moves (its uncertainty is a
 * share of the state), so a parameter fitted below the default
 * configuration's minState starts at that minState instead. The bounds
 * are model-tuner's own rule for a seeded state (pkg/service,
 * setInitState): minState = max(init / 10, 1e-9), maxState = init * 10.
 * expectedObservations, which scale the observation noise, are the
 * points' mean measured TTFT and ITL; filterData and percentChange are
 * the default configuration's.
 */
#include <math.h>

#include "out.h"
#include "out_doc.h"

#define TUNER_FACTOR	10.0
#define TUNER_EPSILON	1e-9

static const double tuner_min[3] = { 0.05, 0.0005, 0.0000005 };

char *
out_tuner(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	const struct fit_model *m = f->model;
	const double pct[3] = { 0.15, 0.15, 0.15 };
	double	 x[3] = { m->alpha, m->beta, m->gamma }, lo[3], hi[3];
	double	 obs[2] = { 0, 0 };
	cJSON	*doc, *fd = NULL, *md = NULL;
	size_t	 i;
	char	*s = NULL;

	(void)set;
	(void)o;
	for (i = 0; i < 3; i++) {
		x[i] = fmax(x[i], tuner_min[i]);
		lo[i] = fmax(x[i] / TUNER_FACTOR, TUNER_EPSILON);
		hi[i] = x[i] * TUNER_FACTOR;
	}
	for (i = 0; i < f->npts; i++) {
		obs[0] += m->obs[i].ttft / (double)f->npts;
		obs[1] += m->obs[i].itl / (double)f->npts;
	}
	if ((doc = cJSON_CreateObject()) != NULL &&
	    (fd = cJSON_AddObjectToObject(doc, "filterData")) != NULL &&
	    (doc_num(fd, "gammaFactor", 1) == NULL ||
	    doc_num(fd, "errorLevel", 0.5) == NULL ||
	    doc_num(fd, "tPercentile", 1.96) == NULL))
		fd = NULL;
	if (fd != NULL && (md = cJSON_AddObjectToObject(doc, "modelData")) !=
	    NULL && (doc_nums(md, "initState", x, 3) == NULL ||
	    doc_nums(md, "percentChange", pct, 3) == NULL ||
	    cJSON_AddTrueToObject(md, "boundedState") == NULL ||
	    doc_nums(md, "minState", lo, 3) == NULL ||
	    doc_nums(md, "maxState", hi, 3) == NULL ||
	    doc_nums(md, "expectedObservations", obs, 2) == NULL))
		md = NULL;
	if (md != NULL)
		s = doc_json_text(doc, err);
	else
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	cJSON_Delete(doc);
	return s;
}
