/*
 * bench.h: one benchmark as read from the logs, and the set of them.
 *
 * The set keeps benchmarks in the order their names first appeared. A
 * name seen again replaces the earlier benchmark in place, with a
 * warning: the last run of a name is the one used.
 */
#ifndef BENCH_H
#define BENCH_H

#include "wi.h"

enum strategy { S_SYNCHRONOUS, S_THROUGHPUT, S_CONCURRENT, S_CONSTANT,
	S_POISSON };

struct stat3 {
	double	mean, median, p99;
};

struct bench {
	char		 name[WI_NAME_MAX];
	enum strategy	 type;
	double		 param;		/* streams or rate; 0 if none */
	const char	*file;		/* where the Stats row is */
	unsigned long	 line;
	double		 rps;		/* requests per second */
	double		 conc;		/* measured concurrency (mean) */
	double		 out_tps, tot_tps;
	struct stat3	 lat_s;		/* request latency, seconds */
	struct stat3	 ttft, itl, tpot;	/* milliseconds */
	int		 has_info;	/* the Benchmarks Info row was found */
	unsigned long	 info_line;
	double		 duration;	/* seconds */
	long long	 completed, incomplete, errored;
	double		 prompt_tpr, output_tpr;	/* tokens per completed request */
};

/* Information from a Benchmarks Info row, waiting for its Stats row. */
struct info {
	char		 name[WI_NAME_MAX];
	unsigned long	 line;
	double		 duration;
	long long	 completed, incomplete, errored;
	double		 prompt_tpr, output_tpr;
};

struct benchset {
	struct bench	*v;
	size_t		 n, cap;
};

const char *strategy_name(enum strategy);
void	benchset_init(struct benchset *);
void	benchset_free(struct benchset *);
int	benchset_add(struct benchset *, const struct bench *,
	    const struct wi_warn *, struct wi_err *);
const struct bench *benchset_find(const struct benchset *, const char *name);
int	bench_is_zero(const struct bench *);
void	bench_warn_errored(const struct bench *, const struct wi_warn *);

#endif
