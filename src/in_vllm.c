/*
 * in_vllm.c: the console summary of vLLM's serving benchmark (`vllm bench
 * serve`, benchmarks/benchmark_serving.py):
 *
 *	Maximum request concurrency: 64
 *	============ Serving Benchmark Result ============
 *	Successful requests:                     100
 *	...
 *	Mean ITL (ms):                           9.15
 *	==================================================
 *
 * Takes cleaned lines. The "Traffic request rate", "Burstiness factor"
 * and "Maximum request concurrency" lines printed before a result block
 * say how the run was driven; lines inside the block that are not
 * "Name: value" (interleaved server logs) are passed over. Each block is
 * one benchmark, named concurrent@N when its concurrency was capped at
 * N, poisson@R for a request rate R, throughput otherwise.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "in.h"
#include "re.h"

struct vcon {
	const char	*file;
	int		 active;
	char		 prefix[PREFIX_MAX];
	size_t		 plen;
	unsigned long	 head_line;
	double		 max_conc, rate, burst;	/* -1: not said */
	double		 in_tot, out_tot;
	struct bench	 b;
};

/*
 * What a "Name: value" line sets. The run's settings come before the
 * result block and may say "None" or "inf"; the rest only count inside
 * a block. Keys are matched in lower case.
 */
enum vkind { V_NONE, V_MAX_CONC, V_RATE, V_BURST, V_FIELD, V_MS_FIELD,
	V_IN_TOT, V_OUT_TOT };
#define RUN_SETTING(k)	((k) >= V_MAX_CONC && (k) <= V_BURST)

struct vkey {
	const char	*key;
	enum vkind	 kind;
	int		 field;		/* V_FIELD, V_MS_FIELD: a bench field */
};

static const struct vkey vkeys[] = {
	{ "maximum request concurrency", V_MAX_CONC, 0 },
	{ "traffic request rate", V_RATE, 0 },
	{ "request rate configured (rps)", V_RATE, 0 },
	{ "burstiness factor", V_BURST, 0 },
	{ "successful requests", V_FIELD, BF_COMPLETED },
	{ "failed requests", V_FIELD, BF_ERRORED },
	{ "benchmark duration (s)", V_FIELD, BF_DURATION },
	{ "request throughput (req/s)", V_FIELD, BF_RPS },
	{ "output token throughput (tok/s)", V_FIELD, BF_OUT_TPS },
	{ "total token throughput (tok/s)", V_FIELD, BF_TOT_TPS },
	{ "total input tokens", V_IN_TOT, 0 },
	{ "total generated tokens", V_OUT_TOT, 0 },
};

static void *
vcon_new(void)
{
	return calloc(1, sizeof(struct vcon));
}

static void
vcon_free(void *v)
{
	free(v);
}

static void
forget_run(struct vcon *v)
{
	v->max_conc = v->rate = v->burst = -1;
}

static void
vcon_start(void *p, const char *file)
{
	struct vcon	*v = p;

	v->file = file;
	v->active = 0;
	forget_run(v);
}

static int
vcon_active(const void *p)
{
	return ((const struct vcon *)p)->active;
}

/* "None" and "inf" are how vLLM prints no limit: -1. */
static int
value(struct vcon *v, const char *s, size_t n, unsigned long no,
    const char *key, size_t klen, int none_ok, double *x, struct wi_err *err)
{
	char	q[64];

	if (none_ok && ((n == 4 && memcmp(s, "None", 4) == 0) ||
	    (n == 3 && memcmp(s, "inf", 3) == 0))) {
		*x = -1;
		return 0;
	}
	switch (num_decimal(s, n, x, err)) {
	case NUM_OK:
		return 0;
	case NUM_FAIL:
		return -1;
	default:
		wi_seterr(err, WI_EINPUT, v->file, no, "Serving Benchmark "
		    "Result: %.*s is not a number: %s", (int)klen, key,
		    wi_quote(q, sizeof(q), s, n));
		return -1;
	}
}

/* "Mean ITL (ms)", "P99 TTFT (ms)", "Mean E2EL (ms)": stat and group. */
static int
stat_field(const char *key)
{
	static const char *const stats[] = { "mean ", "median ", "p90 ",
	    "p95 ", "p99 " };
	static const struct { const char *name; int group; } groups[] = {
		{ "ttft (ms)", BF_TTFT }, { "tpot (ms)", BF_TPOT },
		{ "itl (ms)", BF_ITL }, { "e2el (ms)", BF_LAT },
	};
	size_t	s, g, len;

	for (s = 0; s < ST__COUNT; s++) {
		len = strlen(stats[s]);
		if (strncmp(key, stats[s], len) != 0)
			continue;
		for (g = 0; g < 4; g++)
			if (strcmp(key + len, groups[g].name) == 0)
				return groups[g].group + (int)s;
	}
	return -1;
}

/* What a key sets: a row of vkeys, a statistic, or V_NONE. */
static struct vkey
lookup(const char *key)
{
	struct vkey	k = { key, V_NONE, stat_field(key) };
	size_t		i;

	if (k.field != -1) {
		k.kind = V_MS_FIELD;
		return k;
	}
	for (i = 0; i < sizeof(vkeys) / sizeof(vkeys[0]); i++)
		if (strcmp(key, vkeys[i].key) == 0)
			return vkeys[i];
	return k;
}

static void
store(struct vcon *v, const struct vkey *k, double x)
{
	switch (k->kind) {
	case V_MAX_CONC:
		v->max_conc = x;
		break;
	case V_RATE:
		v->rate = x;
		break;
	case V_BURST:
		v->burst = x;
		break;
	case V_FIELD:
		bench_set(&v->b, k->field, x);
		break;
	case V_MS_FIELD:	/* latency is kept in seconds */
		bench_set(&v->b, k->field, k->field >= BF_LAT &&
		    k->field < BF_TTFT ? x / 1000 : x);
		break;
	case V_IN_TOT:
		v->in_tot = x;
		break;
	case V_OUT_TOT:
		v->out_tot = x;
		break;
	case V_NONE:
		break;
	}
}

/* A "Name: value" line, inside a block or before one. */
static int
pair(struct vcon *v, const char *s, size_t n, unsigned long no,
    struct wi_err *err)
{
	struct re_match	m;
	struct vkey	k;
	char		key[64];
	size_t		i, klen;
	double		x;
	int		rc;

	if ((rc = re_exec(RE_VLLM_PAIR, s, n, &m, err)) != 1)
		return rc;
	klen = m.eo[1] - m.so[1];
	if (klen >= sizeof(key))
		return 0;
	for (i = 0; i < klen; i++)
		key[i] = (char)(s[m.so[1] + i] >= 'A' && s[m.so[1] + i] <= 'Z' ?
		    s[m.so[1] + i] + 'a' - 'A' : s[m.so[1] + i]);
	key[klen] = '\0';
	k = lookup(key);
	if (!RUN_SETTING(k.kind) && !v->active)
		return 0;
	if (k.kind == V_NONE)
		return 1;	/* a line vLLM added later: passed over */
	if (value(v, s + m.so[2], m.eo[2] - m.so[2], no, s + m.so[1], klen,
	    RUN_SETTING(k.kind), &x, err) == -1)
		return -1;
	store(v, &k, x);
	return 1;
}

static int
finish(struct vcon *v, unsigned long no, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct bench	*b = &v->b;
	double		 done;

	v->active = 0;
	if (!bench_has(b, BF_ITL + ST_MEAN) || !bench_has(b, BF_COMPLETED)) {
		wi_seterr(err, WI_EINPUT, v->file, no, "Serving Benchmark "
		    "Result (line %lu) has no %s", v->head_line,
		    bench_has(b, BF_COMPLETED) ? "Mean ITL (ms)" :
		    "Successful requests");
		return -1;
	}
	done = b->v[BF_COMPLETED];
	if (done > 0 && v->in_tot >= 0)
		bench_set(b, BF_PROMPT_TPR, v->in_tot / done);
	if (done > 0 && v->out_tot >= 0)
		bench_set(b, BF_OUTPUT_TPR, v->out_tot / done);
	vllm_name(b, v->max_conc, v->rate, v->burst);
	forget_run(v);
	benchset_run(set);
	return benchset_add(set, b, w, err);
}

static int
vcon_line(void *p, const char *s, size_t n, unsigned long no, int truncated,
    struct benchset *set, const struct wi_warn *w, struct wi_err *err)
{
	struct vcon	*v = p;
	struct re_match	 m;
	size_t		 i;
	int		 rc;

	(void)truncated;	/* a block's lines are short: no line is cut */
	if (v->active) {
		(void)strip_prefix(v->prefix, v->plen, &s, &n);
		for (i = 0; i < n && s[i] == '='; i++)
			continue;
		if (n >= 10 && i == n)
			return finish(v, no, set, w, err) == -1 ? -1 : 1;
	}
	if ((rc = re_exec(RE_VLLM_HEAD, s, n, &m, err)) == -1)
		return -1;
	if (rc == 1 && m.eo[1] <= PREFIX_MAX) {
		if (v->active) {
			wi_seterr(err, WI_EINPUT, v->file, no, "Serving "
			    "Benchmark Result (line %lu) is cut off by the "
			    "next one", v->head_line);
			return -1;
		}
		v->active = 1;
		v->head_line = no;
		(void)take_prefix(v->prefix, &v->plen, s, m.eo[1]);
		memset(&v->b, 0, sizeof(v->b));
		v->b.src = SRC_VLLM_CONSOLE;
		v->b.file = v->file;
		v->b.line = no;
		v->in_tot = v->out_tot = -1;
		return 1;
	}
	return pair(v, s, n, no, err);
}

static int
vcon_eof(void *p, unsigned long lastline, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct vcon	*v = p;

	(void)set;
	(void)w;
	if (!v->active)
		return 0;
	wi_seterr(err, WI_EINPUT, v->file, lastline, "Serving Benchmark "
	    "Result (line %lu) is cut off by the end of the input",
	    v->head_line);
	return -1;
}

/* The result's head, and the lines before it that say how it ran. */
static const struct in_trigger vllm_triggers[] = {
	{ "Benchmark", 0 },		/* Serving Benchmark Result */
	{ "Burstiness factor:", 0 },
	{ "request rate:", 2 },		/* Traffic request rate: */
	{ "request concurrency:", 2 },	/* Maximum request concurrency: */
	{ NULL, 0 }
};

const struct in_console in_vllm = {
	"vllm-console", vllm_triggers, vcon_new, vcon_free, vcon_start,
	vcon_active, vcon_line, vcon_eof
};
