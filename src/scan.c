/*
 * scan.c: the per-input loop.
 */
#include <errno.h>
#include <string.h>

#include "clean.h"
#include "lineio.h"
#include "scan.h"
#include "vcon.h"

int
scan_init(struct scan *sc, struct wi_err *err)
{
	memset(sc, 0, sizeof(*sc));
	if ((sc->g02 = g02_new()) == NULL || (sc->g04 = g04_new()) == NULL ||
	    (sc->vcon = vcon_new()) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "%s", strerror(errno));
		scan_free(sc);
		return -1;
	}
	return 0;
}

void
scan_free(struct scan *sc)
{
	g02_free(sc->g02);
	g04_free(sc->g04);
	vcon_free(sc->vcon);
	sc->g02 = NULL;
	sc->g04 = NULL;
	sc->vcon = NULL;
}

/* Could this raw line start a table of any console format? */
static int
maybe_title(const char *s, size_t n)
{
	return g02_maybe_title(s, n) || g04_maybe_title(s, n) ||
	    vcon_maybe(s, n);
}

/* One line of a text log: 0 done, -1 error. */
static int
text_line(struct scan *sc, struct line *l, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	char	*s;
	size_t	 n;
	int	 rc;

	if (!g02_active(sc->g02) && !g04_active(sc->g04) &&
	    !vcon_active(sc->vcon) && !maybe_title(l->s, l->n))
		return 0;
	if (clean_line(l->s, l->n, &s, &n, err) == -1)
		return -1;
	if (g02_active(sc->g02))
		return g02_line(sc->g02, s, n, l->no, l->truncated, set, w,
		    err) == -1 ? -1 : 0;
	if (vcon_active(sc->vcon) || (!g04_active(sc->g04) &&
	    vcon_maybe(s, n))) {
		if ((rc = vcon_line(sc->vcon, s, n, l->no, set, w, err)) != 0)
			return rc == -1 ? -1 : 0;
	}
	/* A line that ends a 0.4+ table may be the next title. */
	if ((rc = g04_line(sc->g04, s, n, l->no, l->truncated, set, w,
	    err)) != 0)
		return rc == -1 ? -1 : 0;
	return g02_line(sc->g02, s, n, l->no, l->truncated, set, w, err) ==
	    -1 ? -1 : 0;
}

int
scan_input(struct scan *sc, const char *path, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct lr	 r;
	struct line	 l;
	int		 rc;

	l.no = 0;
	if (lr_open(&r, path, err) == -1)
		return -1;
	g02_start(sc->g02, r.name);
	g04_start(sc->g04, r.name);
	vcon_start(sc->vcon, r.name);
	while ((rc = lr_next(&r, &l, err)) == 1)
		if (text_line(sc, &l, set, w, err) == -1) {
			rc = -1;
			break;
		}
	if (rc == 0 && (g02_eof(sc->g02, r.lineno, err) == -1 ||
	    g04_eof(sc->g04, r.lineno, set, w, err) == -1 ||
	    vcon_eof(sc->vcon, r.lineno, err) == -1))
		rc = -1;
	if (err->file == NULL && rc == -1)
		err->file = r.name;
	if (err->line == 0 && rc == -1 && err->code == WI_EINPUT)
		err->line = l.no;
	sc->tables = g02_stats_tables(sc->g02);
	lr_close(&r);
	return rc;
}
