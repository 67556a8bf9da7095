/*
 * scan.c: the per-input loop.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "clean.h"
#include "lineio.h"
#include "in_csv.h"
#include "in_json.h"
#include "in_yaml.h"
#include "scan.h"
#include "in_vllm.h"

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

/*
 * What makes a line worth a look: the titles of guidellm's tables
 * ("Benchmarks Stats:", "Benchmarks Info:", "ℹ Request Latency ..."), the
 * head of vLLM's summary ("Serving Benchmark Result") and the lines
 * before it that say how the run was driven. Each has an anchor byte
 * (at offset anchor) that a whole block is searched for at once.
 */
static const struct trigger {
	const char	*s;
	size_t		 len, anchor;
} triggers[] = {
	{ "Benchmark", 9, 0 },
	{ "Burstiness factor:", 18, 0 },
	{ "\xe2\x84\xb9", 3, 2 },		/* ℹ */
	{ "request rate:", 13, 2 },
	{ "request concurrency:", 20, 2 },
};
#define NTRIGGERS	(sizeof(triggers) / sizeof(triggers[0]))

static int
maybe_title(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < NTRIGGERS; i++)
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

	for (k = 0; k < NTRIGGERS; k++) {
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
 * the anchor bytes ('B', 0xb9, 'q'), and only where one is found are the
 * triggers compared.
 */
static size_t
find_trigger(const char *s, size_t n)
{
	typedef unsigned char v16 __attribute__((vector_size(16)));
	v16		 v, m;
	uint64_t	 w[2];
	size_t		 i = 0, k;

	for (; n - i >= 16; i += 16) {
		memcpy(&v, s + i, 16);
		m = (v16)(v == (v16){ 'B', 'B', 'B', 'B', 'B', 'B', 'B', 'B', 'B',
		    'B', 'B', 'B', 'B', 'B', 'B', 'B' }) |
		    (v16)(v == (v16){ 'q', 'q', 'q', 'q', 'q', 'q', 'q', 'q', 'q',
		    'q', 'q', 'q', 'q', 'q', 'q', 'q' }) |
		    (v16)(v == (v16){ 0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9,
		    0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9, 0xb9 });
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
	if (vcon_active(sc->vcon))
		return vcon_line(sc->vcon, s, n, l->no, set, w, err) == -1 ?
		    -1 : 0;
	/* A line that ends a 0.4+ table may be the next title. */
	if ((rc = g04_line(sc->g04, s, n, l->no, l->truncated, set, w,
	    err)) != 0 ||
	    (rc = g02_line(sc->g02, s, n, l->no, l->truncated, set, w,
	    err)) != 0)
		return rc == -1 ? -1 : 0;
	return vcon_line(sc->vcon, s, n, l->no, set, w, err) == -1 ? -1 : 0;
}

/* Where the input's first thing starts, past a byte-order mark and space. */
static size_t
first_thing(const char *p, size_t n)
{
	size_t	i = bom_len(p, n);

	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' ||
	    p[i] == '\n'))
		i++;
	return i;
}

/*
 * Where the object starting at p[i] == '{' closes, if it closes on its
 * first line: the index past its '}', or 0 if the line (or what was
 * read of it) ends first.
 */
static size_t
line_object(const char *p, size_t n, size_t i)
{
	size_t	depth = 0;
	int	instr = 0;

	for (; i < n && p[i] != '\n'; i++) {
		if (instr) {
			if (p[i] == '\\')
				i++;
			else if (p[i] == '"')
				instr = 0;
		} else if (p[i] == '"')
			instr = 1;
		else if (p[i] == '{' || p[i] == '[')
			depth++;
		else if ((p[i] == '}' || p[i] == ']') && --depth == 0)
			return i + 1;
	}
	return 0;
}

/*
 * Where the value of the member named key (with its quotes) starts in
 * p[0..n), past blanks, or NULL if there is no such member.
 */
static const char *
member(const char *p, size_t n, const char *key)
{
	size_t		 len = strlen(key);
	const char	*q, *end = p + n;

	while ((q = memmem(p, (size_t)(end - p), key, len)) != NULL) {
		for (p = q + len; p < end && (*p == ' ' || *p == '\t'); p++)
			continue;
		if (p == end || *p++ != ':')
			continue;
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		return p;
	}
	return NULL;
}

/*
 * A member a reader takes: "benchmarks" holding a list of objects (or
 * none), "mean_itl_ms" holding a number (or null). A log line's
 * "benchmarks": ["sync"] is not one.
 */
static int
has_result(const char *p, size_t n)
{
	const char	*v, *end = p + n;

	if ((v = member(p, n, "\"benchmarks\"")) != NULL && v < end &&
	    *v++ == '[') {
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		if (v < end && (*v == '{' || *v == ']'))
			return 1;
	}
	return (v = member(p, n, "\"mean_itl_ms\"")) != NULL && v < end &&
	    strchr("-0123456789n", *v) != NULL;
}

/*
 * The kind of a start that opens with '{': 1 JSON, 0 a log, -1 cannot
 * tell yet. A report printed over many lines is JSON; an object on one
 * line is JSON (a compact report, JSON Lines of vLLM results) if it has
 * a member the readers look for or is all there is; else it is a
 * structured log line and a log follows.
 */
static int
json_start(const char *p, size_t n, size_t i)
{
	size_t	end;

	if ((end = line_object(p, n, i)) == 0)
		return memchr(p + i, '\n', n - i) != NULL ? 1 : -1;
	if (has_result(p + i, end - i))
		return 1;
	/* Alone in the input, it is JSON: the reader says what it lacks. */
	end += first_thing(p + end, n - end);
	return end == n ? -1 : 0;
}

/* Has the input's start come far enough to tell its kind? */
static int
enough(const char *p, size_t n)
{
	size_t	i = first_thing(p, n);

	if (i < n && p[i] == '{')
		return json_start(p, n, i) != -1;
	return n - i >= 32;
}

/* JSON by its start (see json_start), a guidellm CSV by its header. */
static enum input_kind
sniff(const char *p, size_t n)
{
	size_t	i = first_thing(p, n);

	/* At the end of the input or of the peek, what began is JSON. */
	if (i < n && p[i] == '{')
		return json_start(p, n, i) == 0 ? IN_LOG : IN_JSON;
	if (rcsv_sniff(p, n))
		return IN_CSV;
	if (ryaml_sniff(p + i, n - i))
		return IN_YAML;
	return IN_LOG;
}

static int
scan_log(struct scan *sc, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct line	 l;
	int		 rc;

	l.no = 0;
	g02_start(sc->g02, r->name);
	g04_start(sc->g04, r->name);
	vcon_start(sc->vcon, r->name);
	for (;;) {
		if (!g02_active(sc->g02) && !g04_active(sc->g04) &&
		    !vcon_active(sc->vcon) &&
		    lr_skip(r, find_trigger, err) == -1) {
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
	if (rc == 0 && (g02_eof(sc->g02, r->lineno, err) == -1 ||
	    g04_eof(sc->g04, r->lineno, set, w, err) == -1 ||
	    vcon_eof(sc->vcon, r->lineno, err) == -1))
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
	size_t		 n;
	int		 rc;

	if (lr_open(&r, path, err) == -1)
		return -1;
	if (kind == IN_AUTO) {
		if (lr_peek(&r, enough, &p, &n, err) == -1) {
			lr_close(&r);
			return -1;
		}
		kind = sniff(p, n);
	}
	if (kind == IN_JSON)
		rc = rjson_read(&r, set, w, err);
	else if (kind == IN_CSV)
		rc = rcsv_read(&r, sc->csv_rank, set, w, err);
	else if (kind == IN_YAML)
		rc = ryaml_read(&r, set, w, err);
	else
		rc = scan_log(sc, &r, set, w, err);
	if (err->file == NULL && rc == -1)
		err->file = r.name;
	lr_close(&r);
	return rc;
}
