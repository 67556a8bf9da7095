/*
 * in_g02.c: guidellm 0.2.x and 0.3.x console output.
 *
 * Takes cleaned lines, finds the "Benchmarks Info:" and "Benchmarks
 * Stats:" tables (re-joined by rejoin.c), locates their columns by the
 * header names, checks every cell it uses and adds one struct bench per
 * Stats row to the set, with the counts of the Info row of the same
 * name that came before it in the same input.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "in.h"
#include "re.h"
#include "rejoin.h"

enum sfield {
	SF_NAME, SF_RPS, SF_CONC, SF_OUT_TPS, SF_TOT_TPS,
	SF_LAT, SF_LAT_MEDIAN, SF_LAT_P99,
	SF_TTFT, SF_TTFT_MEDIAN, SF_TTFT_P99,
	SF_ITL, SF_ITL_MEDIAN, SF_ITL_P99,
	SF_TPOT, SF_TPOT_MEDIAN, SF_TPOT_P99,
	SF__COUNT
};

enum ifield {
	IF_NAME, IF_DURATION, IF_COMP, IF_INC, IF_ERR, IF_PTOK, IF_OTOK,
	IF__COUNT
};

/*
 * A column is found by its group (the merged cell above it) and its
 * name, both compared with white space removed, since wrapping may
 * have eaten or kept the spaces. Alternatives are separated by "|".
 */
struct colspec {
	const char	*group;
	const char	*name;
	const char	*label;		/* for messages */
};

static const struct colspec stats_cols[SF__COUNT] = {
	[SF_NAME] = { "Metadata", "Benchmark", "Benchmark" },
	[SF_RPS] = { "RequestStats", "PerSecond", "requests per second" },
	[SF_CONC] = { "RequestStats", "Concurrency", "concurrency" },
	[SF_OUT_TPS] = { "OutTok/sec", "mean", "Out Tok/sec mean" },
	[SF_TOT_TPS] = { "TotTok/sec", "mean", "Tot Tok/sec mean" },
	[SF_LAT] = { "ReqLatency(ms)|ReqLatency(sec)", "mean",
	    "Req Latency mean" },
	[SF_LAT_MEDIAN] = { "ReqLatency(ms)|ReqLatency(sec)", "median",
	    "Req Latency median" },
	[SF_LAT_P99] = { "ReqLatency(ms)|ReqLatency(sec)", "p99",
	    "Req Latency p99" },
	[SF_TTFT] = { "TTFT(ms)", "mean", "TTFT (ms) mean" },
	[SF_TTFT_MEDIAN] = { "TTFT(ms)", "median", "TTFT (ms) median" },
	[SF_TTFT_P99] = { "TTFT(ms)", "p99", "TTFT (ms) p99" },
	[SF_ITL] = { "ITL(ms)", "mean", "ITL (ms) mean" },
	[SF_ITL_MEDIAN] = { "ITL(ms)", "median", "ITL (ms) median" },
	[SF_ITL_P99] = { "ITL(ms)", "p99", "ITL (ms) p99" },
	[SF_TPOT] = { "TPOT(ms)", "mean", "TPOT (ms) mean" },
	[SF_TPOT_MEDIAN] = { "TPOT(ms)", "median", "TPOT (ms) median" },
	[SF_TPOT_P99] = { "TPOT(ms)", "p99", "TPOT (ms) p99" },
};

static const struct colspec info_cols[IF__COUNT] = {
	[IF_NAME] = { "Metadata", "Benchmark", "Benchmark" },
	[IF_DURATION] = { "Metadata", "Duration(s)", "Duration (s)" },
	[IF_COMP] = { "RequestsMade", "Comp", "Requests Made Comp" },
	[IF_INC] = { "RequestsMade", "Inc", "Requests Made Inc" },
	[IF_ERR] = { "RequestsMade", "Err", "Requests Made Err" },
	[IF_PTOK] = { "PromptTok/Req", "Comp", "Prompt Tok/Req Comp" },
	[IF_OTOK] = { "OutputTok/Req", "Comp", "Output Tok/Req Comp" },
};

enum table { T_NONE, T_STATS, T_INFO };

/* A Benchmarks Info row, waiting for the Stats row of the same name. */
struct info {
	char		 name[WI_NAME_MAX];
	unsigned long	 line;
	double		 duration;
	long long	 completed, incomplete, errored;
	double		 prompt_tpr, output_tpr;
};

struct g02 {
	struct rj	*rjp;		/* allocated with the first table */
	const char	*file;
	enum table	 table;
	int		 col[SF__COUNT];	/* column of each field */
	struct info	*pending;	/* Info rows awaiting their Stats rows */
	size_t		 npending;
	int		 new_run;	/* a Stats table began: a run */
};

static void *
g02_new(void)
{
	/* Tables and Info rows are allocated when first seen. */
	return calloc(1, sizeof(struct g02));
}

static void
g02_free(void *p)
{
	struct g02	*g = p;

	if (g == NULL)
		return;
	free(g->pending);
	free(g->rjp);
	free(g);
}

static void
g02_start(void *p, const char *file)
{
	struct g02	*g = p;

	g->file = file;
	g->table = T_NONE;
	if (g->rjp != NULL)
		g->rjp->state = RJ_IDLE;
	g->npending = 0;
}

static int
g02_active(const void *p)
{
	const struct g02 *g = p;

	return g->rjp != NULL && g->rjp->state != RJ_IDLE;
}

/* Copies s without white space into buf; returns buf. */
static const char *
squeeze(char *buf, size_t bufsz, const char *s, size_t n)
{
	size_t	o = 0;

	for (; n > 0 && o + 1 < bufsz; s++, n--)
		if (*s != ' ' && *s != '\t')
			buf[o++] = *s;
	buf[o] = '\0';
	return buf;
}

static int
group_matches(const char *alts, const char *g)
{
	size_t	len = strlen(g);
	const char *bar;

	for (;;) {
		bar = strchr(alts, '|');
		if ((bar ? (size_t)(bar - alts) : strlen(alts)) == len &&
		    strncmp(alts, g, len) == 0)
			return 1;
		if (bar == NULL)
			return 0;
		alts = bar + 1;
	}
}

static int
map_columns(struct g02 *g, const struct colspec *spec, int nfields,
    struct wi_err *err)
{
	struct rj_cell	 top[WI_MAX_COLS], sub[WI_MAX_COLS];
	char		 grp[128], nm[128];
	int		 i, f, ncols;

	if (g->rjp->nhdr != 2) {
		wi_seterr(err, WI_EINPUT, g->file, g->rjp->hdr[0].frag[0].line,
		    "%s: %d header rows where guidellm prints 2", g->rjp->what,
		    g->rjp->nhdr);
		return -1;
	}
	ncols = rj_cells(g->rjp, &g->rjp->hdr[0], top);
	(void)rj_cells(g->rjp, &g->rjp->hdr[1], sub);
	for (f = 0; f < nfields; f++)
		g->col[f] = -1;
	grp[0] = '\0';
	for (i = 0; i < ncols; i++) {
		if (top[i].n > 0)
			squeeze(grp, sizeof(grp), top[i].s, top[i].n);
		squeeze(nm, sizeof(nm), sub[i].s, sub[i].n);
		for (f = 0; f < nfields; f++)
			if (g->col[f] == -1 && strcmp(spec[f].name, nm) == 0 &&
			    group_matches(spec[f].group, grp))
				g->col[f] = i;
	}
	for (f = 0; f < nfields; f++)
		if (g->col[f] == -1) {
			wi_seterr(err, WI_EINPUT, g->file,
			    g->rjp->hdr[0].frag[0].line,
			    "%s has no \"%s\" column", g->rjp->what,
			    spec[f].label);
			return -1;
		}
	return 0;
}

static int
cell_decimal(struct g02 *g, const struct rj_cell *c, const char *label,
    const char *bname, double *out, struct wi_err *err)
{
	char	q[64];

	switch (num_decimal(c->s, c->n, out, err)) {
	case NUM_OK:
		return 0;
	case NUM_NAN:
		wi_seterr(err, WI_EINPUT, g->file, c->line,
		    "%s: %s of %s is not a number: %s", g->rjp->what, label,
		    bname, wi_quote(q, sizeof(q), c->s, c->n));
		return -1;
	case NUM_RANGE:
		wi_seterr(err, WI_EINPUT, g->file, c->line,
		    "%s: %s of %s is out of range: %s", g->rjp->what, label,
		    bname, wi_quote(q, sizeof(q), c->s, c->n));
		return -1;
	default:
		return -1;
	}
}

static int
cell_integer(struct g02 *g, const struct rj_cell *c, const char *label,
    const char *bname, long long *out, struct wi_err *err)
{
	char	buf[32], q[64];
	int	rc;

	if ((rc = re_exec(RE_INTEGER, c->s, c->n, NULL, err)) == -1)
		return -1;
	if (rc == 0) {
		wi_seterr(err, WI_EINPUT, g->file, c->line,
		    "%s: %s of %s is not a whole number: %s", g->rjp->what,
		    label, bname, wi_quote(q, sizeof(q), c->s, c->n));
		return -1;
	}
	memcpy(buf, c->s, c->n);	/* the pattern bounds n to 18 */
	buf[c->n] = '\0';
	*out = strtoll(buf, NULL, 10);
	return 0;
}

/* The benchmark name of a row, into b. */
static int
cell_name(struct g02 *g, const struct rj_cell *c, struct bench *b,
    struct wi_err *err)
{
	char	q[80];
	int	rc;

	if ((rc = bench_parse_name(b, c->s, c->n, err)) == 0)
		wi_seterr(err, WI_EINPUT, g->file, c->line,
		    "%s: not a guidellm benchmark name: %s", g->rjp->what,
		    wi_quote(q, sizeof(q), c->s, c->n));
	return rc == 1 ? 0 : -1;
}

static int
info_row(struct g02 *g, const struct rj_cell *c, struct wi_err *err)
{
	struct info	*in;
	struct bench	 b;
	const struct colspec *s = info_cols;

	if (g->npending == WI_MAX_BENCH) {
		wi_seterr(err, WI_EINPUT, g->file, c[0].line,
		    "%s: more than %d rows", g->rjp->what, WI_MAX_BENCH);
		return -1;
	}
	in = &g->pending[g->npending];
	memset(in, 0, sizeof(*in));
	in->line = c[g->col[IF_NAME]].line;
	if (cell_name(g, &c[g->col[IF_NAME]], &b, err) == -1)
		return -1;
	memcpy(in->name, b.name, sizeof(in->name));
	if (cell_decimal(g, &c[g->col[IF_DURATION]], s[IF_DURATION].label,
	    in->name, &in->duration, err) == -1 ||
	    cell_integer(g, &c[g->col[IF_COMP]], s[IF_COMP].label, in->name,
	    &in->completed, err) == -1 ||
	    cell_integer(g, &c[g->col[IF_INC]], s[IF_INC].label, in->name,
	    &in->incomplete, err) == -1 ||
	    cell_integer(g, &c[g->col[IF_ERR]], s[IF_ERR].label, in->name,
	    &in->errored, err) == -1 ||
	    cell_decimal(g, &c[g->col[IF_PTOK]], s[IF_PTOK].label, in->name,
	    &in->prompt_tpr, err) == -1 ||
	    cell_decimal(g, &c[g->col[IF_OTOK]], s[IF_OTOK].label, in->name,
	    &in->output_tpr, err) == -1)
		return -1;
	g->npending++;
	return 0;
}

static void
attach_info(struct g02 *g, struct bench *b)
{
	const struct info *in;
	size_t	i;

	for (i = g->npending; i-- > 0; ) {
		in = &g->pending[i];
		if (strcmp(in->name, b->name) != 0)
			continue;
		b->info_line = in->line;
		bench_set(b, BF_DURATION, in->duration);
		bench_set(b, BF_COMPLETED, (double)in->completed);
		bench_set(b, BF_INCOMPLETE, (double)in->incomplete);
		bench_set(b, BF_ERRORED, (double)in->errored);
		bench_set(b, BF_PROMPT_TPR, in->prompt_tpr);
		bench_set(b, BF_OUTPUT_TPR, in->output_tpr);
		return;
	}
}

/* The bench field of each Stats column. */
static const int stats_field[SF__COUNT] = {
	[SF_RPS] = BF_RPS, [SF_CONC] = BF_CONC,
	[SF_OUT_TPS] = BF_OUT_TPS, [SF_TOT_TPS] = BF_TOT_TPS,
	[SF_LAT] = BF_LAT + ST_MEAN, [SF_LAT_MEDIAN] = BF_LAT + ST_MEDIAN,
	[SF_LAT_P99] = BF_LAT + ST_P99,
	[SF_TTFT] = BF_TTFT + ST_MEAN, [SF_TTFT_MEDIAN] = BF_TTFT + ST_MEDIAN,
	[SF_TTFT_P99] = BF_TTFT + ST_P99,
	[SF_ITL] = BF_ITL + ST_MEAN, [SF_ITL_MEDIAN] = BF_ITL + ST_MEDIAN,
	[SF_ITL_P99] = BF_ITL + ST_P99,
	[SF_TPOT] = BF_TPOT + ST_MEAN, [SF_TPOT_MEDIAN] = BF_TPOT + ST_MEDIAN,
	[SF_TPOT_P99] = BF_TPOT + ST_P99,
};

static int
stats_row(struct g02 *g, const struct rj_cell *c, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct bench	 b;
	double		 x;
	int		 f;

	memset(&b, 0, sizeof(b));
	b.src = SRC_G02_CONSOLE;
	b.file = g->file;
	b.line = c[g->col[SF_NAME]].line;
	if (cell_name(g, &c[g->col[SF_NAME]], &b, err) == -1)
		return -1;
	for (f = SF_NAME + 1; f < SF__COUNT; f++) {
		if (cell_decimal(g, &c[g->col[f]], stats_cols[f].label,
		    b.name, &x, err) == -1)
			return -1;
		bench_set(&b, stats_field[f], x);
	}
	attach_info(g, &b);
	if (g->new_run) {
		benchset_run(set);
		g->new_run = 0;
	}
	return benchset_add(set, &b, w, err);
}

static int
begin_table(struct g02 *g, const char *s, size_t n, unsigned long no,
    struct wi_err *err)
{
	struct re_match	m;
	int		rc;

	if ((rc = re_exec(RE_G02_TITLE, s, n, &m, err)) != 1 ||
	    m.eo[1] > PREFIX_MAX)
		return rc == -1 ? -1 : 0;	/* no title, or too long a prefix */
	if ((g->rjp == NULL && (g->rjp = malloc(sizeof(*g->rjp))) == NULL) ||
	    (g->pending == NULL && (g->pending = calloc(WI_MAX_BENCH,
	    sizeof(*g->pending))) == NULL)) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	if (s[m.so[2]] == 'S') {
		g->table = T_STATS;
		g->new_run = 1;
		rj_begin(g->rjp, "Benchmarks Stats table", g->file, s, m.eo[1],
		    no);
	} else {
		g->table = T_INFO;
		g->npending = 0;
		rj_begin(g->rjp, "Benchmarks Info table", g->file, s, m.eo[1],
		    no);
	}
	return 1;
}

static int
g02_line(void *p, const char *s, size_t n, unsigned long no,
    int truncated, struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	struct g02	*g = p;
	struct rj_cell	 cells[WI_MAX_COLS];
	char		 q[64];
	int		 ev;

	if (!g02_active(g)) {
		if (truncated || (ev = begin_table(g, s, n, no, err)) == 0)
			return 0;
		return ev == -1 ? -1 : 1;
	}
	if ((ev = rj_feed(g->rjp, s, n, no, truncated, err)) == -1)
		return -1;
	if (ev & RJ_STRAY)
		wi_warnf(w, g->file, no, "skipped a line that is not the %s's: "
		    "%s", g->rjp->what, wi_quote(q, sizeof(q), s, n));
	if ((ev & RJ_HEADER) && (g->table == T_STATS ?
	    map_columns(g, stats_cols, SF__COUNT, err) :
	    map_columns(g, info_cols, IF__COUNT, err)) == -1)
		return -1;
	if (ev & RJ_ROW) {
		(void)rj_cells(g->rjp, g->rjp->out, cells);
		if ((g->table == T_STATS ? stats_row(g, cells, set, w, err) :
		    info_row(g, cells, err)) == -1)
			return -1;
	}
	if ((ev & RJ_END) && g->table == T_STATS)
		g->npending = 0;	/* the Info rows belonged to this run */
	return 1;
}

static int
g02_eof(void *p, unsigned long lastline, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct g02	*g = p;

	(void)set;
	(void)w;
	return g->rjp == NULL ? 0 : rj_eof(g->rjp, lastline, err);
}

static const struct in_trigger g02_triggers[] = {
	{ "Benchmark", 0 },		/* Benchmarks Stats:, Benchmarks Info: */
	{ NULL, 0 }
};

const struct in_console in_g02 = {
	"guidellm-0.2-console", g02_triggers, g02_new, g02_free, g02_start,
	g02_active, g02_line, g02_eof
};
