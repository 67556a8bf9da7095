/*
 * bench.c: the benchmark set.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "fmt.h"
#include "re.h"

/* Consoles print ITL, TTFT and concurrency to 0.1 (or 0.01). */
#define CONSOLE_ROUNDING	0.0501

const char *
strategy_name(enum strategy s)
{
	static const char *const names[] = { "synchronous", "throughput",
	    "concurrent", "constant", "poisson", "other" };

	return names[s];
}

const char *
stat_name(enum statistic s)
{
	static const char *const names[] = { "mean", "median", "p90", "p95",
	    "p99" };

	return names[s];
}

enum strategy
strategy_from_name(const char *s, size_t n)
{
	enum strategy	t;

	for (t = S_SYNCHRONOUS; t < S_OTHER; t++)
		if (strlen(strategy_name(t)) == n &&
		    memcmp(s, strategy_name(t), n) == 0)
			return t;
	return S_OTHER;
}

/*
 * A name as guidellm prints it (synchronous, throughput, concurrent@N,
 * constant@R, poisson@R) into b's name, type and parameter: 1, or 0 if
 * s is not such a name, -1 on a matcher error.
 */
int
bench_parse_name(struct bench *b, const char *s, size_t n, struct wi_err *err)
{
	struct re_match	m;
	int		rc;

	if ((rc = re_exec(RE_BENCH_NAME, s, n, &m, err)) != 1)
		return rc;
	memcpy(b->name, s, n);	/* the pattern bounds n to 40 < WI_NAME_MAX */
	b->name[n] = '\0';
	b->param = 0;
	b->has_param = m.so[1] == (size_t)-1;
	if (!b->has_param)
		b->type = s[0] == 's' ? S_SYNCHRONOUS : S_THROUGHPUT;
	else if (m.so[2] != (size_t)-1) {
		b->type = S_CONCURRENT;
		b->param = strtod(b->name + m.so[3], NULL);
	} else {
		b->type = s[m.so[4]] == 'c' ? S_CONSTANT : S_POISSON;
		b->param = strtod(b->name + m.so[5], NULL);
	}
	return 1;
}

/* type, or type#rank from the second of a type on: concurrent#2. */
void
bench_rank_name(struct bench *b, const char *type, size_t n,
    unsigned long rank)
{
	if (n > 31)
		n = 31;
	if (rank > 1)
		snprintf(b->name, sizeof(b->name), "%.*s#%lu", (int)n, type,
		    rank);
	else
		snprintf(b->name, sizeof(b->name), "%.*s", (int)n, type);
	b->rank = rank;
}

/*
 * A vLLM run named by how it ran, as its console and its --save-result
 * JSON both need: concurrent@N when capped, poisson@R (or gamma@R with a
 * burstiness) for a request rate, throughput otherwise.
 */
void
vllm_name(struct bench *b, double max_conc, double rate, double burst)
{
	if (max_conc >= 1) {
		b->type = S_CONCURRENT;
		b->param = max_conc;
		b->has_param = 1;
		bench_set(b, BF_MAX_CONC, max_conc);
		snprintf(b->name, sizeof(b->name), "concurrent@%.0f", max_conc);
	} else if (rate > 0 && isfinite(rate)) {
		b->type = (burst < 0 || burst == 1) ? S_POISSON : S_OTHER;
		b->param = rate;
		b->has_param = 1;
		snprintf(b->name, sizeof(b->name), "%s@%.2f",
		    b->type == S_POISSON ? "poisson" : "gamma", rate);
	} else {
		b->type = S_THROUGHPUT;
		snprintf(b->name, sizeof(b->name), "throughput");
	}
}

const char *
source_name(enum source s)
{
	static const char *const names[] = { "guidellm-0.2-console",
	    "guidellm-0.4-console", "guidellm-json", "guidellm-csv",
	    "vllm-console", "vllm-json", "guidellm-html",
	    "model-trainer-dataset", "guidellm-csv-json",
	    "prometheus-text", "prometheus-query-range" };

	return names[s];
}

int
source_is_report(enum source s)
{
	return s == SRC_G_JSON || s == SRC_G_CSV || s == SRC_VLLM_JSON ||
	    s == SRC_G_HTML || s == SRC_DATASET || s == SRC_G_CSVJSON ||
	    s == SRC_PROM_TEXT || s == SRC_PROM_RANGE;
}

void
benchset_init(struct benchset *set)
{
	memset(set, 0, sizeof(*set));
}

void
benchset_free(struct benchset *set)
{
	size_t	i;

	for (i = 0; i < set->nsw; i++) {
		free(set->sw[i].label);
		free(set->sw[i].name);
	}
	free(set->sw);
	free(set->v);
	memset(set, 0, sizeof(*set));
}

void
benchset_run(struct benchset *set)
{
	set->run++;
	set->run_first = set->n;
	set->run_swept = 0;
}

/* Room for one more sweep: 0, or -1 out of memory. */
static int
sweep_room(struct benchset *set, struct wi_err *err)
{
	struct sweep	*nv;
	size_t		 ncap;

	if (set->nsw < set->swcap)
		return 0;
	ncap = set->swcap ? set->swcap * 2 : 4;
	if ((nv = realloc(set->sw, ncap * sizeof(*nv))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	set->sw = nv;
	set->swcap = ncap;
	return 0;
}

int
benchset_sweep(struct benchset *set, const char *name, struct wi_err *err)
{
	struct sweep	*sw;

	benchset_run(set);
	if (sweep_room(set, err) == -1)
		return -1;
	sw = &set->sw[set->nsw];
	memset(sw, 0, sizeof(*sw));
	if ((sw->name = strdup(name)) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	set->nsw++;
	set->run_swept = 1;	/* its benchmarks join it (place) */
	return 0;
}

const struct bench *
benchset_find(const struct benchset *set, const char *name)
{
	size_t	i;

	for (i = set->n; i > 0; i--)
		if (strcmp(set->v[i - 1].name, name) == 0)
			return &set->v[i - 1];
	return NULL;
}

size_t
benchset_count(const struct benchset *set, const char *name)
{
	size_t	i, k = 0;

	for (i = 0; i < set->n; i++)
		k += strcmp(set->v[i].name, name) == 0;
	return k;
}

/* The benchmark named so in the run being read, or in sweep sw. */
static struct bench *
find_in(struct benchset *set, const char *name, int in_run, unsigned sw)
{
	size_t	i;

	for (i = 0; i < set->n; i++)
		if ((in_run ? set->v[i].run == set->run : set->v[i].sweep ==
		    sw) && strcmp(set->v[i].name, name) == 0)
			return &set->v[i];
	return NULL;
}

/*
 * guidellm 0.4+ consoles and CSV reports name rows by type and rank
 * (concurrent#2), the JSON report by streams or rate (concurrent@32):
 * for those, whether two benchmarks are the same run is told by their
 * numbers, not their names.
 */
static int
ranked(const struct bench *b)
{
	return b->src == SRC_G04_CONSOLE || ((b->src == SRC_G_CSV ||
	    b->src == SRC_G_HTML) && b->rank);
}

static int
by_numbers(const struct bench *b)
{
	return ranked(b) || b->src == SRC_G_JSON;
}

/*
 * Do a and b hold the same measurements, to within tol (a console
 * rounds to 0.1)? At least two statistics must be there to compare.
 */
static int
agree(const struct bench *a, const struct bench *b, double tol)
{
	static const int f[] = { BF_ITL + ST_MEAN, BF_ITL + ST_MEDIAN,
	    BF_TTFT + ST_MEAN, BF_TTFT + ST_MEDIAN, BF_CONC, BF_RPS };
	size_t	i;
	int	n = 0;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		if (!bench_has(a, f[i]) || !bench_has(b, f[i]))
			continue;
		if (fabs(a->v[f[i]] - b->v[f[i]]) > tol)
			return 0;
		n++;
	}
	return n >= 2;
}

/*
 * The benchmark b reads again, or NULL: the same name in the run being
 * read; in another run, the same name and numbers (a log given twice),
 * or where names are ranks, the same numbers (a report of a console's
 * run: equal to the console's rounding).
 */
static struct bench *
earlier(struct benchset *set, const struct bench *b)
{
	struct bench	*e;
	size_t		 i;

	if ((e = find_in(set, b->name, 1, 0)) != NULL)
		return e;
	for (i = 0; i < set->n; i++) {
		e = &set->v[i];
		if (e->run == set->run || e->type != b->type ||
		    (strcmp(e->name, b->name) != 0 &&
		    !(by_numbers(b) && by_numbers(e))))
			continue;
		if (e->src == b->src ? agree(e, b, 0) :
		    agree(e, b, CONSOLE_ROUNDING))
			return e;
	}
	return NULL;
}

/*
 * The same benchmark twice. Reports are exact where consoles round: a
 * report wins over a console in either order; of two reports, the JSON
 * one (it has every statistic). Twice from the same kind of input, the
 * last one wins with a warning. It keeps its place: run and sweep.
 */
static void
replace(struct bench *old, const struct bench *b, const struct wi_warn *w)
{
	char		name[WI_NAME_MAX];
	int		old_exact = source_is_report(old->src);
	int		new_exact = source_is_report(b->src);
	unsigned	run = old->run, sweep = old->sweep;

	if (old->src != b->src && old_exact && (!new_exact ||
	    old->src == SRC_G_JSON)) {
		wi_notef(w, b->file, b->line, "benchmark %s: using the values "
		    "of the report %s (%s), not these", b->name, old->file,
		    old->name);
		return;
	}
	if (old->src != b->src && new_exact)
		wi_notef(w, b->file, b->line, "benchmark %s: using these "
		    "report values, not those at %s:%lu (%s)", b->name,
		    old->file, old->line, old->name);
	else if (old->line == b->line && strcmp(old->file, b->file) == 0 &&
	    b->src != SRC_G_JSON && b->src != SRC_VLLM_JSON)	/* 1 line */
		wi_warnf(w, b->file, b->line, "benchmark %s appears again: "
		    "the same input was given twice", old->name);
	else
		wi_warnf(w, b->file, b->line,
		    "benchmark %s appears again (first at %s:%lu); "
		    "using this one", old->name, old->file, old->line);
	/* A row of a log read twice keeps the name it was first given. */
	memcpy(name, old->name, sizeof(name));
	*old = *b;
	old->run = run;
	old->sweep = sweep;
	if (old->src == b->src && ranked(b))
		memcpy(old->name, name, sizeof(name));
}

/*
 * The sweep of a new benchmark of the run being read: the last sweep,
 * unless the name is in it from another run; then the run starts a
 * sweep of its own, and its benchmarks so far move there.
 */
static int
place(struct benchset *set, struct bench *b, struct wi_err *err)
{
	size_t		 i;

	b->run = set->run;
	if (set->nsw > 0 && (set->run_swept || find_in(set, b->name, 0,
	    (unsigned)set->nsw - 1) == NULL)) {
		b->sweep = (unsigned)set->nsw - 1;
		return 0;
	}
	if (sweep_room(set, err) == -1)
		return -1;
	memset(&set->sw[set->nsw], 0, sizeof(set->sw[0]));
	b->sweep = (unsigned)set->nsw++;
	for (i = set->run_first; i < set->n; i++)
		if (set->v[i].run == set->run)
			set->v[i].sweep = b->sweep;
	/* The first sweep holds the first run whatever its names. */
	set->run_swept = set->nsw > 1;
	return 0;
}

int
benchset_add(struct benchset *set, const struct bench *b,
    const struct wi_warn *w, struct wi_err *err)
{
	struct bench	*old, *nv, nb = *b;
	size_t		 ncap;

	if (set->run == 0)
		benchset_run(set);
	bench_sanitize(&nb, w);
	if ((old = earlier(set, &nb)) != NULL) {
		replace(old, &nb, w);
		return 0;
	}
	if (set->n == WI_MAX_BENCH) {
		wi_seterr(err, WI_EINPUT, b->file, b->line,
		    "more than %d benchmarks", WI_MAX_BENCH);
		return -1;
	}
	if (set->n == set->cap) {
		ncap = set->cap ? set->cap * 2 : 16;
		if ((nv = realloc(set->v, ncap * sizeof(*nv))) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		set->v = nv;
		set->cap = ncap;
	}
	if (place(set, &nb, err) == -1)
		return -1;
	set->v[set->n++] = nb;
	return 0;
}

const char *
benchset_short(const struct benchset *set, unsigned k)
{
	const char	*label = set->sw[k].label, *s;
	size_t		 i, len, n;

	if (label == NULL)
		return "";
	for (s = label + strlen(label); s > label; s--) {
		if (s[-1] != '/')
			continue;
		n = strlen(s);
		for (i = 0; i < set->nsw; i++) {
			if (i == k || set->sw[i].label == NULL)
				continue;
			len = strlen(set->sw[i].label);
			if (len >= n && strcmp(set->sw[i].label + len - n,
			    s) == 0 && (len == n ||
			    set->sw[i].label[len - n - 1] == '/'))
				break;
		}
		if (i == set->nsw)
			return s;
	}
	return label;
}

/* An input's name as outputs show it. */
static const char *
input_name(const char *file)
{
	return file != NULL ? file : "<stdin>";
}

int
benchset_label(struct benchset *set, struct wi_err *err)
{
	struct sweep	*sw;
	const struct bench *b;
	size_t		 i, k, len;
	unsigned	 shared;

	for (k = 0; k < set->nsw; k++) {
		sw = &set->sw[k];
		sw->file = sw->last = NULL;
		sw->nfiles = sw->nbench = 0;
	}
	for (i = 0; i < set->n; i++) {
		b = &set->v[i];
		sw = &set->sw[b->sweep];
		if (sw->nbench++ == 0 || (strcmp(input_name(b->file),
		    input_name(sw->file)) == 0 && b->line < sw->line)) {
			if (sw->file == NULL)
				sw->file = b->file;
			sw->line = b->line;
		}
		if (sw->last == NULL || strcmp(input_name(sw->last),
		    input_name(b->file)) != 0) {
			sw->last = b->file;
			sw->nfiles++;
		}
	}
	for (k = 0; k < set->nsw; k++) {
		sw = &set->sw[k];
		/* Does its first input start other sweeps too? */
		for (shared = 0, i = 0; i < set->nsw; i++)
			shared += i != k && set->sw[i].nbench > 0 &&
			    strcmp(input_name(set->sw[i].file),
			    input_name(sw->file)) == 0;
		len = strlen(input_name(sw->file)) + strlen(input_name(
		    sw->last)) + 48;
		free(sw->label);
		if (sw->name != NULL)
			len = strlen(sw->name) + 1;
		if ((sw->label = malloc(len)) == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		if (sw->name != NULL) {
			memcpy(sw->label, sw->name, len);
			continue;
		}
		if (shared)
			snprintf(sw->label, len, "%s:%lu",
			    input_name(sw->file), sw->line);
		else
			snprintf(sw->label, len, "%s", input_name(sw->file));
		if (sw->nfiles == 2)
			snprintf(sw->label + strlen(sw->label), len -
			    strlen(sw->label), "+%s", input_name(sw->last));
		else if (sw->nfiles > 2)
			snprintf(sw->label + strlen(sw->label), len -
			    strlen(sw->label), "+%u more", sw->nfiles - 1);
	}
	return 0;
}

/*
 * A run that completed nothing: guidellm zero-fills its statistics, so
 * its numbers are not measurements.
 */
int
bench_is_zero(const struct bench *b)
{
	int	s;

	if (bench_has(b, BF_COMPLETED))
		return b->v[BF_COMPLETED] == 0;
	if (bench_has(b, BF_RPS) && b->v[BF_RPS] != 0)
		return 0;
	for (s = 0; s < ST__COUNT; s++)
		if ((bench_has(b, BF_ITL + s) && b->v[BF_ITL + s] != 0) ||
		    (bench_has(b, BF_TTFT + s) && b->v[BF_TTFT + s] != 0))
			return 0;
	return 1;
}

/* What field f is, for messages. */
static void
field_name(char *buf, size_t sz, int f)
{
	static const char *const group[] = { "request latency", "TTFT", "ITL",
	    "TPOT" };
	static const char *const stat[] = { "mean", "median", "p90", "p95",
	    "p99" };
	static const char *const other[] = { "requests per second",
	    "concurrency", "max concurrency", "output tokens per second",
	    "total tokens per second" };
	static const char *const tail[] = { "completed requests",
	    "incomplete requests", "errored requests",
	    "prompt tokens per request", "output tokens per request",
	    "duration", "SLO attainment", "request goodput",
	    "TTFT objective", "TPOT objective", "E2E latency objective" };

	if (f < BF_LAT)
		snprintf(buf, sz, "%s", other[f]);
	else if (f < BF_COMPLETED)
		snprintf(buf, sz, "%s %s", group[(f - BF_LAT) / ST__COUNT],
		    stat[(f - BF_LAT) % ST__COUNT]);
	else
		snprintf(buf, sz, "%s", tail[f - BF_COMPLETED]);
}

/* Why statistic f is impossible, or NULL if it is not. */
static const char *
impossible(const struct bench *b, int f, char *buf, size_t sz)
{
	double	x = b->v[f], lo, hi, tol;
	int	g;

	if (isnan(x))
		return "not a number";
	if (!isfinite(x))
		return "not finite";
	if (x < 0)
		return "negative";
	/* The mean and median: what the fits take. */
	if (f < BF_LAT || f >= BF_COMPLETED || ((f - BF_LAT) % ST__COUNT !=
	    ST_MEAN && (f - BF_LAT) % ST__COUNT != ST_MEDIAN))
		return NULL;
	g = (f - BF_LAT) / ST__COUNT;
	if (!((b->has_range >> g) & 1))
		return NULL;
	lo = b->range[g][0];
	hi = b->range[g][1];
	/* A mean summed in floating point may pass max by a rounding. */
	tol = 1e-9 * fmax(fabs(lo), fabs(hi));
	if (isfinite(lo) && isfinite(hi) && lo <= hi &&
	    (x < lo - tol || x > hi + tol)) {
		snprintf(buf, sz, "outside its min %g and max %g", lo, hi);
		return buf;
	}
	return NULL;
}

/*
 * guidellm 0.3 wrote TTFT means of about -2e8 in saturated rows: such a
 * value becomes unknown, not a reason to refuse the whole input.
 */
void
bench_sanitize(struct bench *b, const struct wi_warn *w)
{
	char		 name[64], col[32], buf[96];
	const char	*why;
	int		 f;

	for (f = 0; f < BF__COUNT; f++) {
		if (!bench_has(b, f) ||
		    (why = impossible(b, f, buf, sizeof(buf))) == NULL)
			continue;
		field_name(name, sizeof(name), f);
		if (b->col[f] > 0)
			snprintf(col, sizeof(col), " (column %u)", b->col[f]);
		else
			col[0] = '\0';
		wi_warnf(w, b->file, b->line, "benchmark %s: its %s%s is %g, "
		    "%s: taken as unknown", b->name, name, col, b->v[f], why);
		b->known &= ~(1ULL << f);
		b->dropped |= 1ULL << f;
	}
}

/* For a message about a missing statistic f: why b lacks it. */
const char *
bench_why_unknown(const struct bench *b, int f)
{
	return ((b->dropped >> f) & 1) ? " (its value was impossible)" : "";
}

static double
errored(const struct bench *b, double *total)
{
	if (!bench_has(b, BF_ERRORED) || !(b->v[BF_ERRORED] > 0))
		return 0;
	*total = b->v[BF_ERRORED] + (bench_has(b, BF_COMPLETED) ?
	    b->v[BF_COMPLETED] : 0) + (bench_has(b, BF_INCOMPLETE) ?
	    b->v[BF_INCOMPLETE] : 0);
	return b->v[BF_ERRORED];
}

static int
same_file(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/*
 * One warning per input for the benchmarks of v[0..n) with errored
 * requests: the benchmark when one has them, else how many have them,
 * their sum, and the worst share, at its line.
 */
void
bench_warn_errored(const struct bench *const *v, size_t n,
    const struct wi_warn *w)
{
	const struct bench *worst;
	double	 e, t = 0, sum_e, sum_t, we = 0, wt = 0;
	char	 x[FMT_NUM_MAX], y[FMT_NUM_MAX], z[FMT_NUM_MAX], u[FMT_NUM_MAX];
	size_t	 i, j, k, nb;

	for (i = 0; i < n; i++) {
		if (errored(v[i], &t) == 0)
			continue;
		for (j = 0; j < i; j++)
			if (same_file(v[j]->file, v[i]->file) &&
			    errored(v[j], &t) > 0)
				break;
		if (j < i)
			continue;	/* its input was told */
		worst = NULL;
		sum_e = sum_t = 0;
		for (k = i, nb = 0; k < n; k++) {
			if (!same_file(v[k]->file, v[i]->file) ||
			    (e = errored(v[k], &t)) == 0)
				continue;
			nb++;
			sum_e += e;
			sum_t += t;
			if (worst == NULL || e * wt > we * t) {
				worst = v[k];
				we = e;
				wt = t;
			}
		}
		if (nb == 1)
			wi_warnf(w, worst->file, worst->info_line ?
			    worst->info_line : worst->line, "benchmark %s: "
			    "%s of %s requests errored", worst->name,
			    fmt_dec(x, we, 0), fmt_dec(y, wt, 0));
		else
			wi_warnf(w, worst->file, worst->info_line ?
			    worst->info_line : worst->line, "%zu benchmarks "
			    "have errored requests, %s of %s in all; the "
			    "most, %s: %s of %s (%.2g%%)", nb, fmt_dec(x,
			    sum_e, 0), fmt_dec(y, sum_t, 0), worst->name,
			    fmt_dec(z, we, 0), fmt_dec(u, wt, 0), 100 * we / wt);
	}
}
