/*
 * out.c: the table of output formats (see out.h).
 */
#include <stdio.h>
#include <string.h>

#include "out.h"

const struct out_format out_formats[] = {
	{ "json",	NULL,		out_json,	OUT_EXTRACT | OUT_PARAMS },
	{ "yaml",	NULL,		out_yaml,	OUT_EXTRACT | OUT_PARAMS },
	{ "env",	NULL,		out_env,	OUT_PARAMS },
	{ "text",	"for a person",	out_text,	OUT_EXTRACT | OUT_PARAMS },
	{ "wva",	NULL,		out_wva,	OUT_ACC | OUT_LINEAR },
	{ "svg",	"a plot",	out_svg,	OUT_PARAMS | OUT_PLOT },
	{ "inferno",	"optimizer-light", out_inferno,
	    OUT_QUEUE | OUT_ACC | OUT_NAME },
	{ "tuner",	"model-tuner",	out_tuner,	OUT_QUEUE },
	{ "dataset",	"model-trainer", out_dataset,	OUT_QUEUE },
	{ NULL,		NULL,		NULL,		0 }
};

const struct out_format *
out_find(const char *name)
{
	const struct out_format *f;

	for (f = out_formats; f->name != NULL; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

/*
 * The names of the formats that have all of flags, for messages and
 * --help: "json, yaml or env" with sep ", " and last " or ". Returns buf.
 */
char *
out_names(char *buf, size_t sz, const char *sep, const char *last,
    unsigned flags)
{
	const struct out_format *f, *g;
	size_t	 len = 0;
	int	 n = 0;

	buf[0] = '\0';
	for (f = out_formats; f->name != NULL; f++) {
		if ((f->flags & flags) != flags)
			continue;
		for (g = f + 1; g->name != NULL && (g->flags & flags) != flags;
		    g++)
			continue;
		if (len < sz)
			len += (size_t)snprintf(buf + len, sz - len, "%s%s",
			    n == 0 ? "" : g->name == NULL ? last : sep,
			    f->name);
		n++;
	}
	return buf;
}
