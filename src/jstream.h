/*
 * jstream.h: JSON documents of any size in bounded memory.
 *
 * Takes bytes in blocks: one JSON object, or several in a row (JSON
 * Lines, as vLLM's --append-result writes). Tracks the nesting, and
 * copies out each member of a top-level object, or, where the sink asks
 * for it, each element of a member that is an array (the "benchmarks"
 * of a guidellm report); each copy is parsed by cJSON and handed over.
 * A sink with top_array set takes a top-level array too, each element
 * handed over as of a member "" that is an array.
 *
 * While copying, a string or an array whose text passes JS_BIG bytes is
 * replaced by null: per-request lists and distributions are what makes
 * reports hundreds of MB, and nothing wva-itl reads is in them. A copy
 * that still passes JS_CAP_MAX bytes is an error. Memory is bounded by
 * those two limits and the nesting limit, whatever the document size.
 */
#ifndef JSTREAM_H
#define JSTREAM_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "fmt.h"
#include "wi.h"

#define JS_BIG		(64 * 1024)
#define JS_CAP_MAX	(16 * 1024 * 1024)
#define JS_DEPTH_MAX	64
#define JS_KEY_MAX	64

enum js_want { JS_SKIP, JS_TAKE, JS_EACH };

struct js_sink {
	/* For each member of a top-level object: skip, take, or each element. */
	enum js_want (*want)(void *ctx, const char *key);
	/* A member (index -1) or an element of an EACH member; v is the
	 * sink's to free. */
	int	(*take)(void *ctx, const char *key, long index, cJSON *v,
		    unsigned long line, struct wi_err *);
	/* The end of a top-level object, with the line it began on. */
	int	(*end)(void *ctx, unsigned long line, struct wi_err *);
	void	*ctx;
	int	 top_array;	/* a top-level array: each element taken */
};

struct js_frame {
	char		kind;		/* '{' or '[' */
	char		st;		/* what may come next */
	char		each;		/* an EACH array: elements are copied */
	long		index;
	size_t		cap_off;	/* where it starts in the copy */
};

struct js {
	const struct js_sink *sink;
	const char	*file;
	unsigned long	 line;
	int		 depth;
	struct js_frame	 f[JS_DEPTH_MAX];
	char		 key[JS_KEY_MAX];	/* the top-level member being read */
	size_t		 keylen;
	int		 in_str, esc, str_key, in_scalar;
	int		 capturing;	/* copying a value */
	int		 cap_depth;	/* depth of the copied value's parent */
	long		 cap_index;
	unsigned long	 cap_line;
	int		 drop_depth;	/* an array being dropped, or -1 */
	int		 str_drop;	/* a string being dropped */
	size_t		 str_off;
	size_t		 scal_off;	/* where the scalar being read starts */
	unsigned long	 docs;		/* top-level values seen */
	unsigned long	 doc_line;	/* where the current one began */
	struct sbuf	 cap;
};

void	js_init(struct js *, const struct js_sink *, const char *file);
void	js_free(struct js *);
int	js_feed(struct js *, const char *buf, size_t n, struct wi_err *);
int	js_finish(struct js *, struct wi_err *);

/* The value at a dotted path ("metrics.ttft_ms.successful"), or NULL. */
const cJSON *js_at(const cJSON *, const char *path);

#endif
