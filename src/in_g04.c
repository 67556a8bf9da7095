/*
 * in_g04.c: guidellm 0.4.x to 0.7.x console output.
 *
 * These releases print tables titled "ℹ Request Latency Statistics
 * (Completed Requests)", "ℹ Server Throughput Statistics ...", with
 * "|===|" borders, three header rows (group, name, unit or statistic)
 * whose merged cells print as "||", left-justified cells, "--" for a
 * missing value, and rows labelled by strategy type only. The tables
 * never wrap; their titles do, on a console narrower than the title
 * (rich wraps at spaces): the lines after a title are taken as its
 * pieces while they keep it the start of a title guidellm prints, and
 * the table is told by the whole title once its "|===|" border comes.
 * The latency table has medians and p95, no means.
 *
 * Takes cleaned lines; rows of the tables of one run are matched by
 * their order (row k of each table is benchmark k), and the benchmarks
 * are added to the set when the run's last table (throughput) ends, or
 * at the end of the input. Columns are found by their header names.
 *
 * The tables name rows by type only; the rate or streams are in the
 * progress panel printed before them, where the console was wide
 * enough (rich cuts a narrow column short, "conc…"). Its row k is
 * benchmark k, described as guidellm's str(strategy):
 *
 *	panel	= "╭─ Benchmarks ─..." row{n} "╰─..."
 *	row	= "│ [" time "]" ... desc " (" status ")" ... "Req:" ... "│"
 *		  "│" ... "Tok:" ... "│"
 *	desc	= synchronous | throughput@N | concurrent@N | constant@R
 *		  | poisson@R | trace@S
 *
 * A table row of type T is named by its desc where that parses as a
 * name of type T with a rate or streams (constant@5.98), else by type
 * and rank.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "in.h"
#include "re.h"

/* The tables read, in the order guidellm prints them in a run. */
enum gtab { G_NONE, G_SUMMARY, G_TOKENS, G_LATENCY, G_THROUGHPUT, G_OTHER,
	G__COUNT };

/* P_TITLE: a title seen, its table not yet begun (the title may wrap). */
enum phase { P_TITLE, P_TOP, P_HEAD, P_ROWS, P_END };

#define HEAD_ROWS	3
#define KEY_MAX		96
#define TITLE_MAX	64	/* the longest title, spaces removed, fits */
#define TITLE_LINES	6	/* a title wraps onto 4 lines at 20 columns */

static const char *const tab_name[G__COUNT] = {
	"", "Run Summary Info table", "Request Token Statistics table",
	"Request Latency Statistics table", "Server Throughput Statistics table",
	"table"
};

/* Header "group/name/stat" (white space removed) to a bench field. */
struct colkey {
	enum gtab	 tab;
	const char	*key;
	int		 field;
};

static const struct colkey colkeys[] = {
	{ G_SUMMARY, "Timings/Dur/Sec", BF_DURATION },
	{ G_TOKENS, "InputTok/PerReq/Mdn", BF_PROMPT_TPR },
	{ G_TOKENS, "OutputTok/PerReq/Mdn", BF_OUTPUT_TPR },
	{ G_THROUGHPUT, "Requests/PerSec/Mean", BF_RPS },
	{ G_THROUGHPUT, "Requests/Concurrency/Mean", BF_CONC },
	{ G_THROUGHPUT, "OutputTokens/PerSec/Mean", BF_OUT_TPS },
	{ G_THROUGHPUT, "TotalTokens/PerSec/Mean", BF_TOT_TPS },
#define LAT(g, u, f) \
	{ G_LATENCY, g "/" u "/Mean", f + ST_MEAN }, \
	{ G_LATENCY, g "/" u "/Mdn", f + ST_MEDIAN }, \
	{ G_LATENCY, g "/" u "/p95", f + ST_P95 }, \
	{ G_LATENCY, g "/" u "/p99", f + ST_P99 }
	LAT("RequestLatency", "Sec", BF_LAT),
	LAT("TTFT", "ms", BF_TTFT),
	LAT("ITL", "ms", BF_ITL),
	LAT("TPOT", "ms", BF_TPOT),
#undef LAT
};

struct g04 {
	const char	*file;
	enum gtab	 tab;		/* the table being read, G_NONE if none */
	enum phase	 phase;
	char		 prefix[PREFIX_MAX];
	size_t		 plen;
	char		 title[TITLE_MAX];	/* so far, spaces removed */
	size_t		 tlen;
	int		 tlines;
	int		 nhead;
	int		 ncols;
	char		 head[HEAD_ROWS][WI_MAX_COLS][KEY_MAX / 3];
	unsigned long	 head_line;
	int		 field[WI_MAX_COLS];	/* bench field of a column, or -1 */
	char		 key[WI_MAX_COLS][KEY_MAX];	/* its group/name/stat */
	int		 seen[G__COUNT];	/* tables of the current run */
	enum gtab	 last;		/* the last of them, in print order */
	int		 nrows[G__COUNT];
	struct bench	*rows;		/* row k of every table of the run */
	unsigned long	 ntype[S_OTHER + 1];	/* for the names: concurrent#2 */
	int		 panel;		/* inside the progress panel */
	char		(*desc)[WI_NAME_MAX];	/* its row k's, or "" */
	int		 ndesc;
};

static void *
g04_new(void)
{
	/* The rows come with the first table: most inputs have none. */
	return calloc(1, sizeof(struct g04));
}

static void
g04_free(void *p)
{
	struct g04	*g = p;

	if (g == NULL)
		return;
	free(g->rows);
	free(g->desc);
	free(g);
}

static void
reset_run(struct g04 *g)
{
	int	i, n = 0;

	for (i = 0; i < G__COUNT; i++) {
		if (g->nrows[i] > n)
			n = g->nrows[i];
		g->seen[i] = g->nrows[i] = 0;
	}
	g->last = G_NONE;
	if (g->rows != NULL)
		memset(g->rows, 0, (size_t)n * sizeof(*g->rows));
}

static void
g04_start(void *p, const char *file)
{
	struct g04	*g = p;

	g->file = file;
	g->tab = G_NONE;
	g->panel = 0;
	g->ndesc = 0;
	reset_run(g);
}

static int
g04_active(const void *p)
{
	const struct g04 *g = p;

	return g->tab != G_NONE || g->panel;
}

/*
 * The progress panel's description of row k names b, of that type with
 * a rate or streams: 1 (b named so), 0 (not), -1 on an error.
 */
static int
panel_name(const struct g04 *g, int k, struct bench *b, struct wi_err *err)
{
	struct bench	named;
	int		rc;

	if (k >= g->ndesc || g->desc[k][0] == '\0')
		return 0;
	memset(&named, 0, sizeof(named));
	if ((rc = bench_parse_name(&named, g->desc[k], strlen(g->desc[k]),
	    err)) != 1)
		return rc;
	if (named.type != b->type || !named.has_param)
		return 0;
	memcpy(b->name, named.name, sizeof(b->name));
	b->param = named.param;
	b->has_param = 1;
	return 1;
}

/*
 * Adds the benchmarks of one run: row k of its tables is benchmark k,
 * named by its strategy type and, from the second of a type on in the
 * run, its rank: concurrent, concurrent#2.
 */
static int
flush_run(struct g04 *g, struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	struct bench	*b;
	int		 i, n = 0, k, rc;
	unsigned long	 rank;
	char		 type[WI_NAME_MAX];

	for (i = 0; i < G__COUNT; i++)
		if (g->nrows[i] > n)
			n = g->nrows[i];
	if (g->seen[G_LATENCY] && g->seen[G_THROUGHPUT] &&
	    g->nrows[G_LATENCY] != g->nrows[G_THROUGHPUT]) {
		wi_seterr(err, WI_EINPUT, g->file, g->rows[0].line,
		    "the latency table has %d rows but the throughput table "
		    "%d: they do not describe the same benchmarks",
		    g->nrows[G_LATENCY], g->nrows[G_THROUGHPUT]);
		return -1;
	}
	memset(g->ntype, 0, sizeof(g->ntype));
	if (n > 0)
		benchset_run(set);
	for (k = 0; k < n; k++) {
		b = &g->rows[k];
		memcpy(type, b->name, sizeof(type));
		b->type = strategy_from_name(type, strlen(type));
		rank = ++g->ntype[b->type];
		if ((rc = panel_name(g, k, b, err)) == -1)
			return -1;
		if (rc == 0)
			bench_rank_name(b, type, strlen(type), rank);
		b->src = SRC_G04_CONSOLE;
		b->file = g->file;
		if (benchset_add(set, b, w, err) == -1)
			return -1;
	}
	g->ndesc = 0;
	reset_run(g);
	return 0;
}

/*
 * Every title guidellm 0.4-0.7 print before a table, with the spaces
 * removed: rich wraps a title at the console width, at spaces or, for a
 * word longer than the line, inside it.
 */
static const struct { const char *title; enum gtab tab; } titles[] = {
	{ "RunSummaryInfo", G_SUMMARY },
	{ "RequestTokenStatistics(CompletedRequests)", G_TOKENS },
	{ "RequestLatencyStatistics(CompletedRequests)", G_LATENCY },
	{ "ServerThroughputStatistics(AllRequests)", G_THROUGHPUT },
	{ "ServerThroughputStatistics", G_THROUGHPUT },		/* 0.4.0 */
	{ "TextMetricsStatistics(CompletedRequests)", G_OTHER },
	{ "ImageMetricsStatistics(CompletedRequests)", G_OTHER },
	{ "VideoMetricsStatistics(CompletedRequests)", G_OTHER },
	{ "AudioMetricsStatistics(CompletedRequests)", G_OTHER },
	{ "ToolCallMetricsStatistics(CompletedRequests)", G_OTHER },
};
#define NTITLES	(sizeof(titles) / sizeof(titles[0]))

/* The table a title names; its start is enough ("... (Completed"). */
static enum gtab
which_table(const char *t, size_t n)
{
	static const struct { const char *title; enum gtab tab; } tabs[] = {
		{ "RunSummaryInfo", G_SUMMARY },
		{ "RequestTokenStatistics", G_TOKENS },
		{ "RequestLatencyStatistics", G_LATENCY },
		{ "ServerThroughputStatistics", G_THROUGHPUT },
	};
	size_t	i, len;

	for (i = 0; i < sizeof(tabs) / sizeof(tabs[0]); i++) {
		len = strlen(tabs[i].title);
		if (n >= len && memcmp(t, tabs[i].title, len) == 0)
			return tabs[i].tab;
	}
	return G_OTHER;
}

/*
 * Adds a piece of a title, its spaces removed: 1 if the title so far
 * is still the start of one guidellm prints, 0 if not.
 */
static int
title_add(struct g04 *g, const char *s, size_t n)
{
	size_t	i, len;

	for (i = 0; i < n; i++) {
		if (s[i] == ' ' || s[i] == '\t')
			continue;
		if (g->tlen == TITLE_MAX)
			return 0;
		g->title[g->tlen++] = s[i];
	}
	g->tlines++;
	for (i = 0; i < NTITLES; i++) {
		len = strlen(titles[i].title);
		if (g->tlen <= len && memcmp(g->title, titles[i].title,
		    g->tlen) == 0)
			return 1;
	}
	return 0;
}

/* Cells between the outer "|": the first and last split are dropped. */
static int
split(const char *s, size_t n, const char **cell, size_t *len)
{
	size_t	i, start = 1;
	int	nc = 0;

	for (i = 1; i < n; i++) {
		if (s[i] != '|')
			continue;
		if (nc == WI_MAX_COLS)
			return -1;
		cell[nc] = s + start;
		len[nc] = i - start;
		while (len[nc] > 0 && *cell[nc] == ' ')
			cell[nc]++, len[nc]--;
		len[nc] = rtrim_len(cell[nc], len[nc]);
		nc++;
		start = i + 1;
	}
	return nc;
}

static int
only(const char *s, size_t n, char c)
{
	size_t	i;
	int	any = 0;

	for (i = 0; i < n; i++) {
		if (s[i] == c)
			any = 1;
		else if (s[i] != '|')
			return 0;
	}
	return any;
}

static int
fail(struct g04 *g, unsigned long line, const char *what, struct wi_err *err)
{
	wi_seterr(err, WI_EINPUT, g->file, line, "%s %s", tab_name[g->tab],
	    what);
	return -1;
}

/* Header rows done: find each column's field by group/name/stat. */
static int
map_columns(struct g04 *g, struct wi_err *err)
{
	char	 key[KEY_MAX], cur[HEAD_ROWS][KEY_MAX / 3];
	int	 c, r, i, itl = 0;

	if (g->nhead != HEAD_ROWS)
		return fail(g, g->head_line, "does not have the 3 header rows "
		    "of guidellm 0.4 and later", err);
	memset(cur, 0, sizeof(cur));
	for (c = 0; c < g->ncols; c++) {
		g->field[c] = -1;
		for (r = 0; r < HEAD_ROWS; r++)	/* merged cells print empty */
			if (g->head[r][c][0] != '\0' || c == 0)
				memcpy(cur[r], g->head[r][c], sizeof(cur[r]));
		snprintf(key, sizeof(key), "%s/%s/%s", cur[0], cur[1], cur[2]);
		memcpy(g->key[c], key, sizeof(key));
		for (i = 0; i < (int)(sizeof(colkeys) / sizeof(colkeys[0])); i++)
			if (colkeys[i].tab == g->tab &&
			    strcmp(colkeys[i].key, key) == 0)
				g->field[c] = colkeys[i].field;
		if (g->field[c] == BF_ITL + ST_MEDIAN ||
		    g->field[c] == BF_ITL + ST_MEAN)
			itl = 1;
	}
	if (g->tab == G_LATENCY && !itl)
		return fail(g, g->head_line, "has no ITL ms Mdn or Mean column",
		    err);
	return 0;
}

static int
head_row(struct g04 *g, const char **cell, size_t *len, int nc,
    unsigned long no, struct wi_err *err)
{
	int	c;
	size_t	i, o;

	if (g->nhead == 0) {
		g->ncols = nc;
		g->head_line = no;
	}
	if (g->nhead == HEAD_ROWS)
		return fail(g, no, "has more than 3 header rows", err);
	if (nc != g->ncols)
		return fail(g, no, "header rows differ in their column count",
		    err);
	for (c = 0; c < nc; c++) {
		for (i = o = 0; i < len[c] && o + 1 < KEY_MAX / 3; i++)
			if (cell[c][i] != ' ')
				g->head[g->nhead][c][o++] = cell[c][i];
		g->head[g->nhead][c][o] = '\0';
	}
	g->nhead++;
	return 0;
}

static int
data_row(struct g04 *g, const char **cell, size_t *len, int nc,
    unsigned long no, struct wi_err *err)
{
	struct bench	*b;
	struct re_match	 m;
	char		 q[64], msg[160];
	double		 x;
	int		 c, k, rc;

	if (nc != g->ncols) {
		snprintf(msg, sizeof(msg), "row has %d columns, the header %d",
		    nc, g->ncols);
		return fail(g, no, msg, err);
	}
	if ((k = g->nrows[g->tab]++) == WI_MAX_BENCH)
		return fail(g, no, "has too many rows", err);
	if ((rc = re_exec(RE_G04_TYPE, cell[0], len[0], &m, err)) != 1) {
		if (rc == 0) {
			snprintf(msg, sizeof(msg), "row is not labelled by a "
			    "strategy type: %s", wi_quote(q, sizeof(q), cell[0],
			    len[0]));
			return fail(g, no, msg, err);
		}
		return -1;
	}
	b = &g->rows[k];
	if (b->name[0] == '\0') {
		memcpy(b->name, cell[0], len[0]);	/* pattern: < 32 bytes */
		b->line = no;
	} else if (strlen(b->name) != len[0] ||
	    memcmp(b->name, cell[0], len[0]) != 0) {
		snprintf(msg, sizeof(msg), "row %d is %s, but %s in an earlier "
		    "table of the same run", k + 1, wi_quote(q, sizeof(q),
		    cell[0], len[0]), b->name);
		return fail(g, no, msg, err);
	}
	if (g->tab == G_LATENCY)
		b->line = no;
	for (c = 1; c < nc; c++) {
		if (g->field[c] == -1 || (len[c] == 2 &&
		    memcmp(cell[c], "--", 2) == 0))
			continue;
		switch (num_decimal(cell[c], len[c], &x, err)) {
		case NUM_OK:
			bench_set(b, g->field[c], x);
			break;
		case NUM_FAIL:
			return -1;
		default:
			snprintf(msg, sizeof(msg), "%s of %s is not a number: "
			    "%s", g->key[c], b->name,
			    wi_quote(q, sizeof(q), cell[c], len[c]));
			return fail(g, no, msg, err);
		}
	}
	return 0;
}

/*
 * The title is whole: the table it names begins. guidellm prints a
 * run's tables in the order of enum gtab: one that comes at or before
 * the last one seen starts the next run, even where a table of this
 * run was left out.
 */
static int
open_table(struct g04 *g, struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	enum gtab	tab;

	tab = which_table(g->title, g->tlen);
	if (tab != G_OTHER && tab <= g->last && flush_run(g, set, w, err) == -1)
		return -1;
	if (tab != G_OTHER)
		g->last = tab;
	g->tab = tab;
	g->seen[tab] = 1;
	g->phase = P_TOP;
	g->nhead = 0;
	return 0;
}

/*
 * A line after a title, before its table: a piece of the wrapped title
 * (1), or the line that shows there is no table (0, or -1 where the
 * title named a table that is read).
 */
static int
title_line(struct g04 *g, const char *s, size_t n, unsigned long no,
    struct wi_err *err)
{
	size_t	tlen = g->tlen;
	int	tlines = g->tlines;

	if (n > 0 && g->tlines < TITLE_LINES && title_add(g, s, n))
		return 1;
	g->tlen = tlen;
	g->tlines = tlines;
	g->tab = which_table(g->title, g->tlen);
	if (g->tab != G_OTHER)
		return fail(g, no, "is cut off before its bottom border", err);
	g->tab = G_NONE;
	return 0;
}

/* A line of the table being read; 0 when it ends the table. */
static int
table_line(struct g04 *g, const char *s, size_t n, unsigned long no,
    struct benchset *set, const struct wi_warn *w, struct wi_err *err)
{
	const char	*cell[WI_MAX_COLS];
	size_t		 len[WI_MAX_COLS];
	int		 nc;

	if (strip_prefix(g->prefix, g->plen, &s, &n) == -1)
		n = 0;
	if (g->phase == P_TITLE) {
		if (n == 0 || s[0] != '|')
			return title_line(g, s, n, no, err);
		if (open_table(g, set, w, err) == -1)
			return -1;
	}
	if (n == 0 || s[0] != '|' || s[n - 1] != '|') {
		if (g->tab != G_OTHER && g->phase != P_END)
			return fail(g, no, "is cut off before its bottom "
			    "border", err);
		g->tab = G_NONE;
		if (g->seen[G_THROUGHPUT] && g->nrows[G_THROUGHPUT] > 0)
			return flush_run(g, set, w, err);
		return 0;
	}
	if (g->tab == G_OTHER)
		return 1;
	if (only(s, n, '=')) {
		if (g->phase == P_HEAD)
			return fail(g, no, "has a border inside its header",
			    err);
		g->phase = g->phase == P_TOP ? P_HEAD : P_END;
		g->nhead = 0;
		return 1;
	}
	if (only(s, n, '-')) {
		if (g->phase != P_HEAD)
			return fail(g, no, "has a divider out of place", err);
		g->phase = P_ROWS;
		return map_columns(g, err) == -1 ? -1 : 1;
	}
	if ((nc = split(s, n, cell, len)) == -1)
		return fail(g, no, "has too many columns", err);
	switch (g->phase) {
	case P_TITLE:	/* left by open_table */
	case P_TOP:
		return fail(g, no, "has no \"|===|\" border after its title",
		    err);
	case P_END:	/* another block of the same table */
		g->phase = P_HEAD;
		g->nhead = 0;
		/* FALLTHROUGH */
	case P_HEAD:
		return head_row(g, cell, len, nc, no, err) == -1 ? -1 : 1;
	case P_ROWS:
		return data_row(g, cell, len, nc, no, err) == -1 ? -1 : 1;
	}
	return 1;
}

#define PANEL_TOP	"\xe2\x95\xad\xe2\x94\x80 Benchmarks"	/* ╭─ */
#define PANEL_SIDE	"\xe2\x94\x82"				/* │ */
#define PANEL_BOTTOM	"\xe2\x95\xb0"				/* ╰ */
#define ELLIPSIS	"\xe2\x80\xa6"				/* … */

/*
 * The description of a panel row, the word before " (status)" ahead of
 * "Req:"; "" where rich cut it short.
 */
static void
panel_row(struct g04 *g, const char *s, size_t n)
{
	const char	*req, *st, *d;
	size_t		 len;

	if (g->ndesc == WI_MAX_BENCH ||
	    (req = memmem(s, n, "Req:", 4)) == NULL)
		return;		/* the Tok: line, or too many */
	g->desc[g->ndesc][0] = '\0';
	for (st = req; st > s && *st != '('; st--)
		continue;
	for (d = st; d > s && d[-1] == ' '; d--)
		continue;
	for (len = 0; d > s && d[-1] != ' '; d--)
		len++;
	if (*st == '(' && len > 0 && len < WI_NAME_MAX &&
	    memmem(d, len, ELLIPSIS, 3) == NULL) {
		memcpy(g->desc[g->ndesc], d, len);
		g->desc[g->ndesc][len] = '\0';
	}
	g->ndesc++;
}

/* A line of the panel: 1 taken, 0 not (the panel ended before it). */
static int
panel_line(struct g04 *g, const char *s, size_t n)
{
	if (strip_prefix(g->prefix, g->plen, &s, &n) == -1 || n < 3) {
		g->panel = 0;
		return 0;
	}
	if (memcmp(s, PANEL_BOTTOM, 3) == 0) {
		g->panel = 0;
		return 1;
	}
	if (memcmp(s, PANEL_SIDE, 3) != 0) {
		g->panel = 0;
		return 0;
	}
	panel_row(g, s, n);
	return 1;
}

/*
 * "╭─ Benchmarks": the final progress panel of a run, printed before its
 * tables. Rows of an earlier run still waiting are added first.
 */
static int
begin_panel(struct g04 *g, const char *s, size_t n, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	const char	*top;
	int		 i;

	if ((top = memmem(s, n, PANEL_TOP, strlen(PANEL_TOP))) == NULL ||
	    (size_t)(top - s) > PREFIX_MAX ||
	    take_prefix(g->prefix, &g->plen, s, (size_t)(top - s)) == -1)
		return 0;
	for (i = 0; i < G__COUNT; i++)
		if (g->nrows[i] > 0)
			break;
	if (i < G__COUNT && flush_run(g, set, w, err) == -1)
		return -1;
	if (g->desc == NULL &&
	    (g->desc = calloc(WI_MAX_BENCH, sizeof(*g->desc))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	g->panel = 1;
	g->ndesc = 0;
	return 1;
}

static int
begin_table(struct g04 *g, const char *s, size_t n, struct wi_err *err)
{
	struct re_match	m;
	int		rc;

	if ((rc = re_exec(RE_G04_TITLE, s, n, &m, err)) != 1 ||
	    m.eo[1] > PREFIX_MAX)
		return rc == -1 ? -1 : 0;
	if (g->rows == NULL &&
	    (g->rows = calloc(WI_MAX_BENCH, sizeof(*g->rows))) == NULL) {
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
		return -1;
	}
	g->tab = G_OTHER;	/* active; which table is told by the title */
	g->phase = P_TITLE;
	g->tlen = 0;
	g->tlines = 0;
	(void)title_add(g, s + m.so[2], m.eo[2] - m.so[2]);
	(void)take_prefix(g->prefix, &g->plen, s, m.eo[1]);	/* checked */
	return 1;
}

static int
g04_line(void *p, const char *s, size_t n, unsigned long no,
    int truncated, struct benchset *set, const struct wi_warn *w,
    struct wi_err *err)
{
	struct g04	*g = p;
	int		 rc;

	if (g->panel && !truncated && panel_line(g, s, n))
		return 1;
	g->panel = 0;
	if (g->tab != G_NONE) {
		if (truncated) {
			wi_seterr(err, WI_EINPUT, g->file, no, "%s has a line "
			    "longer than %d bytes", tab_name[g->tab],
			    WI_LINE_MAX);
			return -1;
		}
		if ((rc = table_line(g, s, n, no, set, w, err)) != 0)
			return rc;
	}
	if (truncated)
		return 0;
	if ((rc = begin_panel(g, s, n, set, w, err)) != 0)
		return rc;
	return begin_table(g, s, n, err);
}

static int
g04_eof(void *p, unsigned long lastline, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct g04	*g = p;

	if (g->tab != G_NONE && g->phase == P_TITLE)
		g->tab = which_table(g->title, g->tlen);
	if (g->tab != G_NONE && g->tab != G_OTHER && g->phase != P_END)
		return fail(g, lastline, "is cut off by the end of the input",
		    err);
	g->tab = G_NONE;
	return flush_run(g, set, w, err);
}

static const struct in_trigger g04_triggers[] = {
	{ "\xe2\x84\xb9", 2 },		/* ℹ, its last byte */
	{ PANEL_TOP, 7 },		/* its "B", an anchor already */
	{ NULL, 0 }
};

const struct in_console in_g04 = {
	"guidellm-0.4-console", g04_triggers, g04_new, g04_free, g04_start,
	g04_active, g04_line, g04_eof
};
