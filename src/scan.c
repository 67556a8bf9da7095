/*
 * scan.c: the per-input loop over the tables of readers.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "clean.h"
#include "in.h"
#include "lineio.h"
#include "scan.h"

/*
 * The console readers, in the order a line outside any table is offered
 * to them (and their inputs' ends told).
 */
static const struct in_console *const consoles[] = {
	&in_g02, &in_g04, &in_vllm,
};
#define NCONSOLES	(sizeof(consoles) / sizeof(consoles[0]))

/* The report kinds, by --input-format's value and asked in this order. */
static const struct {
	enum input_kind		 kind;
	const struct in_report	*rd;
} reports[] = {
	{ IN_DATASET, &in_dataset },	/* before json: it is JSON too */
	{ IN_RANGE, &in_range },	/* likewise */
	{ IN_METRICS, &in_prom },
	{ IN_JSON, &in_json },
	{ IN_CSV, &in_csv },
	{ IN_HTML, &in_html },
	{ IN_YAML, &in_yaml },
};
#define NREPORTS	(sizeof(reports) / sizeof(reports[0]))

_Static_assert(NCONSOLES <= SCAN_READERS && NREPORTS <= SCAN_READERS,
    "struct scan has no room for every reader's state");

/*
 * What makes a line worth a look: the readers' triggers, gathered at
 * init with their anchor bytes, which a whole block is searched for at
 * once. The tables are constant, so this is the same for every scan.
 */
#define MAX_TRIGGERS	32
#define MAX_ANCHORS	4	/* more: the skip compares byte by byte */

typedef unsigned char v16 __attribute__((vector_size(16)));

static struct trigger {
	const char	*s;
	size_t		 len, anchor;
} triggers[MAX_TRIGGERS];
static size_t	ntriggers;
static v16	anchors[MAX_ANCHORS];
static size_t	nanchors;
static int	bytewise;	/* too many anchors for the vector search */

static void
add_anchor(unsigned char c)
{
	size_t	i;

	for (i = 0; i < nanchors; i++)
		if (anchors[i][0] == c)
			return;
	if (nanchors < MAX_ANCHORS)
		anchors[nanchors++] = (v16){ 0 } + c;
	else
		bytewise = 1;
}

/* -1 if the readers have more triggers than there is room for. */
static int
gather_triggers(void)
{
	const struct in_trigger *t;
	size_t	i;

	ntriggers = nanchors = 0;
	bytewise = 0;
	for (i = 0; i < NCONSOLES; i++)
		for (t = consoles[i]->triggers; t->s != NULL; t++) {
			if (ntriggers == MAX_TRIGGERS)
				return -1;
			triggers[ntriggers].s = t->s;
			triggers[ntriggers].len = strlen(t->s);
			triggers[ntriggers++].anchor = t->anchor;
			add_anchor((unsigned char)t->s[t->anchor]);
		}
	return 0;
}

int
scan_init(struct scan *sc, struct wi_err *err)
{
	size_t	i;

	memset(sc, 0, sizeof(*sc));
	if (gather_triggers() == -1) {
		wi_seterr(err, WI_ESYS, NULL, 0, "more than %d title triggers",
		    MAX_TRIGGERS);
		return -1;
	}
	for (i = 0; i < NCONSOLES; i++)
		if ((sc->console[i] = consoles[i]->new()) == NULL)
			goto fail;
	for (i = 0; i < NREPORTS; i++)
		if (reports[i].rd->new != NULL &&
		    (sc->report[i] = reports[i].rd->new()) == NULL)
			goto fail;
	return 0;
fail:
	wi_seterr(err, WI_ESYS, NULL, 0, "%s", strerror(errno));
	scan_free(sc);
	return -1;
}

void
scan_free(struct scan *sc)
{
	size_t	i;

	for (i = 0; i < NCONSOLES; i++) {
		if (sc->console[i] != NULL)
			consoles[i]->free(sc->console[i]);
		sc->console[i] = NULL;
	}
	for (i = 0; i < NREPORTS; i++) {
		if (sc->report[i] != NULL)
			reports[i].rd->free(sc->report[i]);
		sc->report[i] = NULL;
	}
}

static int
maybe_title(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < ntriggers; i++)
		if (memmem(s, n, triggers[i].s, triggers[i].len) != NULL)
			return 1;
	return 0;
}

/* Does a trigger have its anchor at s[i]? */
static int
trigger_at(const char *s, size_t n, size_t i)
{
	const struct trigger *t;
	size_t	k;

	for (k = 0; k < ntriggers; k++) {
		t = &triggers[k];
		if (s[i] == t->s[t->anchor] && i >= t->anchor &&
		    n - (i - t->anchor) >= t->len &&
		    memcmp(s + i - t->anchor, t->s, t->len) == 0)
			return 1;
	}
	return 0;
}

/*
 * The first trigger in s[0..n): 16 bytes at a time are compared with
 * the anchor bytes, and only where one is found are the triggers
 * compared.
 */
static size_t
find_trigger(const char *s, size_t n)
{
	v16		 v, m;
	uint64_t	 w[2];
	size_t		 i = 0, k;

	for (; !bytewise && n - i >= 16; i += 16) {
		memcpy(&v, s + i, 16);
		m = (v16){ 0 };
		for (k = 0; k < nanchors; k++)
			m |= (v16)(v == anchors[k]);
		memcpy(w, &m, 16);
		if ((w[0] | w[1]) == 0)
			continue;
		for (k = 0; k < 16; k++)
			if (m[k] && trigger_at(s, n, i + k))
				return i + k;
	}
	for (; i < n; i++)
		if (trigger_at(s, n, i))
			return i;
	return n;
}

/* The console reader inside a table, or -1. */
static int
active(const struct scan *sc)
{
	size_t	i;

	for (i = 0; i < NCONSOLES; i++)
		if (consoles[i]->active(sc->console[i]))
			return (int)i;
	return -1;
}

/*
 * One line of a text log: 0 done, -1 error. A reader inside a table
 * owns the line; the line that ends its table, and any line outside
 * one, is offered to the readers in turn until one takes it.
 */
static int
text_line(struct scan *sc, struct line *l, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	char	*s;
	size_t	 i, n;
	int	 rc, in = active(sc);

	if (in == -1 && !maybe_title(l->s, l->n))
		return 0;
	if (clean_line(l->s, l->n, &s, &n, err) == -1)
		return -1;
	if (in != -1) {
		rc = consoles[in]->line(sc->console[in], s, n, l->no,
		    l->truncated, set, w, err);
		if (rc != 0 || consoles[in]->active(sc->console[in]))
			return rc == -1 ? -1 : 0;
	}
	for (i = 0; i < NCONSOLES; i++)
		if ((int)i != in && (rc = consoles[i]->line(sc->console[i], s,
		    n, l->no, l->truncated, set, w, err)) != 0)
			return rc == -1 ? -1 : 0;
	return 0;
}

/*
 * Has the input's start come far enough to tell its kind? When no
 * report reader asks for more, 32 bytes tell a log.
 */
static int
enough(const char *p, size_t n)
{
	size_t	i;
	int	rc;

	for (i = 0; i < NREPORTS; i++)
		if ((rc = reports[i].rd->sniff(p, n)) != 0)
			return rc == 1;
	return n - lead_len(p, n) >= 32;
}

/*
 * The first report kind the start may be (one that could not tell at
 * the end of the peek is taken: what began is it), else a log.
 */
static enum input_kind
sniff(const char *p, size_t n)
{
	size_t	i;

	for (i = 0; i < NREPORTS; i++)
		if (reports[i].rd->sniff(p, n) != 0)
			return reports[i].kind;
	return IN_LOG;
}

static int
scan_log(struct scan *sc, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct line	 l;
	size_t		 i;
	int		 rc;

	l.no = 0;
	for (i = 0; i < NCONSOLES; i++)
		consoles[i]->start(sc->console[i], r->name);
	for (;;) {
		if (active(sc) == -1 && lr_skip(r, find_trigger, err) == -1) {
			rc = -1;
			break;
		}
		if ((rc = lr_next(r, &l, err)) != 1)
			break;
		if (text_line(sc, &l, set, w, err) == -1) {
			rc = -1;
			break;
		}
	}
	for (i = 0; rc == 0 && i < NCONSOLES; i++)
		if (consoles[i]->eof(sc->console[i], r->lineno, set, w,
		    err) == -1)
			rc = -1;
	if (err->line == 0 && rc == -1 && err->code == WI_EINPUT)
		err->line = l.no;
	return rc;
}

int
scan_input(struct scan *sc, const char *path, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct lr	 r;
	enum input_kind	 kind = sc->kind;
	const char	*p;
	size_t		 i, n;
	int		 rc;

	if (lr_open(&r, path, err) == -1)
		return -1;
	benchset_run(set);
	if (kind == IN_AUTO) {
		if (lr_peek(&r, enough, &p, &n, err) == -1) {
			lr_close(&r);
			return -1;
		}
		kind = sniff(p, n);
	}
	for (i = 0; i < NREPORTS && reports[i].kind != kind; i++)
		continue;
	if (i < NREPORTS)
		rc = reports[i].rd->read(sc->report[i], &r, set, w, err);
	else
		rc = scan_log(sc, &r, set, w, err);
	if (err->file == NULL && rc == -1)
		err->file = r.name;
	lr_close(&r);
	return rc;
}
