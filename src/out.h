/*
 * out.h: the output formats, one file each, and the table that lists
 * them. A new format is a new out_NAME.c, one row in out.c, and its docs:
 * options, --help, --list-formats, the fuzz harness and the tests all
 * loop over the table.
 *
 * Every emitter takes the same arguments: the benchmark set, the fit
 * (NULL under -x, which fits nothing) and the output options. It returns
 * the whole output as a malloc'd string (NULL with err set on failure),
 * so nothing reaches stdout until the document is complete. Whatever a
 * future fit or result adds goes into struct fit or struct out_opts,
 * never into this signature.
 */
#ifndef OUT_H
#define OUT_H

#include "bench.h"
#include "solve.h"
#include "wi.h"

struct out_opts {
	const char	*env_prefix;	/* -o env: variable prefix */
	const char	*acc;		/* -o wva: accelerator name */
	long		 acc_count;	/* -o wva: accelerators per replica */
	const char	*model_name;	/* -o inferno: --model-name */
};

typedef char	*out_emit(const struct benchset *, const struct fit *,
		    const struct out_opts *, struct wi_err *);

/* What a format takes besides a fit. */
#define OUT_EXTRACT	0x1	/* prints -x extractions (fit NULL) too */
#define OUT_ACC		0x2	/* needs --acc */
#define OUT_LINEAR	0x4	/* the linear model only */
#define OUT_QUEUE	0x8	/* --model queue only */
#define OUT_NAME	0x10	/* needs --model-name */
#define OUT_PARAMS	0x20	/* prints a sizing from --params, no file */
#define OUT_PLOT	0x40	/* draws the model: sizes without targets */

struct out_format {
	const char	*name;		/* the word after -o */
	const char	*note;		/* said of it in --help, or NULL */
	out_emit	*emit;
	unsigned	 flags;		/* OUT_* */
};

/* In the order --help lists them, the default first; a NULL name ends. */
extern const struct out_format out_formats[];

const struct out_format *out_find(const char *name);	/* NULL: unknown */
char	*out_names(char *buf, size_t sz, const char *sep, const char *last,
	    unsigned flags);

out_emit out_json, out_yaml, out_env, out_text, out_wva, out_svg;
out_emit out_inferno, out_tuner, out_dataset;	/* --model queue */

/* out_mwin.c: the windows of metrics inputs (mstore.h), where read. */
struct sbuf;
void	text_windows(struct sbuf *, const struct benchset *,
	    const struct fit *);
void	env_windows(struct sbuf *, const char *prefix,
	    const struct benchset *, const struct fit *);

#endif
