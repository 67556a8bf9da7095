/*
 * fuzz.c: libFuzzer harness over the whole pipeline. Built once per
 * input kind (-DFUZZ_KIND=IN_LOG, IN_JSON, IN_CSV, IN_HTML, IN_YAML,
 * IN_DATASET, IN_CSVJSON, IN_METRICS, IN_RANGE or IN_AUTO):
 * the bytes go through a memfd to scan_input() exactly as a file would,
 * then the benchmarks found are fitted by both linear methods and by the
 * queueing model (fitted, and evaluated at given parameters, v0.6 or
 * v0.7 by the input's length) and rendered in every output format of
 * out_formats[] that goes with the model, and the JSON output is parsed
 * back: a NaN or an infinity in it would not parse.
 * Anything but a clean error or a well-formed document is a finding.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sys/mman.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "../src/bench.h"
#include "../src/mstore.h"
#include "../src/out.h"
#include "../src/plan.h"
#include "../src/re.h"
#include "../src/scan.h"
#include "../src/solve.h"

#ifndef FUZZ_KIND
#define FUZZ_KIND IN_AUTO
#endif

static void
quiet(void *ctx, enum wi_level level, const char *file, unsigned long line,
    const char *msg)
{
	(void)ctx, (void)level, (void)file, (void)line;
	if (strchr(msg, '\n') != NULL)
		abort();	/* messages are one line */
}

/* Every format of the table that takes what there is (fit NULL: -x). */
static void
render_all(const struct benchset *set, const struct fit *f)
{
	const struct out_format *of;
	struct out_opts	 oo = { "WVA_", "H100", 1, "model" };
	struct wi_err	 err;
	cJSON		*back;
	char		*s;

	for (of = out_formats; of->name != NULL; of++) {
		if (f == NULL && !(of->flags & OUT_EXTRACT))
			continue;
		if (f != NULL && (of->flags & (f->model != NULL ? OUT_LINEAR :
		    OUT_QUEUE)))
			continue;
		if ((s = of->emit(set, f, &oo, &err)) == NULL)
			continue;
		if (strcmp(of->name, "json") == 0) {
			if ((back = cJSON_Parse(s)) == NULL)
				abort();	/* -o json must be JSON */
			cJSON_Delete(back);
		}
		free(s);
	}
}

/*
 * The sizing on a fit (issue 12), under targets the fit may meet or
 * miss, rendered in every format: the rate plot included.
 */
static void
sized(const struct benchset *set, struct fit *f,
    const struct solve_opts *so, const struct wi_warn *w)
{
	static const struct plan_opts po[] = {
		{ .slo = { 100, 20 }, .rate = 100 },
		{ .slo = { 1e9, 0 }, .in_tokens = 512, .out_tokens = 1 },
	};
	struct plan	 p;
	struct wi_err	 err;
	size_t		 i;

	for (i = 0; i < sizeof(po) / sizeof(po[0]); i++) {
		memset(&err, 0, sizeof(err));
		if (plan_fit(set, f, so, &po[i], &p, w, &err) == -1) {
			if (strchr(err.msg, '\n') != NULL)
				abort();
			continue;
		}
		f->plan = &p;
		render_all(set, f);
		f->plan = NULL;
	}
}

/* --model queue, fitted and at given parameters, on a small server. */
static void
queue(const struct benchset *set, size_t size, const struct wi_warn *w)
{
	struct solve_opts so = { .model = MODEL_QUEUE, .max_batch = 16,
	    .max_queue = -1, .max_tokens = 8192, .ttft_stat = ST_MEDIAN,
	    .inputs = "fuzz" };
	struct wi_err	 err;
	struct fit	 f;
	int		 given;

	so.qversion = size & 1 ? QV_0_6 : QV_0_7;
	for (given = 0; given < 2; given++) {
		if (given) {
			so.params.given = PARAM_ALPHA | PARAM_BETA |
			    PARAM_GAMMA;
			so.params.alpha = 5;
			so.params.beta = 0.05;
			so.params.gamma = 0.00005;
		}
		memset(&err, 0, sizeof(err));
		if (solve(set, &so, &f, w, &err) == 0) {
			render_all(set, &f);
			sized(set, &f, &so, w);
		} else if (strchr(err.msg, '\n') != NULL)
			abort();
		fit_free(&f);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 ready;
	struct wi_err	 err;
	struct wi_warn	 w = { quiet, NULL };
	struct scan	 sc;
	struct benchset	 set;
	struct solve_opts so = { .method = FIT_TWO_POINT, .low = "synchronous",
	    .high = "throughput", .inputs = "fuzz" };
	struct fit	 f;
	char		 path[64];
	int		 fd, rc;

	memset(&err, 0, sizeof(err));
	if (!ready) {
		if (re_init(&err) == -1)
			abort();
		ready = 1;
	}
	if ((fd = memfd_create("fuzz", 0)) == -1)
		abort();
	if (size > 0 && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	benchset_init(&set);
	if (scan_init(&sc, &err) == -1)
		abort();
	sc.kind = FUZZ_KIND;
	rc = scan_input(&sc, path, &set, &w, &err);
	scan_free(&sc);
	close(fd);
	/* Metrics become benchmarks once the inputs are read. */
	if (rc == 0 && ms_finish(&set, &w, &err) == -1)
		rc = -1;
	/* The sweeps' labels, as main.c makes them before any output. */
	if (rc == 0 && set.n > 0 && benchset_label(&set, &err) == -1)
		abort();
	if (rc == -1 && strchr(err.msg, '\n') != NULL)
		abort();
	if (rc == 0 && set.n > 0) {
		render_all(&set, NULL);
		for (so.method = FIT_TWO_POINT; ; so.method = FIT_LSQ) {
			if (solve(&set, &so, &f, &w, &err) == 0) {
				render_all(&set, &f);
				sized(&set, &f, &so, &w);
			}
			fit_free(&f);
			if (so.method == FIT_LSQ)
				break;
		}
		queue(&set, size, &w);
	}
	ms_free(&set);
	benchset_free(&set);
	return 0;
}
