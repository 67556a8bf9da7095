/*
 * results_names.c: the names a --results-dir run writes and those it
 * removes (see results.h): what would stop either, foreseen before
 * stdout is written (results_check), and the removal once the renames
 * are done (results_drop_stale).
 */
#include <sys/stat.h>
#ifdef __linux__
#include <sys/syscall.h>
#include <linux/capability.h>
#endif

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "results.h"

/* DIR/NAME, or DIR/.NAME.XXXXXX~ for the backup of NAME; -1: too long. */
int
results_path(char *buf, size_t sz, const struct results *r, int i,
    int backup)
{
	int	n;

	if (backup)
		n = snprintf(buf, sz, "%s~", r->v[i].tmp);
	else
		n = snprintf(buf, sz, "%s/%s", r->dir, r->v[i].name);
	return n < 0 || (size_t)n >= sz ? -1 : 0;
}

/*
 * Every name results_values writes. A run writes only some of them (no
 * sizing, --model queue's loss for delta); the others left from an
 * earlier run would sit beside this run's set as if they were its own,
 * so they go once the renames are done. Other files in DIR stay.
 */
static const char *const all_names[] = { "alpha", "beta", "gamma", "delta",
	"loss", "maxBatchSize", "maxRate", "binding", "ttftMs", "itlMs",
	"replicas", "ratePerReplica" };
#define NNAMES	(sizeof(all_names) / sizeof(all_names[0]))

/* The row of the table that writes name, or -1: an earlier run's. */
static int
row_of(const struct results *r, const char *name)
{
	int	k;

	for (k = 0; k < r->n; k++)
		if (strcmp(r->v[k].name, name) == 0)
			return k;
	return -1;
}

/*
 * May this process replace or remove a file of user uid in DIR? In a
 * sticky folder (/tmp, a shared workspace) only the owner of the file
 * or of the folder may, or a process with CAP_FOWNER. Foreseen, not
 * tried: a link made to try it could not be removed either.
 */
static int
may_replace(uid_t uid, const struct stat *dir)
{
#ifdef __linux__
	struct __user_cap_header_struct	h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	d[_LINUX_CAPABILITY_U32S_3];
#endif

	if (!(dir->st_mode & S_ISVTX) || uid == geteuid() ||
	    dir->st_uid == geteuid())
		return 1;
#ifdef __linux__
	if (syscall(SYS_capget, &h, d) == 0)
		return (d[CAP_TO_INDEX(CAP_FOWNER)].effective &
		    CAP_TO_MASK(CAP_FOWNER)) != 0;
#endif
	return geteuid() == 0;
}

/*
 * Can r->dst, the file row i replaces, be kept as a hard link? Tried:
 * the kernel may refuse to link a file of another user that this one
 * cannot write (fs.protected_hardlinks).
 */
static int
try_backup(struct results *r, int i, struct wi_err *err)
{
	char	bak[RESULTS_PATH + 1];

	results_path(bak, sizeof(bak), r, i, 1);
	if (link(r->dst, bak) == -1) {
		wi_seterr(err, WI_ESYS, r->dst, 0, "cannot keep the previous "
		    "%s as a hard link while it is replaced: %s", r->v[i].name,
		    strerror(errno));
		return -1;
	}
	if (unlink(bak) == -1) {
		wi_seterr(err, WI_ESYS, bak, 0, "cannot remove this trial link "
		    "to the previous %s: %s", r->v[i].name, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Name of all_names in DIR, which this run replaces (row i >= 0) or
 * removes (-1): whatever would stop that after stdout stops the run
 * now. A folder in the way, another user's file in a sticky folder, a
 * file the backup cannot link.
 */
static int
check_name(struct results *r, const char *name, int i,
    const struct stat *dir, struct wi_err *err)
{
	struct stat	st;

	snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir, name);
	if (lstat(r->dst, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		wi_seterr(err, WI_ESYS, r->dst, 0, "%s", strerror(errno));
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		wi_seterr(err, WI_ESYS, r->dst, 0, "%s%s", strerror(EISDIR),
		    i >= 0 ? "" : " (an earlier run's result, which this run "
		    "would remove)");
		return -1;
	}
	if (!may_replace(st.st_uid, dir)) {
		wi_seterr(err, WI_ESYS, r->dst, 0, "%s: another user's file "
		    "in a sticky folder, which only its owner may %s",
		    strerror(EPERM), i >= 0 ? "replace" : "remove");
		return -1;
	}
	return i >= 0 ? try_backup(r, i, err) : 0;
}

/*
 * The failures of rename(2), link(2) and unlink(2) that can be foreseen,
 * caught before stdout: a name too long, a file system without hard
 * links (the backups need them), and check_name's, for every name this
 * run writes or removes.
 */
int
results_check(struct results *r, struct wi_err *err)
{
	struct stat	dir;
	char		bak[RESULTS_PATH + 1];
	size_t		i;
	int		k;

	for (k = 0; k < r->n; k++)
		if (results_path(r->dst, sizeof(r->dst), r, k, 0) == -1 ||
		    results_path(bak, sizeof(bak), r, k, 1) == -1) {
			wi_seterr(err, WI_ESYS, r->dir, 0, "name too long");
			return -1;
		}
	if (fstat(r->dirfd, &dir) == -1) {
		wi_seterr(err, WI_ESYS, r->dir, 0, "%s", strerror(errno));
		return -1;
	}
	for (i = 0; i < NNAMES; i++)
		if (check_name(r, all_names[i], row_of(r, all_names[i]), &dir,
		    err) == -1)
			return -1;
	results_path(bak, sizeof(bak), r, 0, 1);
	if (link(r->v[0].tmp, bak) == -1) {
		wi_seterr(err, WI_ESYS, r->dir, 0, "cannot keep the previous "
		    "results as hard links: %s", strerror(errno));
		return -1;
	}
	(void)unlink(bak);
	return 0;
}

/*
 * Removes the names an earlier run wrote and this one does not, each
 * tried whatever became of the one before: 0, or -1 and err naming all
 * that are there and could not go (results_check() foresaw none such,
 * so something changed since).
 */
int
results_drop_stale(struct results *r, struct wi_err *err)
{
	char	left[256];
	size_t	i, len = 0;
	int	e = 0;

	left[0] = '\0';
	for (i = 0; i < NNAMES; i++) {
		if (row_of(r, all_names[i]) >= 0)
			continue;
		snprintf(r->dst, sizeof(r->dst), "%s/%s", r->dir,
		    all_names[i]);
		if (unlink(r->dst) == 0 || errno == ENOENT)
			continue;
		e = errno;
		if (len < sizeof(left))
			len += (size_t)snprintf(left + len, sizeof(left) - len,
			    "%s%s", len > 0 ? ", " : "", all_names[i]);
	}
	if (e == 0)
		return 0;
	wi_seterr(err, WI_ESYS, r->dir, 0, "cannot remove the earlier run's "
	    "%s: %s; the new results are in place beside %s", left,
	    strerror(e), strchr(left, ',') != NULL ? "them" : "it");
	return -1;
}
