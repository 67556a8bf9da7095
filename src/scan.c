/*
 * scan.c: the per-input loop.
 */
#include <errno.h>
#include <string.h>

#include "clean.h"
#include "lineio.h"
#include "scan.h"

int
scan_init(struct scan *sc, struct wi_err *err)
{
	memset(sc, 0, sizeof(*sc));
	if ((sc->g02 = g02_new()) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "%s", strerror(errno));
		return -1;
	}
	return 0;
}

void
scan_free(struct scan *sc)
{
	g02_free(sc->g02);
	sc->g02 = NULL;
}

int
scan_input(struct scan *sc, const char *path, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct lr	 r;
	struct line	 l;
	char		*s;
	size_t		 n;
	int		 rc;

	l.no = 0;
	if (lr_open(&r, path, err) == -1)
		return -1;
	g02_start(sc->g02, r.name);
	while ((rc = lr_next(&r, &l, err)) == 1) {
		if (!g02_active(sc->g02) && !g02_maybe_title(l.s, l.n))
			continue;
		if (clean_line(l.s, l.n, &s, &n, err) == -1 ||
		    g02_line(sc->g02, s, n, l.no, l.truncated, set, w,
		    err) == -1) {
			rc = -1;
			break;
		}
	}
	if (rc == 0)
		rc = g02_eof(sc->g02, r.lineno, err);
	if (err->file == NULL && rc == -1)
		err->file = r.name;
	if (err->line == 0 && rc == -1 && err->code == WI_EINPUT)
		err->line = l.no;
	sc->tables = g02_stats_tables(sc->g02);
	lr_close(&r);
	return rc;
}
