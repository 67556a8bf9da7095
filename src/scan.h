/*
 * scan.h: read one input from start to end and collect its benchmarks.
 *
 * Takes a path ("-" for stdin) and tells its kind by its first bytes
 * (unless --input-format or a .yaml name said): a compressed input is
 * an error, each report reader (DataSet, JSON, CSV, HTML, YAML) is asked
 * whether the start is its kind, reading on while one cannot tell yet;
 * anything else is a text log. scan_nothing() says, for the message
 * when no input held a benchmark, which kinds were tried. A text log goes line by line to the console readers (guidellm
 * 0.2/0.3 and 0.4+, vLLM); outside a table whole blocks are passed over (lr_skip)
 * up to a line that may be a title, and only such lines and the lines
 * of a table are cleaned and matched. The readers are the tables in
 * scan.c; what each exports is in in.h.
 */
#ifndef SCAN_H
#define SCAN_H

#include "bench.h"
#include "wi.h"

/* What an input is: told by --input-format, or found from its start. */
enum input_kind { IN_AUTO, IN_LOG, IN_JSON, IN_CSV, IN_HTML, IN_YAML,
	IN_DATASET, IN_CSVJSON, IN_METRICS, IN_RANGE };

#define SCAN_READERS	8	/* room for the console and report readers */

struct scan {
	enum input_kind	 kind;		/* --input-format, or IN_AUTO */
	unsigned	 read_as;	/* 1 << the kind of each input read */
	void		*console[SCAN_READERS];	/* each console reader's state */
	void		*report[SCAN_READERS];	/* each report reader's state */
};

int	scan_init(struct scan *, struct wi_err *);
void	scan_free(struct scan *);
int	scan_input(struct scan *, const char *path, struct benchset *,
	    const struct wi_warn *, struct wi_err *);
const char *scan_nothing(const struct scan *, char *buf, size_t sz);

#endif
