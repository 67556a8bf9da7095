/*
 * results.h: --results-dir, one file a result holding just the value
 * (Tekton's $(results.NAME.path) convention): alpha, beta, gamma, delta
 * and maxBatchSize (for --model queue loss in place of delta); with a
 * sizing also maxRate, binding (ttft, itl or none), ttftMs and itlMs,
 * and with --rate replicas and ratePerReplica (from --params alone,
 * only these).
 *
 * The values are listed first (results_values, results_add: a table of
 * name and value text), written to temporary names DIR/.NAME.XXXXXX
 * before anything goes to stdout (results_prepare), and renamed into
 * place only once the run has succeeded (results_commit); results_abort
 * removes the temporaries. From results_prepare on, a signal that ends
 * the process (TERM, INT, HUP and the rest, not KILL) removes them too.
 *
 * The set is one unit: results_commit holds an exclusive flock(2) on DIR
 * itself while it renames, so runs into one DIR do not interleave, and
 * keeps each file it replaces as a hard link DIR/.NAME.XXXXXX~ until all
 * renames succeeded; if one fails, the files renamed so far are put back
 * (or removed where there was none). A reader that holds a shared flock
 * on DIR reads one run's set; any reader sees each file whole. Once
 * the renames are done, the names above that this run does not write
 * are removed: they were an earlier run's. Whatever would stop a
 * rename, a backup link or a removal (a folder in the way, another
 * user's file in a sticky folder or one the kernel will not link)
 * stops the run in results_prepare, before stdout is written.
 */
#ifndef RESULTS_H
#define RESULTS_H

#include "fmt.h"
#include "solve.h"
#include "wi.h"

#define RESULTS_MAX	16		/* rows of the table */
#define RESULTS_PATH	4096

struct result {
	const char	*name;		/* the file name in DIR */
	char		 val[FMT_NUM_MAX];	/* its whole content */
	char		 tmp[RESULTS_PATH];	/* DIR/.NAME.XXXXXX */
};

struct results {
	const char	*dir;
	struct result	 v[RESULTS_MAX];
	int		 n;		/* rows listed */
	int		 ntmp;		/* temporaries that exist */
	int		 dirfd;		/* DIR, to lock; -1 */
	char		 dst[RESULTS_PATH + 64];	/* errors name it */
};

void	results_init(struct results *, const char *dir);
int	results_add(struct results *, const char *name, const char *val,
	    struct wi_err *);
int	results_values(struct results *, const struct fit *, struct wi_err *);
int	results_prepare(struct results *, struct wi_err *);
int	results_commit(struct results *, struct wi_err *);
void	results_abort(struct results *);

/*
 * Within results.c and results_names.c: DIR/NAME of row i, or with
 * backup DIR/.NAME.XXXXXX~ (0, -1: too long); the checks that stop a
 * run before stdout (every name written or removed); and the removal
 * of an earlier run's other names.
 */
int	results_path(char *, size_t, const struct results *, int i,
	    int backup);
int	results_check(struct results *, struct wi_err *);
int	results_drop_stale(struct results *, struct wi_err *);

#endif
