/*
 * scan.h: read one input from start to end and collect its benchmarks.
 *
 * Takes a path ("-" for stdin) and tells its kind by its first bytes
 * (unless --input-format said): JSON starts with "{", a guidellm CSV
 * report with its header, a YAML report with its first key ("args:"),
 * anything else is a text log. A text log goes
 * line by line to the console parsers (guidellm 0.2/0.3 and 0.4+, vLLM);
 * outside a table whole blocks are passed over (lr_skip) up to a line
 * that may be a title, and only such lines and the lines of a table are
 * cleaned and matched.
 */
#ifndef SCAN_H
#define SCAN_H

#include "bench.h"
#include "in_g02.h"
#include "in_g04.h"
#include "in_vllm.h"
#include "wi.h"

/* What an input is: told by --input-format, or found from its start. */
enum input_kind { IN_AUTO, IN_LOG, IN_JSON, IN_CSV, IN_YAML };

struct scan {
	enum input_kind	 kind;
	struct g02	*g02;
	struct g04	*g04;
	struct vcon	*vcon;
	unsigned long	 csv_rank[S_OTHER + 1];	/* names of 0.4+ CSV rows */
};

int	scan_init(struct scan *, struct wi_err *);
void	scan_free(struct scan *);
int	scan_input(struct scan *, const char *path, struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
