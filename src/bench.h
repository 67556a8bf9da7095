/*
 * bench.h: one benchmark as read from any input, and the set of them.
 *
 * Every input kind knows a different subset of the numbers (guidellm 0.4+
 * consoles print medians and p95 only, vLLM has no measured concurrency),
 * so a benchmark is an array of fields with a mask of those known.
 *
 * Runs and sweeps. A run is what one invocation of a benchmark tool
 * wrote: a report, or in a log one Benchmarks Stats table (guidellm
 * 0.2/0.3), one set of tables (0.4+), one result block (vLLM). Readers
 * say where a run starts (benchset_run; scan.c does at each input).
 * Runs that follow one another join one sweep while their benchmark
 * names stay distinct: a synchronous log and a throughput log are one
 * sweep; sixteen reports that each hold a synchronous benchmark are
 * sixteen. A benchmark is its sweep plus its name.
 *
 * The set keeps benchmarks in the order they were read. A name seen
 * again in the same run replaces the earlier benchmark in place, with a
 * warning, and so does a benchmark of another run with the same numbers
 * (the same input given twice, or a report and the console of one run);
 * a report's exact values are preferred over a console's rounded ones,
 * whatever the order, with a note.
 *
 * A statistic no measurement can have (negative, not a number, a mean
 * or percentile outside the [min, max] read with it) is not trusted:
 * benchset_add makes it unknown with a warning (bench_sanitize) and
 * marks it dropped, so that a fit that needs it can say why it lacks it
 * (bench_why_unknown).
 */
#ifndef BENCH_H
#define BENCH_H

#include "wi.h"

enum strategy { S_SYNCHRONOUS, S_THROUGHPUT, S_CONCURRENT, S_CONSTANT,
	S_POISSON, S_OTHER };

/* Where a benchmark came from; reports are exact, consoles rounded. */
enum source { SRC_G02_CONSOLE, SRC_G04_CONSOLE, SRC_G_JSON, SRC_G_CSV,
	SRC_VLLM_CONSOLE, SRC_VLLM_JSON, SRC_G_HTML, SRC_DATASET,
	SRC_G_CSVJSON,
	SRC_PROM_TEXT, SRC_PROM_RANGE };	/* metrics, pooled by mstore.h */

/* A statistic's offset within each of the LAT, TTFT, ITL, TPOT groups. */
enum statistic { ST_MEAN, ST_MEDIAN, ST_P90, ST_P95, ST_P99, ST__COUNT };

enum bfield {
	BF_RPS,			/* requests per second */
	BF_CONC,		/* measured concurrency, mean */
	BF_MAX_CONC,		/* configured concurrency cap (vLLM) */
	BF_OUT_TPS, BF_TOT_TPS,	/* output and total tokens per second */
	BF_LAT,			/* request latency, seconds: + enum statistic */
	BF_TTFT = BF_LAT + ST__COUNT,	/* milliseconds from here on */
	BF_ITL = BF_TTFT + ST__COUNT,
	BF_TPOT = BF_ITL + ST__COUNT,
	BF_COMPLETED = BF_TPOT + ST__COUNT,
	BF_INCOMPLETE, BF_ERRORED,
	BF_PROMPT_TPR, BF_OUTPUT_TPR,	/* tokens per completed request */
	BF_DURATION,		/* seconds */
	/*
	 * guidellm 0.8 goodput, read for -x and never fitted: the share of
	 * requests that met every latency objective, their rate, and the
	 * objectives themselves (config.slo, milliseconds; tpot is compared
	 * against ITL by guidellm).
	 */
	BF_SLO_ATTAIN, BF_GOODPUT,
	BF_SLO_TTFT, BF_SLO_TPOT, BF_SLO_E2EL,
	BF__COUNT
};

/* The masks hold one bit per field. */
_Static_assert(BF__COUNT <= 64, "struct bench masks are 64 bits");

struct bench {
	char		 name[WI_NAME_MAX];
	enum strategy	 type;
	double		 param;		/* streams or rate, when has_param */
	int		 has_param;
	enum source	 src;
	const char	*file;		/* where its main row or record is */
	unsigned long	 line;
	unsigned long	 info_line;	/* guidellm 0.2/0.3 Info row, or 0 */
	unsigned long	 rank;		/* k-th of its type in its kind of input */
	double		 v[BF__COUNT];
	unsigned long long known;	/* bit f: v[f] was read */
	unsigned long long dropped;	/* bit f: v[f] was impossible */
	unsigned short	 col[BF__COUNT];	/* CSV column of v[f], or 0 */
	double		 range[4][2];	/* min, max of LAT, TTFT, ITL, TPOT */
	unsigned	 has_range;	/* bit g: range[g] was read */
	unsigned	 run;		/* set by benchset_add: its run */
	unsigned	 sweep;		/* and its sweep, an index of sw[] */
};

/* A sweep: where it was read, and its label for outputs. */
struct sweep {
	const char	*file;		/* its first benchmark's input */
	unsigned long	 line;		/* and line */
	const char	*last;		/* the input of its last benchmark */
	unsigned	 nfiles;	/* inputs it spans */
	unsigned	 nbench;	/* benchmarks in the set */
	char		*label;		/* after benchset_label, else NULL */
	char		*name;		/* its label, from benchset_sweep */
};

struct mstore;

struct benchset {
	struct bench	*v;
	size_t		 n, cap;
	struct sweep	*sw;		/* the sweeps, in the order read */
	size_t		 nsw, swcap;
	unsigned	 run;		/* the run being read: 1, 2, ... */
	size_t		 run_first;	/* index in v of its first benchmark */
	int		 run_swept;	/* its benchmarks have a sweep of
					   their own (it clashed) */
	struct mstore	*ms;		/* metrics inputs' windows (mstore.h;
					   ms_free frees it), or NULL */
};

static inline int
bench_has(const struct bench *b, int f)
{
	return (int)((b->known >> f) & 1);
}

static inline void
bench_set(struct bench *b, int f, double x)
{
	b->v[f] = x;
	b->known |= 1ULL << f;
}

/* The least and greatest value of a group (BF_LAT, ...), where known. */
static inline void
bench_set_range(struct bench *b, int group, double lo, double hi)
{
	int	g = (group - BF_LAT) / ST__COUNT;

	b->range[g][0] = lo;
	b->range[g][1] = hi;
	b->has_range |= 1U << g;
}

const char *strategy_name(enum strategy);
enum strategy strategy_from_name(const char *, size_t);
void	bench_rank_name(struct bench *, const char *type, size_t,
	    unsigned long rank);
int	bench_parse_name(struct bench *, const char *, size_t,
	    struct wi_err *);
const char *stat_name(enum statistic);
void	vllm_name(struct bench *, double max_conc, double rate,
	    double burstiness);
const char *source_name(enum source);
int	source_is_report(enum source);
void	benchset_init(struct benchset *);
void	benchset_free(struct benchset *);
void	benchset_run(struct benchset *);	/* a run starts */
/*
 * A run starts that is a sweep of its own whatever its names, labelled
 * name (a pod of a metrics input): 0, or -1 out of memory.
 */
int	benchset_sweep(struct benchset *, const char *name, struct wi_err *);
int	benchset_add(struct benchset *, const struct bench *,
	    const struct wi_warn *, struct wi_err *);
/*
 * Labels for the sweeps once all is read: the input's name when a sweep
 * is all of one input, "NAME:LINE" when the input holds several sweeps,
 * "A+B" or "A+N more" when a sweep spans inputs. 0, or -1 out of memory.
 */
int	benchset_label(struct benchset *, struct wi_err *);
/*
 * The end of sweep k's label after a "/" that no other label ends with
 * (the whole label if none): "sweep-i64-o256/benchmarks.csv".
 */
const char *benchset_short(const struct benchset *, unsigned k);
/* The last benchmark read with that name, and how many have it. */
const struct bench *benchset_find(const struct benchset *, const char *name);
size_t	benchset_count(const struct benchset *, const char *name);
int	bench_is_zero(const struct bench *);
/* One warning per input of v[0..n) about errored requests. */
void	bench_warn_errored(const struct bench *const *v, size_t n,
	    const struct wi_warn *);
void	bench_sanitize(struct bench *, const struct wi_warn *);
const char *bench_why_unknown(const struct bench *, int f);

#endif
