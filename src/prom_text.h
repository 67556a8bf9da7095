/*
 * prom_text.h: one line of the Prometheus text exposition (format 0.0.4
 * and OpenMetrics 1.0), for in_prom.c:
 *
 *	sample   = name [ "{" [ label { "," label } [ "," ] ] "}" ]
 *	           " " value [ " " timestamp ] [ " # " exemplar ]
 *	label    = lname "=" '"' { char | "\\\\" | "\\\"" | "\\n" } '"'
 *	value    = float | "NaN" | "+Inf" | "-Inf"
 *
 * (blanks and tabs may separate the tokens of 0.0.4), and the time of a
 * "# Timestamp:" line. Of the labels only those the metrics store reads
 * are kept (pod, instance, pod_name, model_name, finished_reason,
 * status, le), unescaped; the exemplar is not read.
 */
#ifndef PROM_TEXT_H
#define PROM_TEXT_H

#include <stddef.h>

#include "mstore.h"
#include "wi.h"

enum plabel { PL_POD, PL_INSTANCE, PL_POD_NAME, PL_MODEL, PL_REASON,
	PL_STATUS, PL_LE, PL__COUNT };

struct psample {
	char		 lv[PL__COUNT][MS_NAME_MAX];
	size_t		 ll[PL__COUNT];
	unsigned	 has;		/* bit l: label l was there */
	double		 value, ts;
	int		 has_ts;
	size_t		 end;		/* the name and labels: s[0..end) */
};

/* The length of the metric name that starts s[0..n): 0 if none does. */
size_t	pt_name(const char *s, size_t n);

/*
 * The sample s[0..n) whose name is s[0..name): 0, or -1 with err naming
 * file, line no and the column of what is wrong.
 */
int	pt_sample(const char *s, size_t n, size_t name, struct psample *,
	    const char *file, unsigned long no, struct wi_err *);

/*
 * "1787000000[.5]" (seconds since the epoch) or
 * "2026-08-21T13:42:28[.5](Z|+0000|+00:00)": 0, or -1.
 */
int	pt_time(const char *s, size_t n, double *t);

/*
 * Is line s[0..n) one the metrics reader reads? Not blank lines,
 * "# HELP", the samples of families it does not read (told by their
 * first 13 bytes where they can be; such a line is not checked further),
 * nor the buckets below +Inf; but a line that starts neither like a
 * comment nor like a sample is, to be refused.
 */
int	pt_wanted(const char *s, size_t n);

#endif
