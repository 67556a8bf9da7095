/*
 * results.h: --results-dir, one file a result holding just the value
 * (Tekton's $(results.NAME.path) convention): alpha, beta, gamma, delta
 * and maxBatchSize (for --model queue loss in place of delta); with a sizing also maxRate, binding (ttft, itl or
 * none), ttftMs and itlMs, and with --rate replicas and ratePerReplica.
 *
 * The values are taken from the fit (results_values), written to
 * temporary names before anything goes to stdout (results_prepare), and
 * renamed into place only once the run has succeeded (results_commit);
 * results_abort removes the temporaries. A failed run leaves the folder
 * as it was, and a reader never sees a file half written.
 */
#ifndef RESULTS_H
#define RESULTS_H

#include "fmt.h"
#include "solve.h"
#include "wi.h"

#define NRESULTS	12	/* at most */

struct results {
	const char	*dir;
	int		 n;			/* results to write */
	const char	*name[NRESULTS];
	char		 val[NRESULTS][FMT_NUM_MAX];
	char		 tmp[NRESULTS][4096];
	char		 dst[4096 + 16];	/* outlives the call: errors name it */
	int		 ntmp;
};

void	results_init(struct results *, const char *dir);
int	results_values(struct results *, const struct fit *, struct wi_err *);
int	results_prepare(struct results *, struct wi_err *);
int	results_commit(struct results *, struct wi_err *);
void	results_abort(struct results *);

#endif
