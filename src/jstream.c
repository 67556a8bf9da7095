/*
 * jstream.c: a byte-at-a-time JSON structure tracker that copies out the
 * values its sink selects. It checks the structure (brackets, commas,
 * colons, string ends); cJSON checks the values it copies.
 */
#include <stdlib.h>
#include <string.h>

#include "jstream.h"

enum { S_KEY_OR_END, S_KEY, S_COLON, S_VALUE, S_VALUE_OR_END,
	S_COMMA_OR_END };

void
js_init(struct js *j, const struct js_sink *sink, const char *file)
{
	memset(j, 0, sizeof(*j));
	j->sink = sink;
	j->file = file;
	j->line = 1;
	j->drop_depth = -1;
}

void
js_free(struct js *j)
{
	free(j->cap.s);
	j->cap.s = NULL;
	j->cap.n = j->cap.cap = 0;
}

static int
bad(struct js *j, struct wi_err *err, const char *what)
{
	wi_seterr(err, WI_EINPUT, j->file, j->line, "JSON: %s", what);
	return -1;
}

/* Appends to the copy unless nothing is being copied or dropped. */
static int
emit(struct js *j, const char *s, size_t n, struct wi_err *err)
{
	if (!j->capturing || j->drop_depth >= 0 || j->str_drop)
		return 0;
	if (j->cap.n + n > JS_CAP_MAX) {
		wi_seterr(err, WI_EINPUT, j->file, j->cap_line, "JSON: a "
		    "value is larger than %d MiB even without its long "
		    "lists", JS_CAP_MAX >> 20);
		return -1;
	}
	sb_add(&j->cap, s, n);
	if (j->cap.oom) {
		wi_seterr(err, WI_ESYS, j->file, 0, "out of memory");
		return -1;
	}
	return 0;
}

static int
finish_copy(struct js *j, struct wi_err *err)
{
	cJSON	*v;

	j->capturing = 0;
	v = cJSON_ParseWithLength(j->cap.s, j->cap.n);
	j->cap.n = 0;
	if (v == NULL)
		return bad(j, err, "not valid JSON in a value that is read");
	return j->sink->take(j->sink->ctx, j->key, j->cap_index, v,
	    j->cap_line, err);
}

/* What the copy holds from off on gives way to null. */
static int
to_null(struct js *j, size_t off, struct wi_err *err)
{
	j->cap.n = off;
	return emit(j, "null", 4, err);
}

/* A value (scalar, string or container) has ended at the current depth. */
static int
value_end(struct js *j, struct wi_err *err)
{
	struct js_frame	*p;

	if (j->capturing) {
		if (j->depth == j->cap_depth)
			return finish_copy(j, err);
		p = &j->f[j->depth - 1];
		if (j->drop_depth < 0 && p->kind == '[' &&
		    j->cap.n - p->cap_off > JS_BIG) {
			if (to_null(j, p->cap_off, err) == -1)
				return -1;
			j->drop_depth = j->depth - 1;
		}
	}
	if (j->depth == 0 && j->sink->end != NULL)
		return j->sink->end(j->sink->ctx, j->doc_line, err);
	return 0;
}

static void
start_copy(struct js *j, long index)
{
	j->capturing = 1;
	j->cap_depth = j->depth;
	j->cap_index = index;
	j->cap_line = j->line;
	j->cap.n = 0;
}

/* A value begins with c; returns 1 if it is an EACH array. */
static int
value_begin(struct js *j, char c, struct wi_err *err)
{
	struct js_frame	*p;
	enum js_want	 w;

	if (j->depth == 0) {
		if (c != '{' && !(c == '[' && j->sink->top_array))
			return bad(j, err, j->docs == 0 ? (j->sink->top_array ?
			    "a document is not an array or object" :
			    "a document is not an object") : "text after the "
			    "document that is not JSON (a stream is read as "
			    "one kind of input: give a report and a log as "
			    "two files)");
		j->docs++;
		j->doc_line = j->line;
		j->key[0] = '\0';
		return c == '[';
	}
	p = &j->f[j->depth - 1];
	if (p->st != S_VALUE && p->st != S_VALUE_OR_END)
		return bad(j, err, "a value where none may be");
	p->st = S_COMMA_OR_END;
	if (j->capturing)
		return 0;
	if (j->depth == 1 && p->kind == '[') {	/* a top-level array */
		start_copy(j, p->index);
		return 0;
	}
	if (j->depth == 1) {
		w = j->sink->want(j->sink->ctx, j->key);
		if (w == JS_EACH && c == '[')
			return 1;
		if (w != JS_SKIP)
			start_copy(j, -1);
	} else if (j->depth == 2 && j->f[1].each)
		start_copy(j, p->index);
	return 0;
}

static int
push(struct js *j, char c, struct wi_err *err)
{
	struct js_frame	*f;
	int		 each;

	if ((each = value_begin(j, c, err)) == -1)
		return -1;
	if (j->depth == JS_DEPTH_MAX)
		return bad(j, err, "nested too deep");
	f = &j->f[j->depth];
	f->kind = c;
	f->st = c == '{' ? S_KEY_OR_END : S_VALUE_OR_END;
	f->each = (char)each;
	f->index = 0;
	f->cap_off = j->cap.n;
	if (emit(j, &c, 1, err) == -1)
		return -1;
	j->depth++;
	return 0;
}

static int
pop(struct js *j, char c, struct wi_err *err)
{
	struct js_frame	*f;

	if (j->depth == 0)
		return bad(j, err, "a closing bracket without an opening one");
	f = &j->f[j->depth - 1];
	if (f->kind != (c == '}' ? '{' : '[') ||
	    !(f->st == S_COMMA_OR_END || f->st == S_KEY_OR_END ||
	    f->st == S_VALUE_OR_END))
		return bad(j, err, "a bracket out of place");
	if (j->drop_depth == j->depth - 1)
		j->drop_depth = -1;	/* the "null" written stands for it */
	else if (emit(j, &c, 1, err) == -1)
		return -1;
	j->depth--;
	return value_end(j, err);
}

static int
string_char(struct js *j, char c, struct wi_err *err)
{
	if (j->esc)
		j->esc = 0;
	else if (c == '\\')
		j->esc = 1;
	else if (c == '"') {
		j->in_str = 0;
		if (j->str_drop)
			j->str_drop = 0;
		else if (emit(j, &c, 1, err) == -1)
			return -1;
		if (j->str_key) {
			j->f[j->depth - 1].st = S_COLON;
			return 0;
		}
		return value_end(j, err);
	}
	if (j->str_key && j->depth == 1 && j->keylen + 1 < JS_KEY_MAX) {
		j->key[j->keylen++] = c;
		j->key[j->keylen] = '\0';
	}
	if (emit(j, &c, 1, err) == -1)
		return -1;
	if (j->capturing && !j->str_key && !j->str_drop &&
	    j->drop_depth < 0 && j->cap.n - j->str_off > JS_BIG) {
		if (to_null(j, j->str_off, err) == -1)
			return -1;
		j->str_drop = 1;
	}
	return 0;
}

static int
is_scalar(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

static int
structural(struct js *j, char c, struct wi_err *err)
{
	struct js_frame	*f = j->depth > 0 ? &j->f[j->depth - 1] : NULL;

	switch (c) {
	case ' ': case '\t': case '\r':
		return 0;
	case '\n':
		return 0;	/* counted by the caller */
	case '{': case '[':
		return push(j, c, err);
	case '}': case ']':
		return pop(j, c, err);
	case ':':
		if (f == NULL || f->st != S_COLON)
			return bad(j, err, "a colon out of place");
		f->st = S_VALUE;
		return emit(j, &c, 1, err);
	case ',':
		if (f == NULL || f->st != S_COMMA_OR_END)
			return bad(j, err, "a comma out of place");
		f->st = f->kind == '{' ? S_KEY : S_VALUE;
		f->index++;
		return emit(j, &c, 1, err);
	case '"':
		if (f != NULL && (f->st == S_KEY || f->st == S_KEY_OR_END)) {
			j->str_key = 1;
			if (j->depth == 1)
				j->keylen = 0, j->key[0] = '\0';
		} else {
			if (value_begin(j, c, err) == -1)
				return -1;
			j->str_key = 0;
			j->str_off = j->cap.n;
		}
		j->in_str = 1;
		return emit(j, &c, 1, err);
	}
	if (!is_scalar(c))
		return bad(j, err, "a character that JSON does not allow");
	if (value_begin(j, c, err) == -1)
		return -1;
	j->in_scalar = 1;
	j->scal_off = j->cap.n;
	return emit(j, &c, 1, err);
}

/*
 * Python's json module writes NaN and Infinity, which are not JSON; in
 * a copy they become null, which is what wva-itl makes of them anyway.
 */
static int
scalar_end(struct js *j, struct wi_err *err)
{
	static const char *const nonjson[] = { "NaN", "Infinity",
	    "-Infinity" };
	size_t	i, len;

	j->in_scalar = 0;
	if (j->capturing && j->drop_depth < 0 && !j->str_drop) {
		len = j->cap.n - j->scal_off;
		for (i = 0; i < 3; i++)
			if (len == strlen(nonjson[i]) && memcmp(j->cap.s +
			    j->scal_off, nonjson[i], len) == 0) {
				if (to_null(j, j->scal_off, err) == -1)
					return -1;
				break;
			}
	}
	return value_end(j, err);
}

int
js_feed(struct js *j, const char *buf, size_t n, struct wi_err *err)
{
	size_t	i;
	char	c;

	for (i = 0; i < n; i++) {
		/* Most of a report is text of strings nobody copies. */
		if (j->in_str && !j->esc && !j->str_key && (!j->capturing ||
		    j->drop_depth >= 0 || j->str_drop)) {
			while (i < n && buf[i] != '"' && buf[i] != '\\' &&
			    buf[i] != '\n')
				i++;
			if (i == n)
				break;
		}
		c = buf[i];
		if (c == '\n')
			j->line++;
		if (j->in_str) {
			if (string_char(j, c, err) == -1)
				return -1;
			continue;
		}
		if (j->in_scalar) {
			if (is_scalar(c)) {
				if (emit(j, &c, 1, err) == -1)
					return -1;
				continue;
			}
			if (scalar_end(j, err) == -1)
				return -1;
		}
		if (structural(j, c, err) == -1)
			return -1;
	}
	return 0;
}

int
js_finish(struct js *j, struct wi_err *err)
{
	if (j->in_scalar && scalar_end(j, err) == -1)
		return -1;
	if (j->depth != 0 || j->in_str)
		return bad(j, err, "cut off before its end");
	if (j->docs == 0)
		return bad(j, err, "no object in the input");
	return 0;
}

const cJSON *
js_at(const cJSON *o, const char *path)
{
	char		 part[64];
	const char	*dot;
	size_t		 len;

	while (o != NULL && *path != '\0') {
		dot = strchr(path, '.');
		len = dot ? (size_t)(dot - path) : strlen(path);
		if (len >= sizeof(part))
			return NULL;
		memcpy(part, path, len);
		part[len] = '\0';
		o = cJSON_IsObject(o) ?
		    cJSON_GetObjectItemCaseSensitive(o, part) : NULL;
		path += len + (dot != NULL);
	}
	return o;
}

