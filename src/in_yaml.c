/*
 * in_yaml.c: guidellm reports in YAML, read through libyaml's events.
 *
 * guidellm --output yaml (benchmarks.yaml) dumps the JSON report's
 * document through PyYAML (yaml.dump: block style, keys sorted), so the
 * same mapping reads it: libyaml's events of one top-level member, or
 * of one benchmark, at a time are turned into a cJSON value and handed
 * to in_json.c's sink. A sequence of more than YAML_SEQ_MAX items (the
 * per-request lists) and a scalar longer than JS_BIG bytes become null,
 * as jstream drops them, and a value of more than YAML_NODES_MAX nodes
 * is an error, so memory is bounded by the largest benchmark read, not
 * by the report (libyaml itself holds one scalar at a time).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "in.h"
#include "jstream.h"

#define YAML_SEQ_MAX	4096
#define YAML_NODES_MAX	(1L << 20)

struct yd {
	yaml_parser_t	 p;
	yaml_event_t	 ev;
	int		 have;		/* ev holds an event to delete */
	struct lr	*r;
	const char	*bp;		/* what lr_block gave, not yet parsed */
	size_t		 bn;
	int		 rerr;		/* lr_block failed: err is set */
	long		 nodes;		/* in the value being built */
	struct wi_err	*err;
};

/* The input for libyaml, a block at a time. */
static int
yread(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct yd	*y = data;
	int		 rc;

	*got = 0;
	if (y->bn == 0) {
		if ((rc = lr_block(y->r, &y->bp, &y->bn, y->err)) == -1) {
			y->rerr = 1;
			return 0;
		}
		if (rc == 0)
			return 1;	/* the end of the input */
	}
	*got = y->bn < size ? y->bn : size;
	memcpy(buf, y->bp, *got);
	y->bp += *got;
	y->bn -= *got;
	return 1;
}

static unsigned long
ev_line(const struct yd *y)
{
	return (unsigned long)y->ev.start_mark.line + 1;
}

static int
fail(struct yd *y, unsigned long line, const char *what)
{
	wi_seterr(y->err, WI_EINPUT, y->r->name, line, "YAML report: %s",
	    what);
	return -1;
}

static int
next(struct yd *y)
{
	if (y->have)
		yaml_event_delete(&y->ev);
	y->have = 0;
	if (!yaml_parser_parse(&y->p, &y->ev)) {
		if (y->rerr)
			return -1;
		if (y->p.error == YAML_MEMORY_ERROR) {
			wi_seterr(y->err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		return fail(y, (unsigned long)y->p.problem_mark.line + 1,
		    y->p.problem != NULL ? y->p.problem : "not YAML");
	}
	y->have = 1;
	return 0;
}

/* A plain scalar that YAML reads as a number (PyYAML quotes strings
 * that would). .inf and .nan have no JSON form: they read as null. */
static int
number(const char *s, size_t n, double *x)
{
	char	*end;
	size_t	 i;
	int	 digit = 0;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = 1;
		else if (strchr("+-.eE", s[i]) == NULL || s[i] == '\0')
			return 0;
	}
	if (!digit)
		return 0;
	*x = strtod(s, &end);
	return end == s + n;
}

static cJSON *
scalar(const yaml_event_t *e)
{
	const char	*s = (const char *)e->data.scalar.value;
	size_t		 n = e->data.scalar.length;
	double		 x;

	if (n > JS_BIG)
		return cJSON_CreateNull();
	if (e->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    (e->data.scalar.tag != NULL &&
	    strcmp((const char *)e->data.scalar.tag, YAML_STR_TAG) == 0))
		return cJSON_CreateString(s);
	if (n == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0 ||
	    strcmp(s, ".nan") == 0 || strcmp(s, ".inf") == 0 ||
	    strcmp(s, "-.inf") == 0)
		return cJSON_CreateNull();
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0)
		return cJSON_CreateTrue();
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0)
		return cJSON_CreateFalse();
	if (number(s, n, &x))
		return cJSON_CreateNumber(x);
	return cJSON_CreateString(s);
}

static int build(struct yd *, int depth, cJSON **);

/* Adds a built item to a collection; past YAML_SEQ_MAX items of a
 * sequence the whole sequence is dropped (*big), as jstream does. */
static int
collect(struct yd *y, cJSON *coll, const char *key, int depth, int *big)
{
	cJSON	*v;

	if (build(y, depth + 1, &v) == -1)
		return -1;
	if (key != NULL)
		cJSON_AddItemToObject(coll, key, v);
	else if (*big || cJSON_GetArraySize(coll) == YAML_SEQ_MAX) {
		*big = 1;
		cJSON_Delete(v);
	} else
		cJSON_AddItemToArray(coll, v);
	return 0;
}

/* The value whose first event is in y->ev, as cJSON. */
static int
build(struct yd *y, int depth, cJSON **out)
{
	cJSON	*c;
	char	*key;
	int	 big = 0, rc = 0;

	*out = NULL;
	if (depth > JS_DEPTH_MAX)
		return fail(y, ev_line(y), "nested too deep");
	if (++y->nodes > YAML_NODES_MAX)
		return fail(y, ev_line(y), "a benchmark or member of more "
		    "than 1048576 values");
	switch (y->ev.type) {
	case YAML_SCALAR_EVENT:
		*out = scalar(&y->ev);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		c = y->ev.type == YAML_MAPPING_START_EVENT ?
		    cJSON_CreateObject() : cJSON_CreateArray();
		if (c == NULL)
			break;
		while ((rc = next(y)) == 0 && y->ev.type !=
		    YAML_SEQUENCE_END_EVENT && y->ev.type != YAML_MAPPING_END_EVENT) {
			key = NULL;
			if (cJSON_IsObject(c)) {
				if (y->ev.type != YAML_SCALAR_EVENT) {
					rc = fail(y, ev_line(y), "a key that "
					    "is not a scalar");
					break;
				}
				if ((key = strdup((const char *)
				    y->ev.data.scalar.value)) == NULL ||
				    (rc = next(y)) == -1) {
					free(key);
					rc = key == NULL ? -2 : -1;
					break;
				}
			}
			rc = collect(y, c, key, depth, &big);
			free(key);
			if (rc == -1)
				break;
		}
		if (rc != 0) {
			cJSON_Delete(c);
			if (rc == -2)
				break;
			return -1;
		}
		*out = big ? (cJSON_Delete(c), cJSON_CreateNull()) : c;
		break;
	default:		/* an alias: not in what PyYAML dumps */
		*out = cJSON_CreateNull();
		break;
	}
	if (*out == NULL) {
		wi_seterr(y->err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	return 0;
}

/* Passes over the value whose first event is in y->ev. */
static int
skip(struct yd *y)
{
	long	depth = 0;

	do {
		if (y->ev.type == YAML_SEQUENCE_START_EVENT ||
		    y->ev.type == YAML_MAPPING_START_EVENT)
			depth++;
		else if (y->ev.type == YAML_SEQUENCE_END_EVENT ||
		    y->ev.type == YAML_MAPPING_END_EVENT)
			depth--;
		if (depth == 0)
			return 0;
	} while (next(y) == 0);
	return -1;
}

/* One top-level member: its value's first event is in y->ev. */
static int
member(struct yd *y, const struct js_sink *sink, const char *key)
{
	enum js_want	 want = sink->want(sink->ctx, key);
	unsigned long	 line;
	long		 index = 0;
	cJSON		*v;

	if (want == JS_SKIP)
		return skip(y);
	if (want == JS_EACH && y->ev.type == YAML_SEQUENCE_START_EVENT) {
		while (next(y) == 0) {
			if (y->ev.type == YAML_SEQUENCE_END_EVENT)
				return 0;
			line = ev_line(y);
			y->nodes = 0;
			if (build(y, 1, &v) == -1 ||
			    sink->take(sink->ctx, key, index++, v, line,
			    y->err) == -1)
				return -1;
		}
		return -1;
	}
	line = ev_line(y);
	y->nodes = 0;
	if (build(y, 1, &v) == -1)
		return -1;
	return sink->take(sink->ctx, key, -1, v, line, y->err);
}

/* One document: a mapping of members, as the JSON report's object. */
static int
document(struct yd *y, const struct js_sink *sink)
{
	unsigned long	 line;
	char		*key;
	int		 rc;

	if (next(y) == -1)
		return -1;
	if (y->ev.type != YAML_MAPPING_START_EVENT)
		return fail(y, ev_line(y), "the document is not a mapping");
	line = ev_line(y);
	while (next(y) == 0) {
		if (y->ev.type == YAML_MAPPING_END_EVENT)
			return sink->end(sink->ctx, line, y->err);
		if (y->ev.type != YAML_SCALAR_EVENT)
			return fail(y, ev_line(y), "a key that is not a scalar");
		if ((key = strdup((const char *)y->ev.data.scalar.value)) ==
		    NULL) {
			wi_seterr(y->err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
		rc = next(y) == -1 ? -1 : member(y, sink, key);
		free(key);
		if (rc == -1)
			return -1;
	}
	return -1;
}

static int
drive(struct lr *r, const struct js_sink *sink, struct wi_err *err)
{
	struct yd	 y;
	int		 rc = 0, docs = 0;

	memset(&y, 0, sizeof(y));
	y.r = r;
	y.err = err;
	if (!yaml_parser_initialize(&y.p)) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	yaml_parser_set_input(&y.p, yread, &y);
	while ((rc = next(&y)) == 0 && y.ev.type != YAML_STREAM_END_EVENT) {
		if (y.ev.type != YAML_DOCUMENT_START_EVENT)
			continue;	/* the stream's start, a document's end */
		docs++;
		if ((rc = document(&y, sink)) == -1)
			break;
	}
	if (rc == 0 && docs == 0)
		rc = fail(&y, 1, "no document");
	if (y.have)
		yaml_event_delete(&y.ev);
	yaml_parser_delete(&y.p);
	return rc;
}

static int
yaml_read(void *unused, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	(void)unused;
	return json_drive(r, drive, set, w, err);
}

/*
 * The first key of the start's top-level mapping, parsed by libyaml
 * (directives, comments, "---", quotes and flow style as YAML has
 * them): 1 and its text in key, 0 if the start is no such mapping or
 * not YAML, -1 if it ends first (or fails where it ends).
 */
static int
first_key(const char *p, size_t n, char *key, size_t keysz)
{
	yaml_parser_t	 y;
	yaml_event_t	 ev;
	int		 rc = 2, top = 0;

	if (!yaml_parser_initialize(&y))
		return 0;
	yaml_parser_set_input_string(&y, (const unsigned char *)p, n);
	while (rc == 2) {
		if (!yaml_parser_parse(&y, &ev)) {
			/* An error where the start ends may be mended by more. */
			rc = y.problem_mark.index >= n ? -1 : 0;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT)
			rc = -1;
		else if (top && ev.type == YAML_SCALAR_EVENT) {
			snprintf(key, keysz, "%.*s", (int)ev.data.scalar.length,
			    (const char *)ev.data.scalar.value);
			rc = 1;
		} else if (ev.type == YAML_MAPPING_START_EVENT)
			top = 1;
		else if (ev.type != YAML_STREAM_START_EVENT &&
		    ev.type != YAML_DOCUMENT_START_EVENT &&
		    ev.type != YAML_DOCUMENT_END_EVENT)
			rc = 0;		/* a scalar or a list, or a mapping key */
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&y);
	return rc;
}

/*
 * Where the first line of YAML content ends (past its newline): the
 * lines before it are blank, comments, directives or "---". 0 if the
 * start ends first.
 */
static size_t
first_content(const char *p, size_t n)
{
	const char	*nl;
	size_t		 i = bom_len(p, n), k, end;

	for (; i < n; i = end) {
		if ((nl = memchr(p + i, '\n', n - i)) == NULL)
			return 0;
		end = (size_t)(nl - p) + 1;
		k = i;
		if (p[i] == '%')
			continue;
		if (end - i >= 4 && memcmp(p + i, "---", 3) == 0 &&
		    strchr(" \t\r\n", p[i + 3]) != NULL)
			k += 3;
		while (p[k] == ' ' || p[k] == '\t' || p[k] == '\r')
			k++;
		if (p[k] != '\n' && p[k] != '#')
			return end;
	}
	return 0;
}

/*
 * A guidellm report in YAML: a mapping whose first key is one of the
 * report's, "metadata", "args" (guidellm 0.4 and later, unsorted or
 * sorted) or "benchmarks" (0.2/0.3, 0.7 sorted), whatever comes before
 * it that YAML allows. Only the lines up to the first of content are
 * parsed, and only once that line is whole: a log's first line (a plain
 * scalar that may run on for many lines) is not parsed past itself, and
 * one without a colon not at all. A log of comment lines (pasted after
 * "# ") is read to the end of what is looked at.
 */
static int
yaml_sniff(const char *p, size_t n, int final)
{
	static const char *const keys[] = { "metadata", "args",
	    "benchmarks" };
	char	 key[16];
	size_t	 i, m;

	if ((m = first_content(p, n)) == 0)
		return final ? 0 : -1;
	if (memchr(p, ':', m) == NULL ||
	    first_key(p, m, key, sizeof(key)) != 1)
		return 0;
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i]) == 0)
			return 1;
	return 0;
}

const struct in_report in_yaml = {
	"yaml", "guidellm YAML", yaml_sniff, NULL, NULL, yaml_read
};
