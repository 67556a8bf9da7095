/*
 * scan.c: the per-input loop over the tables of readers.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

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
	{ IN_CSVJSON, &in_csvjson },	/* a top-level array */
	{ IN_RANGE, &in_range },	/* JSON too */
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
 * Compressed inputs, told by their magic bytes at the very start ("?"
 * stands for bzip2's block size digit): read as a log they would hold
 * nothing, and the message would not say why.
 */
static const struct {
	const char	*magic;
	size_t		 len;
	const char	*name, *undo;
} packs[] = {
	{ "\x1f\x8b", 2, "gzip", "gunzip" },
	{ "\x28\xb5\x2f\xfd", 4, "zstd", "unzstd" },
	{ "\xfd" "7zXZ\0", 6, "xz", "unxz" },
	{ "BZh?1AY&SY", 10, "bzip2", "bunzip2" },
	{ "BZh?\x17\x72\x45\x38\x50\x90", 10, "bzip2", "bunzip2" },
};
#define NPACKS	(sizeof(packs) / sizeof(packs[0]))

/* The row of packs[] the start is, -1 if none, -2 if it may become one. */
static int
packed(const char *p, size_t n)
{
	size_t	i, k;
	int	rc = -1;

	for (i = 0; i < NPACKS; i++) {
		for (k = 0; k < n && k < packs[i].len; k++)
			if (packs[i].magic[k] == '?' ? p[k] < '1' || p[k] > '9' :
			    p[k] != packs[i].magic[k])
				break;
		if (k == packs[i].len)
			return (int)i;
		if (k == n)
			rc = -2;
	}
	return rc;
}

/* Enough of the start to tell a compressed input, for a kind given. */
static int
enough_magic(const char *p, size_t n)
{
	return packed(p, n) != -2;
}

/*
 * Enough of the start to tell its kind: every report reader asked
 * before the first that says yes has said no.
 */
static int
enough(const char *p, size_t n)
{
	size_t	i;
	int	rc;

	if (!enough_magic(p, n))
		return 0;
	for (i = 0; i < NREPORTS; i++)
		if ((rc = reports[i].rd->sniff(p, n, 0)) != 0)
			return rc == 1;
	return 1;
}

/* The first report kind the start is, else a log. */
static enum input_kind
sniff(const char *p, size_t n, int final)
{
	size_t	i;

	for (i = 0; i < NREPORTS; i++)
		if (reports[i].rd->sniff(p, n, final) == 1)
			return reports[i].kind;
	return IN_LOG;
}

/* guidellm writes benchmarks.yaml: a name that says YAML is taken at it. */
static int
yaml_name(const char *path)
{
	size_t	n = strlen(path);

	return (n > 5 && strcasecmp(path + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcasecmp(path + n - 4, ".yml") == 0);
}

/*
 * The kind of the input r opened: told by --input-format, a .yaml
 * name, or its start. -1 for a compressed input, or an error reading.
 */
static int
kind_of(const struct scan *sc, struct lr *r, const char *path,
    enum input_kind *kind, struct wi_err *err)
{
	const char	*p;
	size_t		 n;
	int		 k, rc;

	*kind = sc->kind;
	if (*kind == IN_AUTO && yaml_name(path))
		*kind = IN_YAML;
	if ((rc = lr_peek(r, *kind == IN_AUTO ? enough : enough_magic, &p, &n,
	    err)) == -1)
		return -1;
	if ((k = packed(p, n)) >= 0) {
		wi_seterr(err, WI_EINPUT, r->name, 0, "compressed with %s: %s "
		    "it first", packs[k].name, packs[k].undo);
		return -1;
	}
	if (*kind == IN_AUTO)
		*kind = sniff(p, n, rc == 1);
	return 0;
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
	enum input_kind	 kind;
	size_t		 i;
	int		 rc;

	if (lr_open(&r, path, err) == -1)
		return -1;
	benchset_run(set);
	if (kind_of(sc, &r, path, &kind, err) == -1) {
		lr_close(&r);
		return -1;
	}
	sc->read_as |= 1u << kind;
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

/*
 * Why nothing was found, after "no benchmark results found in FILES":
 * where every input was read as a log, the report kinds its start was
 * not (or that --input-format said log).
 */
const char *
scan_nothing(const struct scan *sc, char *buf, size_t sz)
{
	size_t	i, len;

	if (sc->read_as != 1u << IN_LOG)
		return " (no guidellm table or report, no vLLM result)";
	if (sc->kind == IN_LOG)
		return ": read as a log, as --input-format says: no guidellm or "
		    "vLLM console table in it";
	len = (size_t)snprintf(buf, sz, ": read as a log (no guidellm or vLLM "
	    "console table in it), as its start is none of: ");
	for (i = 0; i < NREPORTS && len < sz; i++)
		len += (size_t)snprintf(buf + len, sz - len, "%s%s",
		    i == 0 ? "" : ", ", reports[i].rd->what);
	if (len < sz)
		snprintf(buf + len, sz - len, " (--input-format says which it is)");
	return buf;
}
