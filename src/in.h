/*
 * in.h: what a reader exports to scan.c.
 *
 * A console reader takes the cleaned lines of a text log one at a time
 * and says where each run begins (benchset_run). scan.c hands a line to the reader
 * inside a table; outside one it offers the line to each reader in
 * turn. Outside a table, scan.c looks only at lines holding one of the
 * readers' triggers, and passes over whole blocks by searching for the
 * byte at each trigger's anchor offset: pick a rare byte.
 *
 * A report reader reads a whole input of its kind, told by its start.
 * Its sniff sees the start as it has come so far; final says no more
 * will come (the input ended, or the start reached the bound of what is
 * looked at). It answers 1 (this kind), 0 (not), or, only while not
 * final, -1: the start could still become this kind, show more. The
 * input is read until every reader asked before the first 1 has said 0,
 * whatever sizes the bytes arrive in.
 *
 * Adding a reader: its file, its struct here and its row in scan.c.
 */
#ifndef IN_H
#define IN_H

#include <stddef.h>

#include "bench.h"
#include "lineio.h"
#include "wi.h"

struct in_trigger {
	const char	*s;		/* text a title line holds */
	size_t		 anchor;	/* offset of a rare byte in s */
};

struct in_console {
	const char		*name;
	const struct in_trigger	*triggers;	/* ends with { NULL, 0 } */
	void	*(*new)(void);			/* NULL: out of memory */
	void	 (*free)(void *);
	void	 (*start)(void *, const char *file);	/* a new input */
	int	 (*active)(const void *);	/* inside a table or block */
	/*
	 * 1 if the line was taken, 0 if not (while active: passed over,
	 * or, once no longer active, the line that ended the table: it is
	 * offered to the other readers), -1 on an error.
	 */
	int	 (*line)(void *, const char *s, size_t n, unsigned long no,
		    int truncated, struct benchset *, const struct wi_warn *,
		    struct wi_err *);
	int	 (*eof)(void *, unsigned long lastline, struct benchset *,
		    const struct wi_warn *, struct wi_err *);
};

extern const struct in_console in_g02, in_g04, in_vllm;

struct in_report {
	const char	*name;
	const char	*what;		/* the kind in messages: "guidellm CSV" */
	/* 1: the start is this kind, 0: not, -1 (not final): read more. */
	int	 (*sniff)(const char *, size_t, int final);
	void	*(*new)(void);			/* state kept across inputs */
	void	 (*free)(void *);
	int	 (*read)(void *, struct lr *, struct benchset *,
		    const struct wi_warn *, struct wi_err *);
};

extern const struct in_report in_json, in_csv, in_html, in_yaml,
	in_dataset, in_csvjson;
/* Prometheus: /metrics snapshots, query_range JSON (mstore.h). */
extern const struct in_report in_prom, in_range;

/*
 * in_csv.c's reading of a guidellm 0.2/0.3 CSV column, for the same rows
 * in another notation (in_csvjson.c): the kind of the column a header
 * names, -1 for one not read, with its bench field (a percentile list:
 * its group); a cell as a number (1, 0 for none such as "nan", -1 not
 * a number); a percentile list into p95, p99 and the range (0, or -1).
 */
enum { CSV_NAME, CSV_TYPE, CSV_NUM, CSV_PCTL };
int	csv_v02_column(const char *header, int *field);
int	csv_number(const char *, double *);
int	csv_percentiles(struct bench *, int group, const char *);

/*
 * in_json.c's mapping of a guidellm or vLLM report, for the same
 * document in another notation (in_yaml.c): drive() reads the input and
 * calls the sink as jstream does, a top-level member or a benchmark at
 * a time.
 */
struct js_sink;
int	json_drive(struct lr *, int (*drive)(struct lr *,
	    const struct js_sink *, struct wi_err *), struct benchset *,
	    const struct wi_warn *, struct wi_err *);

#endif
