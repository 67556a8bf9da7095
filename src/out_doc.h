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

/*
 * out_mwin.c: the "windows" object of metrics inputs (mstore.h) into d:
 * 0, or -1 when memory ran out.
 */
int	doc_windows(cJSON *d, const struct benchset *, const struct fit *);

/* out_json.c's layout of any tree, for the exports; NULL: out of memory. */
char	*doc_json_text(const cJSON *, struct wi_err *);

/* The tree of set and fit printed by text (-o json, -o yaml). */
char	*doc_render(const struct benchset *, const struct fit *,
	    char *(*text)(const cJSON *, struct wi_err *), struct wi_err *);

/*
 * The exports' adders: a number as fmt_fixed() prints it, an array of
 * n of them. They return v, or NULL when memory ran out (o is NULL
 * then too: a failed parent makes the rest no-ops).
 */
cJSON	*doc_num(cJSON *o, const char *key, double x);
cJSON	*doc_nums(cJSON *o, const char *key, const double *x, int n);

#endif
