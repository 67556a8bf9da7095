/*
 * in_csv05.c: lay out a guidellm 0.5 CSV row longer than its header.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "in_csv05.h"

#define NBLK_MAX	512	/* blocks looked at in a row */
#define NODES_MAX	(1L << 20)	/* layouts tried before giving up */

/* The metrics in the order guidellm 0.5 writes them. */
enum metric { M_LAT, M_ITER, M_TTFT, M_TPOT, M_ITL, M_RPS, M_CONC, M_IN,
	M_OUT, M_TOT, M_INS, M_OUTS, M_TOTS, M_OPI, M_IPI, M__COUNT };

/*
 * PER: one value per request; INT: whole numbers; POS: above 0 when
 * successful; CNT: at most the requests of the status (the number of
 * them in flight at once).
 */
#define PER	1
#define INT	2
#define POS	4
#define CNT	8

static const int mflags[M__COUNT] = {
	PER | POS, PER | INT | POS, PER | POS, PER | POS, PER | POS, 0,
	INT | CNT, PER | INT | POS, PER | INT | POS, PER | INT | POS, 0, 0, 0,
	0, 0
};

struct block {
	double	mean, median, sd, p[11];	/* min, p001, ..., p99, max */
};

enum status { ST_S, ST_I, ST_E };

struct lay {
	const struct block *blk;
	size_t	 nblk;
	double	 count[3];		/* requests by status */
	double	 duration;
	int	 has_duration;
	size_t	 pos[M__COUNT];		/* the successful block of each */
	int	 opt[M__COUNT];		/* and its statuses, an index of opts */
	size_t	 found[M__COUNT];	/* of the first layout that fits */
	size_t	 nmod;			/* modality metrics after them */
	char	*modok;			/* [j * (nblk + 1) + p]: see modality */
	long	 nfound, nodes;
	int	 ambiguous;
};

/* "[a, b, ...]" of 11 numbers. */
static int
plist(const char *s, double p[11])
{
	char	*end;
	int	 k;

	if (*s++ != '[')
		return -1;
	for (k = 0; k < 11; k++) {
		p[k] = strtod(s, &end);
		if (end == s)
			return -1;
		for (s = end; *s == ' '; s++)
			continue;
		if (*s++ != (k == 10 ? ']' : ','))
			return -1;
	}
	return *s == '\0' ? 0 : -1;
}

static int
num(const struct csv_field *f, double *x)
{
	char	*end;

	if (f->cut || f->n == 0)
		return -1;
	*x = strtod(f->s, &end);
	return *end == '\0' ? 0 : -1;
}

/* The blocks from column i on, up to the first cell that is none. */
static size_t
blocks(const struct csv *v, size_t i, struct block *b)
{
	size_t	n = 0;

	for (; n < NBLK_MAX && i + 3 < v->nf && !v->f[i + 3].cut &&
	    num(&v->f[i], &b[n].mean) == 0 &&
	    num(&v->f[i + 1], &b[n].median) == 0 &&
	    num(&v->f[i + 2], &b[n].sd) == 0 &&
	    plist(v->f[i + 3].s, b[n].p) == 0; i += 4)
		n++;
	return n;
}

/* Does block b fit metric m and status st? */
static int
fits(const struct lay *l, const struct block *b, int m, enum status st)
{
	double	n = l->count[st];
	int	k, distinct = 1, fl;

	/* Modality metrics (text tokens, words, ...) are counts; their
	 * totals mix the input and output values of a request. */
	fl = m < M__COUNT ? mflags[m] : INT;
	if ((fl & INT))
		for (k = 0; k < 11; k++)
			if (b->p[k] != floor(b->p[k]))
				return 0;
	if ((fl & CNT) && !(b->p[10] <= n))
		return 0;
	if (!(fl & PER))
		return 1;
	if (st == ST_S && (fl & POS) && !(b->p[0] > 0))
		return 0;
	for (k = 1; k < 11; k++)
		distinct += b->p[k] != b->p[k - 1];
	if (distinct > n)
		return 0;
	return n != 1 || (b->sd == 0 && b->p[0] == b->p[10]);
}

static int
near(double a, double b, double tol)
{
	double	m = fmax(fabs(a), fabs(b));

	return m == 0 || fabs(a - b) <= tol * m;
}

/*
 * The statuses a metric's blocks may have, in the order written: option
 * o holds statuses SMASK(o) (S 1, I 2, E 4).
 */
static const enum status opts[4][3] = { { ST_S }, { ST_S, ST_I },
    { ST_S, ST_E }, { ST_S, ST_I, ST_E } };
static const int optlen[4] = { 1, 2, 2, 3 };
#define SMASK(o)	(1 | (o) << 1)

/* The mean of status st's block of placed metric k; 0 where it has none. */
static double
smean(const struct lay *l, int k, enum status st)
{
	int	m = SMASK(l->opt[k]);

	if (!(m & 1 << st))
		return 0;
	return l->blk[l->pos[k] + (st == ST_S ? 0 : st == ST_I ? 1 :
	    1 + ((m & 2) != 0))].mean;
}

/* Has a a block for each status b has one for, bar one-request ones? */
static int
covers(const struct lay *l, int a, int b)
{
	int	st;

	for (st = ST_S; st <= ST_E; st++)
		if ((b & 1 << st) && !(a & 1 << st) && l->count[st] >= 2)
			return 0;
	return 1;
}

/*
 * The totals of every status: a request's total tokens are its input
 * plus its output tokens, so each status has a total block where it has
 * an input or an output block, and that block's mean is the sum of
 * theirs (guidellm writes a block whose values sum to 0 not at all).
 */
static int
totals(const struct lay *l)
{
	int	st;

	if (SMASK(l->opt[M_TOT]) != (SMASK(l->opt[M_IN]) |
	    SMASK(l->opt[M_OUT])))
		return 0;
	for (st = ST_S; st <= ST_E; st++)
		if ((SMASK(l->opt[M_TOT]) & 1 << st) &&
		    !near(smean(l, M_TOT, st), smean(l, M_IN, st) +
		    smean(l, M_OUT, st), 1e-9))
			return 0;
	return 1;
}

/*
 * Which statuses have blocks, as guidellm's arithmetic ties them: the
 * output tokens weigh TPOT and are the events of the output token rate
 * and the values of the output tokens per iteration, so the four have
 * blocks for the same statuses; the input token rate has them where the
 * input tokens do, and the total rate where either rate does. A rate
 * over the one event of a status of one request is none, hence covers().
 */
static int
statuses(const struct lay *l, int m)
{
#define S(k)	SMASK(l->opt[k])
	switch (m) {
	case M_TOT:	/* TPOT, OUT placed */
		return S(M_TPOT) == S(M_OUT);
	case M_OUTS:	/* INS placed */
		return (S(M_INS) & ~S(M_IN)) == 0 && covers(l, S(M_INS),
		    S(M_IN));
	case M_TOTS:
		return (S(M_OUTS) & ~S(M_OUT)) == 0 && covers(l, S(M_OUTS),
		    S(M_OUT));
	case M_OPI:
		return ((S(M_INS) | S(M_OUTS)) & ~S(M_TOTS)) == 0 &&
		    covers(l, S(M_INS) | S(M_OUTS), S(M_TOTS));
	case M_IPI:
		return S(M_OPI) == S(M_OUT);
	default:
		return 1;
	}
#undef S
}

/*
 * The identities that hold once the metrics before m are placed: between
 * the successful means, and between the blocks of each status (totals,
 * statuses). Checked as early as they can be, so that few layouts are
 * tried.
 */
static int
consistent(const struct lay *l, int m)
{
#define MEAN(k)	(l->blk[l->pos[k]].mean)
	if (!statuses(l, m))
		return 0;
	switch (m) {
	case M_CONC:
		return !l->has_duration || !(l->duration > 0) ||
		    near(MEAN(M_RPS), l->count[ST_S] / l->duration, 0.03);
	case M_IN:
		return near(MEAN(M_CONC), MEAN(M_RPS) * MEAN(M_LAT), 0.03);
	case M_TOT:
		return near(MEAN(M_TPOT) * MEAN(M_OUT), MEAN(M_LAT) * 1000,
		    1e-3) && near(MEAN(M_ITL) * (MEAN(M_OUT) - 1),
		    MEAN(M_LAT) * 1000 - MEAN(M_TTFT), 1e-3);
	case M_INS:
		return totals(l);
	case M_TOTS:
		return near(MEAN(M_OUTS), MEAN(M_RPS) * MEAN(M_OUT), 0.03);
	case M_OPI:
		return near(MEAN(M_TOTS), MEAN(M_RPS) * MEAN(M_TOT), 0.03);
	default:
		return 1;
	}
#undef MEAN
}

/* Do two layouts place the statistics read in the same blocks? */
static int
same_read(const size_t *a, const size_t *b)
{
	static const int read[] = { M_LAT, M_TTFT, M_TPOT, M_ITL, M_RPS,
	    M_CONC, M_IN, M_OUT, M_OUTS, M_TOTS };
	size_t	k;

	for (k = 0; k < sizeof(read) / sizeof(read[0]); k++)
		if (a[read[k]] != b[read[k]])
			return 0;
	return 1;
}

/*
 * Can the modality metrics j and after fill blocks p to the last? For
 * every j and p at once, from the last metric back: metric j takes 1 to
 * 3 blocks by the same rule as the others.
 */
static int
modality(struct lay *l)
{
	size_t	 w = l->nblk + 1, p, j;
	int	 o, k;

	if ((l->modok = calloc((l->nmod + 1) * w, 1)) == NULL)
		return -1;
	l->modok[l->nmod * w + l->nblk] = 1;
	for (j = l->nmod; j-- > 0; )
		for (p = 0; p < l->nblk; p++)
			for (o = 0; o < 4; o++) {
				if (((o & 1) && l->count[ST_I] <= 0) ||
				    ((o & 2) && l->count[ST_E] <= 0) ||
				    p + (size_t)optlen[o] > l->nblk ||
				    !l->modok[(j + 1) * w + p + optlen[o]])
					continue;
				for (k = 0; k < optlen[o]; k++)
					if (!fits(l, &l->blk[p + k], M__COUNT,
					    opts[o][k]))
						break;
				if (k == optlen[o])
					l->modok[j * w + p] = 1;
			}
	return 0;
}

/* Metric m and those after it from block p on, to the last block. */
static void
place(struct lay *l, int m, size_t p)
{
	int	o, k;

	if (l->ambiguous || ++l->nodes > NODES_MAX || !consistent(l, m))
		return;
	if (m == M__COUNT) {
		if (!l->modok[p])
			return;
		if (l->nfound++ == 0)
			memcpy(l->found, l->pos, sizeof(l->found));
		else if (!same_read(l->found, l->pos))
			l->ambiguous = 1;
		return;
	}
	for (o = 0; o < 4; o++) {
		if (((o & 1) && l->count[ST_I] <= 0) ||
		    ((o & 2) && l->count[ST_E] <= 0) ||
		    p + (size_t)optlen[o] > l->nblk)
			continue;
		for (k = 0; k < optlen[o]; k++)
			if (!fits(l, &l->blk[p + k], m, opts[o][k]))
				break;
		if (k < optlen[o])
			continue;
		l->pos[m] = p;
		l->opt[m] = o;
		place(l, m + 1, p + (size_t)optlen[o]);
	}
}

static void
stats(struct bench *b, int group, const struct block *k)
{
	bench_set(b, group + ST_MEAN, k->mean);
	bench_set(b, group + ST_MEDIAN, k->median);
	bench_set(b, group + ST_P90, k->p[7]);
	bench_set(b, group + ST_P95, k->p[8]);
	bench_set(b, group + ST_P99, k->p[9]);
	bench_set_range(b, group, k->p[0], k->p[10]);
}

int
csv05_layout(const struct csv *v, size_t blk0, size_t nmetric,
    struct bench *b, char *why, size_t whysz)
{
	struct lay	 l;
	struct block	*blk;
	const struct block *f;
	char		 ns[FMT_NUM_MAX], ni[FMT_NUM_MAX], ne[FMT_NUM_MAX];

	memset(&l, 0, sizeof(l));
	if (!bench_has(b, BF_COMPLETED) || !bench_has(b, BF_INCOMPLETE) ||
	    !bench_has(b, BF_ERRORED)) {
		snprintf(why, whysz, "it has no request counts to lay it "
		    "out by");
		return -1;
	}
	if (nmetric < M__COUNT || nmetric > NBLK_MAX) {
		snprintf(why, whysz, "its header has %zu statistics, not "
		    "guidellm 0.5's", nmetric);
		return -1;
	}
	l.nmod = nmetric - M__COUNT;
	l.count[ST_S] = b->v[BF_COMPLETED];
	l.count[ST_I] = b->v[BF_INCOMPLETE];
	l.count[ST_E] = b->v[BF_ERRORED];
	l.has_duration = bench_has(b, BF_DURATION);
	l.duration = b->v[BF_DURATION];
	if ((blk = calloc(NBLK_MAX, sizeof(*blk))) == NULL) {
		snprintf(why, whysz, "out of memory");
		return -1;
	}
	l.blk = blk;
	l.nblk = blocks(v, blk0, blk);
	if (modality(&l) == -1) {
		snprintf(why, whysz, "out of memory");
		free(blk);
		return -1;
	}
	place(&l, 0, 0);
	free(l.modok);
	if (l.nfound == 0 || l.ambiguous || l.nodes > NODES_MAX) {
		snprintf(why, whysz, "its %zu statistics blocks (%s "
		    "successful, %s incomplete, %s errored requests) %s",
		    l.nblk, fmt_dec(ns, l.count[ST_S], 0),
		    fmt_dec(ni, l.count[ST_I], 0), fmt_dec(ne, l.count[ST_E], 0),
		    l.nodes > NODES_MAX ? "have too many layouts to try" :
		    l.nfound == 0 ? "fit no layout guidellm 0.5 writes" :
		    "fit more than one layout");
		free(blk);
		return -1;
	}
	f = blk;
	stats(b, BF_LAT, &f[l.found[M_LAT]]);
	stats(b, BF_TTFT, &f[l.found[M_TTFT]]);
	stats(b, BF_TPOT, &f[l.found[M_TPOT]]);
	stats(b, BF_ITL, &f[l.found[M_ITL]]);
	bench_set(b, BF_RPS, f[l.found[M_RPS]].mean);
	bench_set(b, BF_CONC, f[l.found[M_CONC]].mean);
	bench_set(b, BF_PROMPT_TPR, f[l.found[M_IN]].mean);
	bench_set(b, BF_OUTPUT_TPR, f[l.found[M_OUT]].mean);
	bench_set(b, BF_OUT_TPS, f[l.found[M_OUTS]].mean);
	bench_set(b, BF_TOT_TPS, f[l.found[M_TOTS]].mean);
	free(blk);
	return 0;
}
