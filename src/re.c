/*
 * re.c: the compiled pattern table. Patterns are anchored and run on
 * bounded lines; the limits only guard against a pattern edit that would
 * make one of them backtrack. Every pattern is compiled with
 * PCRE2_DOLLAR_ENDONLY: a bare $ would also match before a final newline,
 * and report fields (JSON strings, CSV cells) may contain one.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <string.h>

#include "clean.h"
#include "re.h"

/* What a person pasting a log may put before a title (clean.h). */
#define PASTED	"[" PASTE_CHARS "]*"

#define RE_MATCH_LIMIT	100000
#define RE_DEPTH_LIMIT	1000
#define RE_JIT_AFTER	256

static const char *const patterns[RE__COUNT] = {
	[RE_TIMESTAMP] = "^[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}:"
	    "[0-9]{2}(?:[.,][0-9]{1,9})?(?:Z|[+-][0-9]{2}:?[0-9]{2})?(?: |$)",
	[RE_PODPREFIX] = "^\\[[A-Za-z0-9.-]+/[^]/ ]+(?:/[^] ]+)?\\](?: |$)",
	[RE_G02_TITLE] = "^(" PASTED ")Benchmarks (Stats|Info):$",
	[RE_DECIMAL] = "^[0-9]+(?:\\.[0-9]+)?$",
	[RE_INTEGER] = "^[0-9]{1,18}$",
	[RE_BENCH_NAME] = "^(?:(synchronous|throughput)|(concurrent)@([0-9]{1,9})"
	    "|(constant|poisson)@([0-9]{1,15}(?:\\.[0-9]{1,15})?))$",
	[RE_G04_TITLE] = "^(" PASTED ")\xe2\x84\xb9 (.+)$",
	[RE_G04_TYPE] = "^[a-z][a-z_]{0,30}$",
	[RE_VLLM_HEAD] = "^(" PASTED ")=+ Serving Benchmark Result =+$",
	[RE_VLLM_PAIR] = "^" PASTED "([A-Za-z][A-Za-z0-9 ()/.%-]{0,62}?):"
	    "[ \\t]+([^ \\t]+)(?:[ \\t].*)?$",
};

static pcre2_code *codes[RE__COUNT];
static unsigned long uses[RE__COUNT];
static pcre2_match_data *mdata;
static pcre2_match_context *mctx;

int
re_init(struct wi_err *err)
{
	if ((mctx = pcre2_match_context_create(NULL)) == NULL ||
	    (mdata = pcre2_match_data_create(8, NULL)) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		re_free();
		return -1;
	}
	pcre2_set_match_limit(mctx, RE_MATCH_LIMIT);
	pcre2_set_depth_limit(mctx, RE_DEPTH_LIMIT);
	return 0;
}

/*
 * Each pattern is compiled when first used: most inputs need a few of
 * them, and compiling is most of the start-up time. The JIT compiler
 * costs more than it saves on a few hundred matches, so a pattern is
 * JIT-compiled once it has been used RE_JIT_AFTER times.
 */
static int
compile(enum re_id id, struct wi_err *err)
{
	PCRE2_UCHAR	msg[256];
	PCRE2_SIZE	off;
	int		ec;

	codes[id] = pcre2_compile((PCRE2_SPTR)patterns[id],
	    PCRE2_ZERO_TERMINATED, PCRE2_DOLLAR_ENDONLY, &ec, &off, NULL);
	if (codes[id] == NULL) {
		pcre2_get_error_message(ec, msg, sizeof(msg));
		wi_seterr(err, WI_ESYS, NULL, 0, "pattern %d at offset %zu: %s",
		    (int)id, (size_t)off, (char *)msg);
		return -1;
	}
	return 0;
}

void
re_free(void)
{
	int	i;

	for (i = 0; i < RE__COUNT; i++) {
		pcre2_code_free(codes[i]);
		codes[i] = NULL;
		uses[i] = 0;
	}
	pcre2_match_data_free(mdata);
	pcre2_match_context_free(mctx);
	mdata = NULL;
	mctx = NULL;
}

int
re_exec(enum re_id id, const char *s, size_t n, struct re_match *m,
    struct wi_err *err)
{
	PCRE2_SIZE	*ov;
	PCRE2_UCHAR	 msg[256];
	int		 rc, i;

	if (codes[id] == NULL && compile(id, err) == -1)
		return -1;
	/* Without JIT support the interpreter does the same work. */
	if (++uses[id] == RE_JIT_AFTER)
		(void)pcre2_jit_compile(codes[id], PCRE2_JIT_COMPLETE);
	rc = pcre2_match(codes[id], (PCRE2_SPTR)s, n, 0, 0, mdata, mctx);
	if (rc == PCRE2_ERROR_NOMATCH)
		return 0;
	if (rc < 0) {
		pcre2_get_error_message(rc, msg, sizeof(msg));
		wi_seterr(err, WI_EINPUT, NULL, 0, "pattern matching failed: %s",
		    (char *)msg);
		return -1;
	}
	if (m != NULL) {
		ov = pcre2_get_ovector_pointer(mdata);
		for (i = 0; i < 8; i++) {
			if (i < rc && ov[2 * i] != PCRE2_UNSET) {
				m->so[i] = ov[2 * i];
				m->eo[i] = ov[2 * i + 1];
			} else
				m->so[i] = m->eo[i] = (size_t)-1;
		}
	}
	return 1;
}
