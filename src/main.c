/*
 * main.c: wva-itl front end. Parse options, read every input, fit,
 * print, exit. With usage.c (usage errors) and diag.c (warnings,
 * notes, errors) the only place that prints messages or exits.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"
#include "diag.h"
#include "mstore.h"
#include "options.h"
#include "out.h"
#include "plan.h"
#include "re.h"
#include "results.h"
#include "scan.h"
#include "solve.h"
#include "wi.h"

/* "a.log, b.log" for messages about all inputs, shortened if long. */
static void
describe_inputs(char *buf, size_t sz, char **inputs, int n)
{
	size_t	len = 0;
	int	i;

	buf[0] = '\0';
	for (i = 0; i < n && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    i > 0 ? ", " : "",
		    strcmp(inputs[i], "-") == 0 ? "<stdin>" : inputs[i]);
	if (len >= sz && sz > 4)
		strcpy(buf + sz - 4, "...");
}

static int
write_output(const char *s)
{
	size_t	n = strlen(s);

	if (fwrite(s, 1, n, stdout) != n || fflush(stdout) == EOF ||
	    ferror(stdout) || fclose(stdout) == EOF) {
		fprintf(stderr, PROG ": write error: %s\n", strerror(errno));
		return WI_ESYS;
	}
	return WI_OK;
}

/*
 * A sizing is wanted for targets, and for the rate plot of the queueing
 * model (-o svg), which draws the model's curves.
 */
static int
wants_plan(const struct opts *o)
{
	return plan_wanted(&o->po) || (o->so.model == MODEL_QUEUE &&
	    (o->format->flags & OUT_PLOT));
}

/* The output of a fit, and its --results-dir values. */
static char *
emit(const struct opts *o, const struct benchset *set, const struct fit *f,
    struct results *res, struct wi_err *err)
{
	char	*out;

	out = o->format->emit(set, f, &o->oo, err);
	if (out != NULL && o->results_dir != NULL &&
	    results_values(res, f, err) == -1) {
		free(out);
		out = NULL;
	}
	return out;
}

/* Reads all inputs, fits and renders; the output string or NULL. */
static char *
run(const struct opts *o, struct benchset *set, struct results *res,
    const struct wi_warn *w, struct wi_err *err)
{
	struct scan	 sc;
	struct solve_opts so = o->so;
	struct fit	 f;
	struct plan	 plan;
	const struct bench **all;
	char		 inputs[512], why[512];
	char		*out;
	size_t		 i;
	int		 k;

	describe_inputs(inputs, sizeof(inputs), o->inputs, o->ninputs);
	so.inputs = inputs;
	if (ms_get(set, &o->mo, err) == NULL || scan_init(&sc, err) == -1)
		return NULL;
	sc.kind = o->input;
	for (k = 0; k < o->ninputs; k++)
		if (scan_input(&sc, o->inputs[k], set, w, err) == -1) {
			scan_free(&sc);
			return NULL;
		}
	scan_free(&sc);
	/* Metrics inputs become benchmarks once all are read. */
	if (ms_finish(set, w, err) == -1)
		return NULL;
	if (set->n == 0) {
		wi_seterr(err, WI_EINPUT, NULL, 0,
		    "no benchmark results found in %s%s", inputs,
		    scan_nothing(&sc, why, sizeof(why)));
		return NULL;
	}
	if (benchset_label(set, err) == -1)
		return NULL;
	if (o->extract) {
		if ((all = calloc(set->n, sizeof(*all))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return NULL;
		}
		for (i = 0; i < set->n; i++)
			all[i] = &set->v[i];
		bench_warn_errored(all, set->n, w);
		free(all);
		return o->format->emit(set, NULL, &o->oo, err);
	}
	if (solve(set, &so, &f, w, err) == -1 || (wants_plan(o) &&
	    plan_fit(set, &f, &so, &o->po, &plan, w, err) == -1)) {
		fit_free(&f);
		return NULL;
	}
	if (wants_plan(o))
		f.plan = &plan;
	out = emit(o, set, &f, res, err);
	fit_free(&f);
	return out;
}

/* --params and no file: a sizing from the parameters, nothing read. */
static char *
plan_only(const struct opts *o, struct benchset *set, struct results *res,
    const struct wi_warn *w, struct wi_err *err)
{
	struct fit	 f;
	struct plan	 plan;

	if (plan_params(&o->so, &o->po, &plan, w, err) == -1)
		return NULL;
	memset(&f, 0, sizeof(f));
	f.plan = &plan;
	return emit(o, set, &f, res, err);
}

int
main(int argc, char *argv[])
{
	struct opts	 o;
	struct benchset	 set;
	struct diag	 d;
	struct wi_warn	 w = { diag_print, &d };
	struct wi_err	 err;
	struct results	 res;
	char		*out;
	int		 rc;

	/* A reader that went away is a write error (exit 3), not a kill. */
	(void)signal(SIGPIPE, SIG_IGN);
	if ((rc = opts_parse(argc, argv, &o)) == -1)
		return WI_EUSAGE;
	if (rc == 1)		/* --help, --list-formats or --version */
		return write_output("");
	diag_init(&d, o.quiet);
	/* As jq does: a terminal waiting in silence looks like a hang. */
	if (o.stdin_default && !o.quiet && isatty(STDIN_FILENO))
		fputs(PROG ": reading benchmark results from the terminal; "
		    "end with ^D, or name the files (see " PROG " --help)\n",
		    stderr);
	if (o.preset_note[0] != '\0')
		wi_notef(&w, NULL, 0, "%s", o.preset_note);
	if (o.qversion_alias != NULL)
		wi_notef(&w, NULL, 0, "queue-analysis v%s.0 analyses as "
		    "v%s.0: computing the %s model", o.qversion_alias,
		    o.so.qversion == QV_0_6 ? "0.6" : "0.7",
		    o.so.qversion == QV_0_6 ? "0.6" : "0.7");
	memset(&err, 0, sizeof(err));
	/* The patterns are for reading inputs; a sizing from --params reads none. */
	if (!o.planning && re_init(&err) == -1)
		return diag_error(&err);
	benchset_init(&set);
	results_init(&res, o.results_dir);
	out = o.planning ? plan_only(&o, &set, &res, &w, &err) :
	    run(&o, &set, &res, &w, &err);
	diag_end(&d);
	ms_free(&set);
	benchset_free(&set);
	re_free();
	if (out == NULL)
		return diag_error(&err);
	if (o.strict && d.warnings > 0) {
		free(out);
		fprintf(stderr, PROG ": %lu warning%s, failing because of "
		    "--strict\n", d.warnings, d.warnings == 1 ? "" : "s");
		return WI_EINPUT;
	}
	if (res.dir != NULL && results_prepare(&res, &err) == -1) {
		free(out);
		return diag_error(&err);
	}
	rc = write_output(out);
	free(out);
	if (rc != WI_OK)
		results_abort(&res);
	else if (res.dir != NULL && results_commit(&res, &err) == -1)
		rc = diag_error(&err);
	return rc;
}
