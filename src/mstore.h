/*
 * mstore.h: a running vLLM server's own metrics, from snapshot to window
 * to fit point.
 *
 * The readers of Prometheus data (in_prom.c: the text exposition, a
 * stream of /metrics snapshots; in_range.c: query_range JSON) hand the
 * store each pod's cumulative counters and gauges at one time: a
 * snapshot (ms_snapshot), the sums over the pod's series of a field
 * (its engines, finish reasons). Per pod the store keeps only the
 * snapshot that starts the window being cut and the one before, so a
 * stream of any length costs the same memory, and cuts windows:
 *
 *	snapshots  t0 ---- t1 ---- t2 ---- t3 ---- t4 ---- t5 ...
 *	windows    [t0 ..................... t4][t4 ...
 *	           a window ends at the first snapshot at least
 *	           --window - spacing/2 seconds after its start
 *
 * A window's measurements are the counters' differences: completions
 * (vllm:request_success_total but its abort and error reasons), the
 * sums and counts of the TTFT, ITL, end-to-end latency and token
 * histograms, arrivals where the llm-d scheduler's counter names the
 * pod, and the time integral of the running requests gauge.
 *
 * A window is kept, or dropped with one reason (the first that holds):
 *	missing	a needed series is absent from its first or last snapshot
 *	reset	a counter went down (a restart): the window ends there
 *	gap	two snapshots of the pod more than MS_GAP times its usual
 *		spacing apart (the shortest seen, or --interval)
 *	few	fewer completions than --min-requests
 *	short	shorter than MS_LATENCIES times the mean request latency:
 *		its requests started before it
 *	queue	the waiting queue grew by at least MS_QUEUE_MIN requests and
 *		MS_QUEUE_SHARE of its completions: not a steady state
 *	partial	the input ended inside it
 *
 * Once every input is read (ms_finish), each pod's kept windows are
 * pooled by load: bins of equal width in log(rate), as fine as 10% and
 * widened until all pods together hold at most MS_MAX_POINTS pools.
 * A pool sums its windows' counters, so its means are exact means over
 * its requests; it becomes one struct bench (named load@RATE; its
 * completions weigh it in the queueing-model fit) and each pod a sweep
 * of its own, labelled by the pod's name.
 *
 * Memory: MS_MAX_PODS pods, MS_MAX_WINDOWS windows (a compact record
 * each, for the output's list); more is an error.
 */
#ifndef MSTORE_H
#define MSTORE_H

#include <stddef.h>

#include "bench.h"
#include "wi.h"

#define MS_WINDOW	60.0	/* --window default, as WVA's 1m rates */
#define MS_MIN_REQUESTS	10	/* --min-requests default */
#define MS_GAP		2.5
#define MS_LATENCIES	3.0
#define MS_QUEUE_MIN	2.0
#define MS_QUEUE_SHARE	0.10
#define MS_MAX_PODS	4096
#define MS_MAX_WINDOWS	100000	/* a week of 1-minute windows of 10 pods */
#define MS_MAX_POINTS	96	/* pools of all pods: ~0.2 s of fitting */
#define MS_BIN		0.10	/* the finest pool: rates within 10% */
#define MS_STEP		0.20	/* neighbours' rates this far apart: a step
				   of the load (mpool.c) */
#define MS_NAME_MAX	256	/* bytes of a pod's or a model's name */
#define MS_ONE_POINT	1.25	/* p95/p5 of the windows' rates below this:
				   one operating point */

/* The fields of a snapshot: sums over a pod's series of one kind. */
enum mfield {
	MF_DONE,		/* request_success_total, finished normally */
	MF_ABORT,		/* its abort and error reasons */
	MF_TTFT_S, MF_TTFT_N,	/* time_to_first_token_seconds sum, count */
	MF_ITL_S, MF_ITL_N,	/* inter_token_latency_seconds (a step) */
	MF_TPOT_S, MF_TPOT_N,	/* time_per_output_token_seconds (its old
				   name, removed in 2026) */
	MF_RITL_S, MF_RITL_N,	/* request_time_per_output_token_seconds */
	MF_E2E_S, MF_E2E_N,	/* e2e_request_latency_seconds */
	MF_IN_S, MF_IN_N,	/* request_prompt_tokens */
	MF_OUT_S, MF_OUT_N,	/* request_generation_tokens */
	MF_RUN, MF_WAIT,	/* num_requests_running, _waiting (gauges) */
	MF_ARRIVE,		/* inference_extension_scheduler_attempts_total
				   {status="success"}, by pod_name */
	MF_ARRIVE2,		/* llm_d_epp_scheduler_attempts_total, its
				   newer twin */
	MF__COUNT
};

/*
 * The families read, by sample name: vllm:request_success_total (and
 * without _total), the _sum, _count and _bucket of each histogram, the
 * two gauges, the scheduler's attempts (both names, with and without
 * _total).
 */
enum mkind { MK_DONE, MK_SUM, MK_COUNT, MK_BUCKET, MK_GAUGE, MK_ARRIVE };

struct mfamily {
	const char	*name;
	size_t		 len;
	enum mkind	 kind;
	int		 f;		/* enum mfield */
};

/* mfamily.c: the family of a sample name, or NULL. */
const struct mfamily *ms_family(const char *name, size_t n);
/* 0 when no family's name can start s[0..n) (a quick test). */
int	ms_may_family(const char *s, size_t n);

/*
 * The field a sample of fm counts in, by its finished_reason, status and
 * le labels (NULL: absent): -1 to pass it over (a bucket below +Inf, an
 * attempt that failed), MS_BAD_LE for a bucket whose le is no number;
 * *inf says the sample is a +Inf bucket (a count, where _count lacks).
 */
#define MS_BAD_LE	(-2)
int	ms_field(const struct mfamily *, const char *reason,
	    const char *status, const char *le, int *inf);

/* A pod's cumulative values at one time. */
struct msnap {
	double		 t;		/* seconds since the epoch (or 0) */
	double		 v[MF__COUNT];
	unsigned	 mask;		/* bit f: v[f] was read */
	double		 inf[MF__COUNT];	/* an _N field's +Inf bucket */
	unsigned	 infmask;
	const char	*file;		/* where it was read */
	unsigned long	 line;
};

static inline void
ms_add(struct msnap *s, int f, double x)
{
	s->v[f] += x;
	s->mask |= 1U << f;
}

enum mreason { MR_USED, MR_MISSING, MR_RESET, MR_GAP, MR_FEW, MR_SHORT,
	MR_QUEUE, MR_PARTIAL, MR__COUNT };

/* One window: its place, what it measured (differences), its fate. */
struct mwin {
	unsigned	 pod;
	unsigned char	 reason;	/* enum mreason */
	unsigned short	 pool;		/* 1 + its pool in the pod; 0: none */
	double		 t0, dur;	/* start, seconds */
	double		 d[MF__COUNT];	/* differences; gauges: see below */
	unsigned	 mask;		/* fields known at both ends */
	const char	*file;		/* the snapshot that ended it */
	unsigned long	 line;
};
/*
 * In d[], MF_RUN holds the time integral of the running requests over
 * the window (request-seconds) and MF_WAIT the change of the waiting
 * queue from start to end.
 */

/* What a window says, worked out from its differences. */
struct mpoint {
	double	rate;			/* per second: arrivals or completions */
	double	done, ttft, itl;	/* completions; ms */
	double	in, out;		/* tokens per request */
	double	conc;			/* mean requests in service */
	double	latency;		/* mean request latency, s */
};

struct mpod {
	char		*name;
	char		 model[MS_NAME_MAX];	/* model_name, or "" */
	enum source	 src;
	struct msnap	 start, prev;	/* the window's start, the last one */
	int		 have_start, have_prev;
	struct msnap	 pend;		/* the latest, while more of its time
					   may come (another scrape's) */
	int		 have_pend;
	double		 run_int;	/* running requests x seconds so far */
	double		 spacing;	/* the shortest spacing seen, or 0 */
	unsigned long	 nsnap;		/* snapshots handed over */
	size_t		 nwin, nused;
	int		 arrivals;	/* every used window has arrivals */
	double		 lo, hi;	/* p5, p95 of its used windows' rates */
	size_t		 npools;
	char		(*pools)[WI_NAME_MAX];	/* the pools' names */
	size_t		 hash_next;	/* next pod in its hash chain, +1 */
};

/* A buffered query_range series (ms_series). */
struct mseries {
	long		 pod;
	int		 f, inf;
	size_t		 off, n;	/* its samples in st[], sv[] */
	const char	*file;
	unsigned long	 line;
};

struct mopts {
	double		 window;	/* --window, seconds */
	double		 interval;	/* --interval, seconds; 0: none */
	int		 itl_request;	/* --itl request */
	double		 min_requests;	/* --min-requests */
};

struct mstore {
	struct mopts	 o;
	struct mpod	*pod;
	size_t		 npods, podcap;
	size_t		*hash;		/* MS_HASH heads: 1 + pod index */
	struct mwin	*win;
	size_t		 nwin, wincap;
	size_t		 count[MR__COUNT];
	unsigned long	 snapshots;	/* handed to ms_snapshot */
	unsigned long	 inputs;	/* metrics inputs read */
	const char	*first;		/* the first of them */
	unsigned long	 skipped;	/* not after the pod's last one */
	int		 finished;	/* ms_finish ran */
	int		 itl_field;	/* MF_ITL_S, MF_TPOT_S or MF_RITL_S */
	int		 arrivals;	/* some pod's rates are arrivals */
	double		 lo, hi;	/* p5, p95 of all used windows' rates */
	double		 bin;		/* the pools' width, relative */
	size_t		 npoints;	/* pools made */
	struct mseries	*ser;		/* query_range series, until ms_finish */
	size_t		 nser, sercap;
	double		*st, *sv;	/* their samples */
	size_t		 nsamples, samplecap;
};

/* The set's store, made with o (NULL: the defaults) if it has none. */
struct mstore *ms_get(struct benchset *, const struct mopts *,
	    struct wi_err *);
void	ms_free(struct benchset *);
void	ms_defaults(struct mopts *);

/* Pod name[0..n) of a source: its index, made if new, or -1. */
long	ms_pod(struct mstore *, const char *name, size_t n, enum source,
	    struct wi_err *);
void	ms_model(struct mstore *, long pod, const char *name, size_t n);

/*
 * query_range (in_range.c): the samples of one series, counting in field
 * f of pod (inf: a +Inf bucket), times ascending, are kept until
 * ms_finish puts each pod's series together into snapshots, one a time
 * any of them has: MS_MAX_SAMPLES samples in all at most. 0, or -1.
 */
#define MS_MAX_SAMPLES	(4 << 20)
int	ms_series(struct mstore *, long pod, int f, int inf, const double *t,
	    const double *v, size_t n, const char *file, unsigned long line,
	    struct wi_err *);

/* mrange.c, for ms_finish: the buffered series into snapshots. */
int	ms_range_flush(struct mstore *, const struct wi_warn *,
	    struct wi_err *);

/* The pod's snapshot s, complete: 0, or -1. */
int	ms_snapshot(struct mstore *, long pod, const struct msnap *,
	    const struct wi_warn *, struct wi_err *);

/*
 * Every input read: close each pod's last window, pool, add the pools
 * to the set as benchmarks (mpool.c). 0, or -1 (no window usable, out
 * of memory, too many windows). Does nothing for a set without a store.
 */
int	ms_finish(struct benchset *, const struct wi_warn *, struct wi_err *);

/* Does the set hold what a metrics input gave? (outputs ask) */
int	ms_read(const struct benchset *);

const char *ms_reason_name(enum mreason);
void	ms_point(const struct mstore *, const struct mwin *,
	    struct mpoint *);

/* mpool.c: the pools, for ms_finish. */
int	ms_pool(struct mstore *, struct benchset *, const struct wi_warn *,
	    struct wi_err *);

#endif
