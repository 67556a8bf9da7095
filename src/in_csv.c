/*
 * in_csv.c: guidellm CSV reports.
 *
 * 0.2/0.3 write one header row ("Type,Run Id,Id,Name,...") with columns
 * such as "Successful Inter token latency ms mean"; 0.4 and later write
 * three header rows (group, name, unit), e.g. "Inter Token Latency" /
 * "Successful ms" / "Mean", and only the columns that have data, so
 * columns are always found by their names. 0.4+ rows give the strategy
 * type only and are named like the 0.4+ console: concurrent,
 * concurrent#2 (rank counted over all CSV inputs, in ranks[]).
 *
 * Takes the raw bytes of one input and adds one struct bench per row.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csv.h"
#include "in.h"
#include "in_csv05.h"
#include "re.h"

enum layout { L_UNKNOWN, L_V02, L_V04 };

/* The columns read, by header (in.h); a percentile list gives p95, p99. */
enum ckind { C_NAME = CSV_NAME, C_TYPE = CSV_TYPE, C_NUM = CSV_NUM,
	C_PCTL = CSV_PCTL };

struct colmap {
	int	 kind;
	int	 field;		/* C_NUM: the bench field; C_PCTL: its group */
	double	 scale;
};

struct rc_ctx {
	const char	*file;
	struct benchset	*set;
	const struct wi_warn *w;
	unsigned long	*ranks;
	enum layout	 layout;
	int		 nhead;		/* 0.4+: header rows read so far */
	size_t		 ncols;
	size_t		 blk0;		/* 0.4+: the first statistics column */
	size_t		 nmetric;	/* 0.4+: statistics in the header */
	char		(*head)[3][64];	/* 0.4+: the three header cells */
	struct colmap	*col;		/* one a column of the header */
	int		 have_itl, have_name;
	int		 head_ie;	/* 0.4+: the header has incomplete or
					   errored statistics */
	unsigned long	 nrows;		/* data rows read */
	unsigned long	 nambig;	/* 0.4+: rows that may be shifted */
	unsigned long	 ambig_line;	/* the first of them */
	char		 ambig_name[WI_NAME_MAX];
};

/*
 * Starts like a guidellm CSV, by the header: 1; -1 while what came is
 * the start of one (or of a byte-order mark); else 0.
 */
static int
csv_sniff(const char *p, size_t n, int final)
{
	static const char *const starts[] = { "Type,Run Id,", "Run Info," };
	size_t	i, len, k;
	int	rc = 0;

	if (n < 3 && memcmp(p, "\xef\xbb\xbf", n) == 0)
		return final ? 0 : -1;
	k = bom_len(p, n);
	p += k;
	n -= k;
	for (i = 0; i < 2; i++) {
		len = strlen(starts[i]);
		if (n >= len && memcmp(p, starts[i], len) == 0)
			return 1;
		if (n < len && memcmp(p, starts[i], n) == 0)
			rc = -1;
	}
	return final ? 0 : rc;
}

/* 0.2/0.3 metric columns: "Successful <name> mean|median|[...]". */
static const struct { const char *prefix; int group; } v02m[] = {
	{ "Successful Request latency ", BF_LAT },
	{ "Successful Time to first token ms ", BF_TTFT },
	{ "Successful Inter token latency ms ", BF_ITL },
	{ "Successful Time per output token ms ", BF_TPOT },
};

static const struct { const char *name; int field; } v02s[] = {
	{ "Successful Requests per second mean", BF_RPS },
	{ "Successful Request concurrency mean", BF_CONC },
	{ "Successful Output tokens per second mean", BF_OUT_TPS },
	{ "Successful Tokens per second mean", BF_TOT_TPS },
	{ "Successful Prompt token count mean", BF_PROMPT_TPR },
	{ "Successful Output token count mean", BF_OUTPUT_TPR },
	{ "Successful Requests", BF_COMPLETED },
	{ "Incomplete Requests", BF_INCOMPLETE },
	{ "Errored Requests", BF_ERRORED },
	{ "Duration", BF_DURATION },
};

int
csv_v02_column(const char *h, int *field)
{
	size_t	k, len;

	if (strcmp(h, "Name") == 0)
		return C_NAME;
	for (k = 0; k < sizeof(v02s) / sizeof(v02s[0]); k++)
		if (strcmp(h, v02s[k].name) == 0) {
			*field = v02s[k].field;
			return C_NUM;
		}
	for (k = 0; k < sizeof(v02m) / sizeof(v02m[0]); k++) {
		len = strlen(v02m[k].prefix);
		if (strncmp(h, v02m[k].prefix, len) != 0)
			continue;
		h += len;
		if (strcmp(h, "mean") == 0 || strcmp(h, "median") == 0) {
			*field = v02m[k].group +
			    (strcmp(h, "mean") == 0 ? ST_MEAN : ST_MEDIAN);
			return C_NUM;
		}
		if (h[0] == '[') {
			*field = v02m[k].group;
			return C_PCTL;
		}
		return -1;
	}
	return -1;
}

static void
map_v02(struct rc_ctx *c, size_t i, const char *h)
{
	c->col[i].scale = 1;
	c->col[i].kind = csv_v02_column(h, &c->col[i].field);
	c->have_name |= c->col[i].kind == C_NAME;
	c->have_itl |= c->col[i].kind == C_NUM &&
	    c->col[i].field == BF_ITL + ST_MEAN;
}

/* Whether s has word w, in any case. */
static int
has_word(const char *s, const char *w)
{
	size_t	n = strlen(w);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, w, n) == 0)
			return 1;
	return 0;
}

/*
 * guidellm 0.8 goodput columns (PR #1085), written after "Server
 * Throughput"/"Concurrency" only when objectives were set. The PR quotes
 * the condition but not the header words, so any "Server Throughput"
 * column naming goodput or attainment is taken, by its mean or its one
 * value; a percentage is made a share, as in the JSON report.
 */
static void
map_goodput(struct rc_ctx *c, size_t i)
{
	const char	*n = c->head[i][1], *u = c->head[i][2];

	if (strcmp(c->head[i][0], "Server Throughput") != 0 ||
	    (*u != '\0' && strcmp(u, "Mean") != 0 && strcmp(u, "%") != 0 &&
	    !has_word(u, "/sec")))
		return;
	if (has_word(n, "goodput"))
		c->col[i].field = BF_GOODPUT;
	else if (has_word(n, "attainment")) {
		c->col[i].field = BF_SLO_ATTAIN;
		c->col[i].scale = strcmp(u, "%") == 0 ? 0.01 : 1;
	} else
		return;
	c->col[i].kind = C_NUM;
}

/* 0.4+ columns by (group, name, unit). */
static void
map_v04(struct rc_ctx *c, size_t i)
{
	static const struct { const char *g, *n, *u; int kind, field; } m[] = {
		{ "Benchmark", "Strategy", "", C_TYPE, 0 },
		{ "Timings", "Duration", "Sec", C_NUM, BF_DURATION },
		{ "Request Counts", "Successful", "", C_NUM, BF_COMPLETED },
		{ "Request Counts", "Incomplete", "", C_NUM, BF_INCOMPLETE },
		{ "Request Counts", "Errored", "", C_NUM, BF_ERRORED },
		{ "Server Throughput", "Successful Requests/Sec", "Mean", C_NUM,
		    BF_RPS },
		{ "Server Throughput", "Successful Concurrency", "Mean", C_NUM,
		    BF_CONC },
		{ "Token Metrics", "Successful Input Tokens", "Mean", C_NUM,
		    BF_PROMPT_TPR },
		{ "Token Metrics", "Successful Output Tokens", "Mean", C_NUM,
		    BF_OUTPUT_TPR },
		{ "Token Throughput", "Successful Output Tokens/Sec", "Mean",
		    C_NUM, BF_OUT_TPS },
		{ "Token Throughput", "Successful Total Tokens/Sec", "Mean",
		    C_NUM, BF_TOT_TPS },
#define D(g, n, f) \
		{ g, n, "Mean", C_NUM, f + ST_MEAN }, \
		{ g, n, "Median", C_NUM, f + ST_MEDIAN }, \
		{ g, n, "Percentiles", C_PCTL, f }
		D("Request Latency", "Successful Sec", BF_LAT),
		D("Time to First Token", "Successful ms", BF_TTFT),
		D("Inter Token Latency", "Successful ms", BF_ITL),
		D("Time per Output Token", "Successful ms", BF_TPOT),
#undef D
	};
	size_t	k;

	c->col[i].kind = -1;
	c->col[i].scale = 1;
	for (k = 0; k < sizeof(m) / sizeof(m[0]); k++)
		if (strcmp(c->head[i][0], m[k].g) == 0 &&
		    strcmp(c->head[i][1], m[k].n) == 0 &&
		    strcmp(c->head[i][2], m[k].u) == 0) {
			c->col[i].kind = m[k].kind;
			c->col[i].field = m[k].field;
			c->have_name |= m[k].kind == C_TYPE;
			c->have_itl |= m[k].field == BF_ITL + ST_MEAN &&
			    m[k].kind == C_NUM;
			return;
		}
	map_goodput(c, i);
}

/* A Python float as csv.writer prints it; nan, inf and empty: none. */
int
csv_number(const char *s, double *x)
{
	char	*end;

	if (*s == '\0' || strcmp(s, "nan") == 0 || strcmp(s, "inf") == 0 ||
	    strcmp(s, "-inf") == 0 || strcmp(s, "N/A") == 0)
		return 0;
	if (strspn(s, "0123456789.eE+-") != strlen(s))
		return -1;
	*x = strtod(s, &end);
	if (*end != '\0' || end == s)
		return -1;
	return isfinite(*x) ? 1 : 0;
}

static int
cell_error(struct rc_ctx *c, const struct csv *v, size_t i, const char *what,
    struct wi_err *err)
{
	char	q[64], h[3][72];
	int	k;

	/* Header cells are input too: quoted, they stay on one line. */
	for (k = 0; k < 3; k++)
		wi_quote(h[k], sizeof(h[k]), c->head[i][k],
		    strlen(c->head[i][k]));
	if (c->layout == L_V02)
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "column %zu (%s) %s: %s", i + 1, h[0], what,
		    wi_quote(q, sizeof(q), v->f[i].s, v->f[i].n));
	else
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "column %zu (%s / %s / %s) %s: %s", i + 1, h[0], h[1], h[2],
		    what, wi_quote(q, sizeof(q), v->f[i].s, v->f[i].n));
	return -1;
}

/* "[min, p001, ..., p90, p95, p99, max]": p90 is the 8th. */
int
csv_percentiles(struct bench *b, int group, const char *s)
{
	double	v[11];
	char	*end;
	int	k = 0;

	if (*s++ != '[')
		return -1;
	for (k = 0; k < 11; k++) {
		while (*s == ' ')
			s++;
		v[k] = strtod(s, &end);
		if (end == s)
			return -1;
		s = end;
		while (*s == ' ')
			s++;
		if (*s != (k == 10 ? ']' : ','))
			return -1;
		s++;
	}
	bench_set_range(b, group, v[0], v[10]);
	if (isfinite(v[7]))
		bench_set(b, group + ST_P90, v[7]);
	if (isfinite(v[8]))
		bench_set(b, group + ST_P95, v[8]);
	if (isfinite(v[9]))
		bench_set(b, group + ST_P99, v[9]);
	return 0;
}

static int
name_v02(struct rc_ctx *c, struct bench *b, const struct csv *v, size_t i,
    struct wi_err *err)
{
	int	rc;

	if ((rc = bench_parse_name(b, v->f[i].s, v->f[i].n, err)) == 0)
		return cell_error(c, v, i, "is not a benchmark name", err);
	return rc == 1 ? 0 : -1;
}

static int
name_v04(struct rc_ctx *c, struct bench *b, const struct csv *v, size_t i,
    struct wi_err *err)
{
	unsigned long	rank;
	int		rc;

	if ((rc = re_exec(RE_G04_TYPE, v->f[i].s, v->f[i].n, NULL, err)) ==
	    -1)
		return -1;
	if (rc == 0)
		return cell_error(c, v, i, "is not a strategy type", err);
	b->type = strategy_from_name(v->f[i].s, v->f[i].n);
	rank = ++c->ranks[b->type];
	bench_rank_name(b, v->f[i].s, v->f[i].n, rank);
	return 0;
}

/*
 * 0.4+ rows: guidellm writes, for each metric, a statistics block per
 * request status that has any, under the first benchmark's header. A
 * header of "Successful" blocks only is that of a benchmark whose
 * requests all succeeded: a row as long as it has the same blocks, and
 * a longer one is laid out by in_csv05.c. A header with incomplete or
 * errored blocks leaves a row as long as it in doubt: its blocks may
 * belong to other metrics. Counts those rows.
 */
static void
shifted(struct rc_ctx *c, const struct csv *v, const struct bench *b)
{
	if (c->nrows++ == 0 || !c->head_ie || v->nf != c->ncols)
		return;
	if (c->nambig++ == 0) {
		c->ambig_line = v->rec_line;
		memcpy(c->ambig_name, b->name, sizeof(c->ambig_name));
	}
}

static int
data_row(struct rc_ctx *c, const struct csv *v, struct wi_err *err)
{
	struct bench	b;
	char		why[160];
	double		x;
	size_t		i, n;
	int		rc;

	if (v->nf != c->ncols && (c->layout != L_V04 || v->nf < c->ncols ||
	    c->blk0 == 0)) {
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "a row has %zu fields, the header %zu: the columns do "
		    "not line up (use the JSON report)", v->nf, c->ncols);
		return -1;
	}
	memset(&b, 0, sizeof(b));
	b.src = SRC_G_CSV;
	b.file = c->file;
	b.line = v->rec_line;
	/* A longer row: the columns before the statistics line up. */
	n = v->nf == c->ncols ? v->nf : c->blk0;
	for (i = 0; i < n; i++) {
		if (c->col[i].kind == -1)
			continue;
		if (v->f[i].cut)
			return cell_error(c, v, i, "is too long", err);
		switch (c->col[i].kind) {
		case C_NAME:
			if (name_v02(c, &b, v, i, err) == -1)
				return -1;
			break;
		case C_TYPE:
			if (name_v04(c, &b, v, i, err) == -1)
				return -1;
			break;
		case C_PCTL:
			if (v->f[i].n > 0 && csv_percentiles(&b, c->col[i].field,
			    v->f[i].s) == -1)
				return cell_error(c, v, i, "is not a list of "
				    "11 percentiles", err);
			break;
		default:
			if ((rc = csv_number(v->f[i].s, &x)) == -1)
				return cell_error(c, v, i, "is not a number",
				    err);
			if (rc == 1) {
				bench_set(&b, c->col[i].field,
				    x * c->col[i].scale);
				if (i < 65535)	/* else no column in messages */
					b.col[c->col[i].field] =
					    (unsigned short)(i + 1);
			}
		}
	}
	if (n < v->nf && csv05_layout(v, c->blk0, c->nmetric, &b, why, sizeof(why)) ==
	    -1) {
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "a row has %zu fields, the header %zu, and cannot be laid "
		    "out: %s", v->nf, c->ncols, why);
		return -1;
	}
	if (!bench_has(&b, BF_ITL + ST_MEAN)) {
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "benchmark %s has no ITL mean", b.name);
		return -1;
	}
	if (c->layout == L_V04)
		shifted(c, v, &b);
	return benchset_add(c->set, &b, c->w, err);
}

static int
header_done(struct rc_ctx *c, const struct csv *v, struct wi_err *err)
{
	if (!c->have_name || !c->have_itl) {
		wi_seterr(err, WI_EINPUT, c->file, v->rec_line, "guidellm CSV: "
		    "the header has no %s column", c->have_name ?
		    "ITL mean" : c->layout == L_V02 ? "Name" : "Strategy");
		return -1;
	}
	return 0;
}

static int
record(void *ctx, const struct csv *v, struct wi_err *err)
{
	struct rc_ctx	*c = ctx;
	size_t		 i;

	if (v->nrec == 1) {
		c->layout = strcmp(v->f[0].s, "Type") == 0 ? L_V02 : L_V04;
		c->ncols = v->nf;
		/* The column maps take the header's width. */
		c->col = calloc(v->nf, sizeof(*c->col));
		c->head = calloc(v->nf, sizeof(*c->head));
		if (c->col == NULL || c->head == NULL) {
			wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
			return -1;
		}
	}
	if (c->layout == L_V02 && v->nrec == 1) {
		for (i = 0; i < v->nf; i++) {
			snprintf(c->head[i][0], sizeof(c->head[i][0]), "%.63s",
			    v->f[i].s);
			map_v02(c, i, v->f[i].s);
		}
		return header_done(c, v, err);
	}
	if (c->layout == L_V04 && c->nhead < 3) {
		if (v->nf != c->ncols) {
			wi_seterr(err, WI_EINPUT, c->file, v->rec_line,
			    "guidellm CSV: header rows differ in length");
			return -1;
		}
		for (i = 0; i < v->nf; i++)
			snprintf(c->head[i][c->nhead], sizeof(c->head[i][0]),
			    "%.63s", v->f[i].s);
		if (++c->nhead < 3)
			return 0;
		for (i = 0; i < v->nf; i++)
			map_v04(c, i);
		/* Rows longer than this header are laid out from here. */
		for (i = 0; i < v->nf; i++)
			if (strcmp(c->head[i][2], "Mean") == 0 &&
			    strncmp(c->head[i][1], "Successful ", 11) == 0 &&
			    (c->nmetric++ == 0))
				c->blk0 = i;
		for (i = 0; i < v->nf; i++)
			if (strcmp(c->head[i][2], "Mean") == 0 &&
			    (strncmp(c->head[i][1], "Incomplete ", 11) == 0 ||
			    strncmp(c->head[i][1], "Errored ", 8) == 0))
				c->head_ie = 1;
		return header_done(c, v, err);
	}
	return data_row(c, v, err);
}

static int
feed(void *v, const char *p, size_t n, struct wi_err *err)
{
	return csv_feed(v, p, n, err);
}

/* The rank of each 0.4+ row name, counted in each input. */
static void *
csv_new(void)
{
	return calloc(S_OTHER + 1, sizeof(unsigned long));
}

static int
csv_read(void *ranks, struct lr *r, struct benchset *set,
    const struct wi_warn *w, struct wi_err *err)
{
	struct rc_ctx	 c;
	struct csv	 v;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.file = r->name;
	c.set = set;
	c.w = w;
	c.ranks = ranks;
	memset(ranks, 0, (S_OTHER + 1) * sizeof(unsigned long));
	if (csv_init(&v, r->name, record, &c, err) == -1)
		return -1;
	if ((rc = lr_feed_all(r, feed, &v, err)) == 0)
		rc = csv_finish(&v, err);
	if (rc == 0 && (v.nrec <= (c.layout == L_V04 ? 3U : 1U))) {
		wi_seterr(err, WI_EINPUT, r->name, v.line,
		    "guidellm CSV: no benchmark rows");
		rc = -1;
	}
	if (rc == 0 && c.nambig > 0)
		wi_notef(w, r->name, c.ambig_line, "benchmark %s%s has as "
		    "many columns as the header, whose incomplete or errored "
		    "statistics may be of other metrics in its row: some "
		    "guidellm 0.4+ versions write them so, and wva-itl cannot "
		    "tell; the JSON report is safer", c.ambig_name,
		    c.nambig > 1 ? " (and the rows after it)" : "");
	csv_free(&v);
	free(c.col);
	free(c.head);
	return rc;
}

const struct in_report in_csv = {
	"csv", "guidellm CSV", csv_sniff, csv_new, free, csv_read
};
