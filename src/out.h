/*
 * out.h: the output formats, one file each. Every function returns the
 * whole output as a malloc'd string (NULL with err set on failure), so
 * nothing reaches stdout until the document is complete.
 */
#ifndef OUT_H
#define OUT_H

#include <cjson/cJSON.h>

#include "solve.h"
#include "wi.h"

struct out_opts {
	const char	*env_prefix;	/* -o env: variable prefix */
	const char	*acc;		/* -o wva: accelerator name */
	long		 acc_count;	/* -o wva: accelerators per replica */
};

char	*out_json(const cJSON *doc, struct wi_err *);
char	*out_yaml(const cJSON *doc, struct wi_err *);
char	*out_env(const struct fit *, const struct out_opts *, struct wi_err *);
char	*out_wva(const struct fit *, const struct out_opts *, struct wi_err *);
char	*out_svg(const struct fit *, struct wi_err *);

#endif
