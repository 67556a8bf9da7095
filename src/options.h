/*
 * options.h: the command line of wva-itl. Parses and checks it into
 * struct opts, printing usage errors (it is part of the front end).
 *
 * struct opts holds only values and pointers into argv or static
 * tables: nothing in it points at a caller's locals.
 */
#ifndef OPTIONS_H
#define OPTIONS_H

#include "diag.h"
#include "mstore.h"
#include "out.h"
#include "plan.h"
#include "scan.h"
#include "solve.h"

struct opts {
	const struct out_format *format;	/* -o, a row of out_formats */
	int		  extract;
	int		  strict;
	int		  quiet;
	struct solve_opts so;
	struct out_opts	  oo;
	struct plan_opts  po;		/* --slo-*, --rate, --in/out-tokens */
	struct mopts	  mo;		/* --window, --interval, --itl,
					   --min-requests */
	int		  print_queries;	/* --print-queries */
	char		**inputs;	/* argv, or a static "-" */
	int		  ninputs;	/* at least 1 */
	enum input_kind	  input;	/* --input-format */
	const char	 *results_dir;	/* --results-dir */
	int		  fit_opts;	/* an option that only fitting uses */
	int		  plan_opts;	/* an option of the sizing */
	int		  planning;	/* --params and no file: read nothing */
	int		  wva_opts;	/* --acc or --acc-count */
	const char	 *linear_opt;	/* an option of the linear model only */
	const char	 *queue_opt;	/* an option of --model queue only */
	const char	 *batch_arg;	/* -b as given */
	int		  model_set;	/* --model given */
	const char	 *qversion_alias;	/* --queue-version 0.4 or 0.8 */
	int		  stdin_default;	/* no file named: reads stdin */
	int		  qversion_set, ttft_set, max_tokens_set;	/* given */
	char		  preset_note[256];	/* --as: what it set */
};

/*
 * 0 to go on, 1 when --help, --list-formats or --version went to
 * stdout, -1 on a usage error (printed).
 */
int	opts_parse(int argc, char *argv[], struct opts *);

/* Shared by options.c, optcheck.c and usage.c. */
int	opts_check(struct opts *);	/* 0, or -1 after a usage error */
int	usage_error(const char *fmt, const char *arg);	/* prints; -1 */
void	usage_help(void);		/* --help, to stdout */
void	usage_formats(void);		/* --list-formats, to stdout */
void	print_queries(const struct mopts *);	/* queries.c */

#endif
