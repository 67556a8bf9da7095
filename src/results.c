/*
 * results.c: the --results-dir write sequence (see results.h).
 */
#include <sys/file.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plan.h"
#include "results.h"

/*
 * The signals whose default action ends the process, bar KILL and STOP
 * which cannot be caught: each removes the temporaries first. PIPE is
 * not here: main ignores it, so a closed stdout is a write error.
 */
static const int fatal[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGALRM,
	SIGUSR1, SIGUSR2, SIGXCPU, SIGXFSZ, SIGVTALRM, SIGPROF, SIGILL,
	SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS };
#define NFATAL	(sizeof(fatal) / sizeof(fatal[0]))

/* What a signal removes; changed only while the signals are blocked. */
static struct results *armed;

static void
on_signal(int sig)
{
	int	i;

	/* unlink(2) is async-signal-safe; the names were made before. */
	if (armed != NULL)
		for (i = 0; i < armed->ntmp; i++)
			(void)unlink(armed->v[i].tmp);
	/* SA_RESETHAND restored the default: it acts once we return. */
	(void)raise(sig);
}

static void
block(sigset_t *old)
{
	sigset_t	set;
	size_t		i;

	sigemptyset(&set);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&set, fatal[i]);
	(void)sigprocmask(SIG_BLOCK, &set, old);
}

static void
unblock(const sigset_t *old)
{
	(void)sigprocmask(SIG_SETMASK, old, NULL);
}

/* Signals left ignored (nohup) stay ignored. */
static void
arm(struct results *r)
{
	struct sigaction sa, was;
	size_t		 i;

	armed = r;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NFATAL; i++)
		sigaddset(&sa.sa_mask, fatal[i]);
	for (i = 0; i < NFATAL; i++)
		if (sigaction(fatal[i], NULL, &was) == 0 &&
		    was.sa_handler != SIG_IGN)
			(void)sigaction(fatal[i], &sa, NULL);
}

void
results_init(struct results *r, const char *dir)
{
	memset(r, 0, sizeof(*r));
	r->dir = dir;
	r->dirfd = -1;
}

/* One more row of the table: a file name in DIR and its content. */
int
results_add(struct results *r, const char *name, const char *val,
    struct wi_err *err)
{
	if (r->n == RESULTS_MAX ||
	    strlen(val) >= sizeof(r->v[0].val)) {
		wi_seterr(err, WI_ESYS, NULL, 0, "--results-dir: no room for "
		    "result %s", name);
		return -1;
	}
	r->v[r->n].name = name;
	strcpy(r->v[r->n].val, val);
	r->n++;
	return 0;
}

/* One more result, a number as -o env prints it. */
static int
add_num(struct results *r, const char *name, double x, struct wi_err *err)
{
	char	num[FMT_NUM_MAX];

	return results_add(r, name, fmt_fixed(num, x, 0), err);
}

static int
add_long(struct results *r, const char *name, long x, struct wi_err *err)
{
	char	num[FMT_NUM_MAX];

	snprintf(num, sizeof(num), "%ld", x);
	return results_add(r, name, num, err);
}

/* The sizing's results, values as their floats print (fmt_f32). */
static int
capacity_values(struct results *r, const struct plan *p, struct wi_err *err)
{
	const struct capacity *c = &p->cap;
	const struct answer *a = &p->ans;

	/* A percentile's answer is the measurements' (plan.h). */
	if (add_num(r, "maxRate", a->measured ? a->rate : fmt_f32(a->rate),
	    err) == -1 || results_add(r, "binding", cap_binding_name(
	    a->measured ? (p->meas.miss != NULL ? p->meas.miss_by :
	    BIND_NONE) : c->binding), err) == -1 ||
	    add_num(r, "ttftMs", fmt_f32(c->ttft), err) == -1 ||
	    add_num(r, "itlMs", fmt_f32(c->itl), err) == -1)
		return -1;
	if (c->total_rate > 0 &&
	    (add_long(r, "replicas", a->replicas, err) == -1 ||
	    add_num(r, "ratePerReplica", fmt_f32((double)(float)(a->measured ?
	    c->total_rate / (double)a->replicas : c->per_replica)),
	    err) == -1))
		return -1;
	return 0;
}

/* The queueing model's parameters are floats: their digits, as -o env. */
static double
f32(const struct fit *f, double x)
{
	return f->model != NULL ? fmt_f32((double)(float)x) : x;
}

int
results_values(struct results *r, const struct fit *f, struct wi_err *err)
{
	int	sized = f->plan != NULL && f->plan->sized;

	if (f->plan != NULL && f->plan->given)	/* --params: no fit to write */
		return sized ? capacity_values(r, f->plan, err) : 0;
	if (!f->have_prefill) {
		wi_seterr(err, WI_EINPUT, NULL, 0, "--results-dir needs gamma "
		    "and delta: %s", fit_no_prefill(f));
		return -1;
	}
	if (add_num(r, "alpha", f32(f, f->alpha), err) == -1 ||
	    add_num(r, "beta", f32(f, f->beta), err) == -1 ||
	    add_num(r, "gamma", f32(f, f->gamma), err) == -1 ||
	    /* --model queue has no delta; its loss takes that place. */
	    (f->model != NULL ? add_num(r, "loss", f->model->score.loss, err) :
	    add_num(r, "delta", f->delta, err)) == -1 ||
	    add_long(r, "maxBatchSize", f->max_batch, err) == -1)
		return -1;
	return sized ? capacity_values(r, f->plan, err) : 0;
}

static void
remove_tmps(struct results *r)
{
	while (r->ntmp > 0)
		(void)unlink(r->v[--r->ntmp].tmp);
}

void
results_abort(struct results *r)
{
	sigset_t	old;

	block(&old);
	remove_tmps(r);
	unblock(&old);
	if (r->dirfd != -1)
		(void)close(r->dirfd);
	r->dirfd = -1;
}

static int
write_tmp(struct results *r, struct result *v, mode_t mask,
    struct wi_err *err)
{
	size_t	len = strlen(v->val);
	int	fd;

	if ((size_t)snprintf(v->tmp, sizeof(v->tmp), "%s/.%s.XXXXXX", r->dir,
	    v->name) >= sizeof(v->tmp)) {
		wi_seterr(err, WI_ESYS, r->dir, 0, "name too long");
		return -1;
	}
	if ((fd = mkstemp(v->tmp)) == -1) {
		/* DIR is open: what says ENOENT makes no files (/proc, /sys). */
		wi_seterr(err, WI_ESYS, r->dir, 0, "cannot write %s: %s",
		    v->name, errno == ENOENT ? "the folder's file system makes "
		    "no new files (such as /proc or /sys)" : strerror(errno));
		return -1;
	}
	r->ntmp++;
	if (fchmod(fd, 0666 & ~mask) == -1 ||
	    write(fd, v->val, len) != (ssize_t)len) {
		wi_seterr(err, WI_ESYS, v->tmp, 0, "%s", strerror(errno));
		(void)close(fd);
		return -1;
	}
	if (close(fd) == -1) {
		wi_seterr(err, WI_ESYS, v->tmp, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

int
results_prepare(struct results *r, struct wi_err *err)
{
	sigset_t	old;
	mode_t		mask = umask(077);
	int		i;

	umask(mask);		/* mkstemp makes 0600; give what umask allows */
	/*
	 * The lock is taken on DIR itself: no lock file among results.
	 * Opened first, so that a missing DIR is told as that.
	 */
	if ((r->dirfd = open(r->dir, O_RDONLY | O_DIRECTORY |
	    O_CLOEXEC)) == -1) {
		wi_seterr(err, WI_ESYS, r->dir, 0, "%s", strerror(errno));
		return -1;
	}
	/* Blocked, so no signal comes between mkstemp and ntmp++. */
	block(&old);
	arm(r);
	for (i = 0; i < r->n; i++)
		if (write_tmp(r, &r->v[i], mask, err) == -1)
			break;
	unblock(&old);
	if (i == r->n && results_check(r, err) == 0)
		return 0;
	results_abort(r);
	return -1;
}

/*
 * Put back what renames 0..k-1 replaced: the backup where there was a
 * file, nothing where there was none. 0, or -1 with the names that
 * stay new (their backups stay too).
 */
static int
roll_back(struct results *r, int k, int *had, char *left, size_t sz)
{
	char	dst[RESULTS_PATH + 64], bak[RESULTS_PATH + 1];
	size_t	len = 0;
	int	i, rc = 0;

	left[0] = '\0';
	for (i = 0; i < k; i++) {
		results_path(dst, sizeof(dst), r, i, 0);
		results_path(bak, sizeof(bak), r, i, 1);
		if (had[i] ? rename(bak, dst) == 0 : unlink(dst) == 0)
			continue;
		rc = -1;
		had[i] = 0;	/* the backup stays: the only old copy */
		if (len < sz)
			len += (size_t)snprintf(left + len, sz - len, "%s%s",
			    len > 0 ? ", " : "", r->v[i].name);
	}
	return rc;
}

static void
drop_backups(struct results *r, const int *had)
{
	char	bak[RESULTS_PATH + 1];
	int	i;

	for (i = 0; i < r->n; i++)
		if (had[i] && results_path(bak, sizeof(bak), r, i, 1) == 0)
			(void)unlink(bak);
}

/* Under the lock, signals blocked: all the renames, or none. */
static int
swap(struct results *r, struct wi_err *err)
{
	struct stat st;
	char	bak[RESULTS_PATH + 1], left[256];
	int	had[RESULTS_MAX] = { 0 };
	int	i, k, e;

	for (i = 0; i < r->n; i++) {
		results_path(r->dst, sizeof(r->dst), r, i, 0);
		results_path(bak, sizeof(bak), r, i, 1);
		if (link(r->dst, bak) == 0)
			had[i] = 1;
		else if (errno != ENOENT) {
			/* link(2) says EPERM where a folder came in the way. */
			e = errno;
			if (lstat(r->dst, &st) == 0 && S_ISDIR(st.st_mode))
				e = EISDIR;
			wi_seterr(err, WI_ESYS, r->dst, 0, "%s; no result file "
			    "changed", strerror(e));
			drop_backups(r, had);
			return -1;
		}
	}
	for (k = 0; k < r->n; k++) {
		results_path(r->dst, sizeof(r->dst), r, k, 0);
		if (rename(r->v[k].tmp, r->dst) == -1)
			break;
	}
	if (k == r->n) {
		r->ntmp = 0;
		drop_backups(r, had);
		return results_drop_stale(r, err);
	}
	e = errno;
	for (i = k; i < r->n; i++)	/* 0..k-1 are no temporaries now */
		(void)unlink(r->v[i].tmp);
	r->ntmp = 0;
	if (roll_back(r, k, had, left, sizeof(left)) == 0)
		wi_seterr(err, WI_ESYS, r->dst, 0, "%s; no result file "
		    "changed", strerror(e));
	else
		wi_seterr(err, WI_ESYS, r->dst, 0, "%s; could not put back "
		    "the previous %s (kept as .NAME.XXXXXX~)", strerror(e),
		    left);
	drop_backups(r, had);
	return -1;
}

int
results_commit(struct results *r, struct wi_err *err)
{
	sigset_t	old;
	int		rc;

	/* Waiting for another run, a signal still cleans up and ends. */
	if (flock(r->dirfd, LOCK_EX) == -1) {
		wi_seterr(err, WI_ESYS, r->dir, 0, "cannot lock: %s",
		    strerror(errno));
		results_abort(r);
		return -1;
	}
	block(&old);
	rc = swap(r, err);
	remove_tmps(r);
	unblock(&old);
	(void)close(r->dirfd);	/* and the lock with it */
	r->dirfd = -1;
	return rc;
}
