/*
 * out_doc.h: the result document, one cJSON tree that the json and yaml
 * outputs both print, so the two always hold the same data.
 *
 * Takes the benchmark set and, unless only extracting, the fit. Numbers
 * are stored as raw plain-decimal text from fmt_fixed(), which keeps
 * full double precision and prints the same in JSON and YAML.
 */
#ifndef DOC_H
#define DOC_H

#include <cjson/cJSON.h>

#include "bench.h"
#include "solve.h"

cJSON	*doc_build(const struct benchset *, const struct fit *);	/* NULL: out of memory */

#endif
