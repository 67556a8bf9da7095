/*
 * metrics_gen.c: the /metrics of simulated vLLM pods, for the tests
 * (tests/metrics.sh) and make bench (bench/metrics.sh).
 *
 * Each pod is a server of the queueing model (src/qmodel.h) with known
 * alpha, beta, gamma; its arrival rate swings between two fractions of
 * the most it completes, a cosine of period half the run, each pod's
 * phase its own. Every INTERVAL seconds the requests it completed come
 * from a Poisson draw at that rate, their TTFT, ITL, latency and tokens
 * the model's means times a noise that shrinks as 1/sqrt(requests) (a
 * mean of that many), and the counters and histograms (buckets by an
 * exponential law) are written as vLLM v0.26 exposes them: per engine,
 * request_success_total by finish reason (1% aborted), running and
 * waiting gauges the model's batch and queue.
 *
 *	metrics_gen [-AeOr] [-f text|labels|om|range] [-p PODS]
 *	    [-d SECONDS] [-i INTERVAL] [-s SEED] [-P ALPHA,BETA,GAMMA]
 *	    [-b MAXBATCH] [-t IN,OUT] [-l LO,HI] [-E ENGINES] [-n NOISE]
 *	    [-F FAMILIES]
 *
 *	-f text    "# Timestamp:" and "# Pod:" before each pod's page, as
 *	           llm-d-benchmark's collect_metrics.sh (the default)
 *	   labels  one page of all pods a scrape, pod labels, timestamps
 *	           in ms on the samples, nothing between pages
 *	   om      OpenMetrics: pod labels, counters declared without
 *	           _total, _created samples, timestamps in s, "# EOF"
 *	   range   Prometheus query_range JSON of the raw series
 *	-A         the llm-d scheduler's attempts (arrivals) by pod_name
 *	-e         events: pod 0 restarts at 40% (absent two scrapes), pod 1
 *	           misses ten scrapes at 60%, pod 2's queue grows for four
 *	           minutes at 20%, pod 3 is almost idle six minutes at 80%
 *	-O         the ITL histogram by its name before 2026
 *	           (time_per_output_token_seconds)
 *	-F FILE    also every family of a vLLM family list (name type per
 *	           line) with filler values, for a page of real size
 *
 * Deterministic for a seed. Prints the true parameters on stderr.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "qmodel.h"

#define MAXPODS		64
#define MAXFAM		128
#define MODEL		"meta-llama/Llama-3.1-8B-Instruct"

static const double le_ttft[] = { 0.001, 0.005, 0.01, 0.02, 0.04, 0.06,
	0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0,
	80.0, 160.0, 640.0, 2560.0 };
static const double le_itl[] = { 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,
	0.3, 0.4, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0, 20.0, 40.0, 80.0 };
static const double le_lat[] = { 0.3, 0.5, 0.8, 1.0, 1.5, 2.0, 2.5, 5.0,
	10.0, 15.0, 20.0, 30.0, 40.0, 50.0, 60.0, 120.0, 240.0, 480.0, 960.0,
	1920.0, 7680.0 };
static const double le_tok[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000,
	2000, 5000 };

enum { H_TTFT, H_ITL, H_RITL, H_E2E, H_IN, H_OUT, NH };

static const struct {
	const char	*name;
	const double	*le;
	int		 nle;
} hdef[NH] = {
	{ "time_to_first_token_seconds", le_ttft, 22 },
	{ "inter_token_latency_seconds", le_itl, 19 },
	{ "request_time_per_output_token_seconds", le_itl, 19 },
	{ "e2e_request_latency_seconds", le_lat, 21 },
	{ "request_prompt_tokens", le_tok, 12 },
	{ "request_generation_tokens", le_tok, 12 },
};

struct hist {
	double	sum, count, b[32];
};

struct eng {
	double		 stop, length, abort;
	struct hist	 h[NH];
	double		 running, waiting;
};

struct pod {
	char		 name[64];
	double		 phase;
	struct eng	 e[4];
	double		 arrive;
	double		 created;
	int		 down;		/* scrapes left absent */
	double		 queue;		/* the queue's excess (event) */
};

static struct {
	char		 fmt[8];
	int		 pods, engines, events, arrivals, old;
	double		 dur, interval, noise, lo, hi, t0;
	struct qparams	 p;
	struct qserver	 s;
	struct qshape	 shape;
	uint64_t	 rng;
	char		*fam[MAXFAM], *famtype[MAXFAM];
	int		 nfam;
} g = { "text", 2, 1, 0, 0, 0, 3600, 15, 1, 0.05, 0.85, 1780000000,
	{ 6, 0.03, 5e-5 }, { 256, 8192, 256, QV_0_7 }, { 1500, 200 },
	0x9e3779b97f4a7c15ULL, { 0 }, { 0 }, 0 };

static struct pod	pods[MAXPODS];
static double		mu_max;

/* ------------------------------------------------------------ random */

static double
unif(void)
{
	g.rng ^= g.rng >> 12;
	g.rng ^= g.rng << 25;
	g.rng ^= g.rng >> 27;
	return ((g.rng * 2685821657736338717ULL) >> 11) * (1.0 / 9007199254740992.0);
}

static double
gauss(void)
{
	double	u = unif(), v = unif();

	return sqrt(-2 * log(u + 1e-300)) * cos(2 * M_PI * v);
}

static double
poisson(double m)
{
	double	l, p = 1;
	int	k = 0;

	if (m <= 0)
		return 0;
	if (m > 50)
		return fmax(0, floor(m + sqrt(m) * gauss() + 0.5));
	l = exp(-m);
	do {
		k++;
		p *= unif();
	} while (p > l);
	return k - 1;
}

/* ------------------------------------------------------------ model */

/* The arrival rate of pod k at time t (seconds from the start). */
static double
load(int k, double t)
{
	double	frac;

	frac = g.lo + (g.hi - g.lo) * (1 - cos(2 * M_PI * t / (g.dur / 2) +
	    pods[k].phase)) / 2;
	if (g.events && k == 3 % g.pods && t >= 0.8 * g.dur &&
	    t < 0.8 * g.dur + 360)
		return 0.02;
	return frac * mu_max;
}

static void
observe(struct hist *h, int which, double n, double mean, double cv)
{
	double	m, f;
	int	i;

	if (n <= 0)
		return;
	m = mean * (1 + g.noise * cv * gauss() / sqrt(n));
	h->sum += n * m;
	h->count += n;
	for (i = 0; i < hdef[which].nle; i++) {
		f = 1 - exp(-hdef[which].le[i] / mean);
		h->b[i] += floor(n * f + 0.5);
	}
}

/* One scrape interval of pod k, ending at t. */
static void
step(int k, double t)
{
	struct pod	*p = &pods[k];
	struct eng	*e;
	struct qperf	 pf;
	double		 lam = load(k, t - g.t0 - g.interval / 2), c, ab, itl, ttft,
			 steps;
	int		 i;

	if (qmodel_eval(&g.p, &g.s, &g.shape, lam, &pf) == -1) {
		fprintf(stderr, "metrics_gen: the model fails at %g req/s\n",
		    lam);
		exit(1);
	}
	p->arrive += poisson(lam * g.interval);
	for (i = 0; i < g.engines; i++) {
		e = &p->e[i];
		c = poisson(pf.thr * g.interval / g.engines);
		ab = floor(c * 0.01 + unif());
		ab = fmin(ab, c);
		e->stop += floor((c - ab) * 0.9 + 0.5);
		e->length += (c - ab) - floor((c - ab) * 0.9 + 0.5);
		e->abort += ab;
		ttft = pf.ttft / 1000;
		itl = pf.itl / 1000;
		steps = c * (g.shape.out_tokens - 1);
		observe(&e->h[H_TTFT], H_TTFT, c, ttft, 0.5);
		observe(&e->h[H_ITL], H_ITL, steps, itl, 0.2 * sqrt(steps /
		    fmax(c, 1)));
		observe(&e->h[H_RITL], H_RITL, c, itl, 0.2);
		observe(&e->h[H_E2E], H_E2E, c, ttft + (g.shape.out_tokens -
		    1) * itl, 0.3);
		observe(&e->h[H_IN], H_IN, c, g.shape.in_tokens, 0.3);
		observe(&e->h[H_OUT], H_OUT, c, g.shape.out_tokens, 0.3);
		e->running = fmax(0, pf.batch / g.engines * (1 + 0.2 *
		    g.noise * gauss()));
		e->waiting = fmax(0, (pf.nsys - pf.batch) / g.engines) +
		    p->queue;
	}
}

/* ------------------------------------------------------------ pages */

static const char *
hname(int h)
{
	return h == H_ITL && g.old ? "time_per_output_token_seconds" :
	    hdef[h].name;
}

/* The labels of pod k, engine i, and one more (le, a reason). */
static void
lbl(int k, int i, const char *key, const char *val)
{
	printf("{");
	if (strcmp(g.fmt, "text") != 0)
		printf("pod=\"%s\",", pods[k].name);
	printf("engine=\"%d\",model_name=\"" MODEL "\"", i);
	if (key != NULL)
		printf(",%s=\"%s\"", key, val);
	printf("}");
}

/* A sample's value, and its timestamp where the format has one. */
static void
val(double v, double t)
{
	if (strcmp(g.fmt, "labels") == 0)
		printf(" %.17g %.0f\n", v, t * 1000);
	else if (strcmp(g.fmt, "om") == 0)
		printf(" %.17g %.3f\n", v, t);
	else
		printf(" %.17g\n", v);
}

static void
head(const char *name, const char *type, const char *help)
{
	printf("# HELP %s %s\n# TYPE %s %s\n", name, help, name, type);
}

static void
counter(int k, const char *name, const char *help, const double *v,
    const char *key, const char *const *vals, int nv, double t)
{
	int	i, j, om = strcmp(g.fmt, "om") == 0;

	if (om)
		head(name, "counter", help);
	else {
		printf("# HELP %s_total %s\n# TYPE %s_total counter\n", name,
		    help, name);
	}
	for (i = 0; i < g.engines; i++)
		for (j = 0; j < nv; j++) {
			printf("%s_total", name);
			lbl(k, i, key, vals != NULL ? vals[j] : NULL);
			val(v[i * nv + j], t);
			if (om) {
				printf("%s_created", name);
				lbl(k, i, key, vals != NULL ? vals[j] : NULL);
				val(pods[k].created, t);
			}
		}
}

static void
histogram(int k, int h, double t)
{
	char	name[128], le[32];
	int	i, b;

	snprintf(name, sizeof(name), "vllm:%s", hname(h));
	head(name, "histogram", "Histogram of the request's values.");
	for (i = 0; i < g.engines; i++) {
		const struct hist *x = &pods[k].e[i].h[h];

		for (b = 0; b < hdef[h].nle; b++) {
			snprintf(le, sizeof(le), "%g", hdef[h].le[b]);
			if (strchr(le, '.') == NULL && strchr(le, 'e') == NULL)
				strcat(le, ".0");
			printf("%s_bucket", name);
			lbl(k, i, "le", le);
			val(fmin(x->b[b], x->count), t);
		}
		printf("%s_bucket", name);
		lbl(k, i, "le", "+Inf");
		val(x->count, t);
		printf("%s_count", name);
		lbl(k, i, NULL, NULL);
		val(x->count, t);
		printf("%s_sum", name);
		lbl(k, i, NULL, NULL);
		val(x->sum, t);
		if (strcmp(g.fmt, "om") == 0) {
			printf("%s_created", name);
			lbl(k, i, NULL, NULL);
			val(pods[k].created, t);
		}
	}
}

/* The families of the -F list that are not simulated, with filler. */
static void
filler(int k, double t)
{
	double	x = (t - g.t0) / 15;
	int	f, i, b;

	for (f = 0; f < g.nfam; f++) {
		const char *n = g.fam[f], *ty = g.famtype[f];

		if (strstr(n, "request_success") || strstr(n, "num_requests_r") ||
		    strcmp(n, "vllm:num_requests_waiting") == 0)
			continue;
		for (i = 0; i < NH; i++)
			if (strcmp(n + 5, hdef[i].name) == 0 ||
			    strcmp(n + 5, "time_per_output_token_seconds") == 0)
				break;
		if (i < NH)
			continue;
		if (strcmp(ty, "counter") == 0) {
			double v[4] = { x, x, x, x };
			char base[128];

			snprintf(base, sizeof(base), "%.*s", (int)(strlen(n) -
			    (strstr(n, "_total") ? 6 : 0)), n);
			counter(k, base, "Filler.", v, NULL, NULL, 1, t);
		} else if (strcmp(ty, "gauge") == 0) {
			head(n, "gauge", "Filler.");
			for (i = 0; i < g.engines; i++) {
				printf("%s", n);
				lbl(k, i, NULL, NULL);
				val(1, t);
			}
		} else if (strcmp(ty, "histogram") == 0) {
			head(n, "histogram", "Filler.");
			for (i = 0; i < g.engines; i++) {
				for (b = 0; b < 12; b++) {
					char le[32];

					snprintf(le, sizeof(le), "%g.0",
					    le_tok[b]);
					printf("%s_bucket", n);
					lbl(k, i, "le", le);
					val(x, t);
				}
				printf("%s_bucket", n);
				lbl(k, i, "le", "+Inf");
				val(x, t);
				printf("%s_count", n);
				lbl(k, i, NULL, NULL);
				val(x, t);
				printf("%s_sum", n);
				lbl(k, i, NULL, NULL);
				val(x * 3, t);
			}
		}
	}
}

static void
iso(double t)
{
	time_t	s = (time_t)t;
	struct tm tm;
	char	buf[64];

	gmtime_r(&s, &tm);
	strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%S+0000", &tm);
	printf("%s", buf);
}

static void
page(int k, double t)
{
	static const char *const reasons[] = { "stop", "length", "abort" };
	double	 v[12];
	int	 i, h;

	if (strcmp(g.fmt, "text") == 0) {
		printf("# Timestamp: ");
		iso(t);
		printf("\n# Pod: %s\n# PodIP: 10.0.0.%d\n# Source: "
		    "prometheus_metrics\n\n", pods[k].name, k + 1);
	}
	head("vllm:num_requests_running", "gauge", "Number of requests in "
	    "model execution batches.");
	for (i = 0; i < g.engines; i++) {
		printf("vllm:num_requests_running");
		lbl(k, i, NULL, NULL);
		val(floor(pods[k].e[i].running + 0.5), t);
	}
	head("vllm:num_requests_waiting", "gauge", "Number of requests "
	    "waiting to be processed.");
	for (i = 0; i < g.engines; i++) {
		printf("vllm:num_requests_waiting");
		lbl(k, i, NULL, NULL);
		val(floor(pods[k].e[i].waiting + 0.5), t);
	}
	for (i = 0; i < g.engines; i++) {
		v[3 * i] = pods[k].e[i].stop;
		v[3 * i + 1] = pods[k].e[i].length;
		v[3 * i + 2] = pods[k].e[i].abort;
	}
	counter(k, "vllm:request_success", "Count of successfully processed "
	    "requests.", v, "finished_reason", reasons, 3, t);
	for (h = 0; h < NH; h++)
		histogram(k, h, t);
	filler(k, t);
	if (strcmp(g.fmt, "om") == 0)
		printf("# EOF\n");
	else if (strcmp(g.fmt, "text") == 0)
		printf("\n");
}

/* The scheduler's page: its attempts, by the pod each went to. */
static void
epp_page(double t)
{
	int	k;

	if (strcmp(g.fmt, "text") == 0) {
		printf("# Timestamp: ");
		iso(t);
		printf("\n# Pod: epp-0\n# Source: epp_prometheus_metrics\n\n");
	}
	head("inference_extension_scheduler_attempts_total", "counter",
	    "Number of scheduling attempts.");
	for (k = 0; k < g.pods; k++) {
		printf("inference_extension_scheduler_attempts_total{"
		    "pod_name=\"%s\",status=\"success\"}", pods[k].name);
		val(pods[k].arrive, t);
	}
	if (strcmp(g.fmt, "om") == 0)
		printf("# EOF\n");
}

/* ------------------------------------------------------------ range */

enum { C_STOP, C_LENGTH, C_ABORT, C_RUN, C_WAIT, C_H };	/* + 2 per hist */
#define NCOL	(C_H + 2 * NH)

static double	*hist_v;	/* [scrape][pod][engine][NCOL] */
static double	*hist_arr;	/* [scrape][pod] */
static unsigned char *hist_up;	/* [scrape][pod] */
static int	 nscrape;

static double *
cell(int s, int k, int i)
{
	return hist_v + (((size_t)s * g.pods + k) * g.engines + i) * NCOL;
}

static void
keep(int s, int k)
{
	int	i, h;

	hist_up[(size_t)s * g.pods + k] = 1;
	hist_arr[(size_t)s * g.pods + k] = pods[k].arrive;
	for (i = 0; i < g.engines; i++) {
		double *c = cell(s, k, i);
		const struct eng *e = &pods[k].e[i];

		c[C_STOP] = e->stop;
		c[C_LENGTH] = e->length;
		c[C_ABORT] = e->abort;
		c[C_RUN] = floor(e->running + 0.5);
		c[C_WAIT] = floor(e->waiting + 0.5);
		for (h = 0; h < NH; h++) {
			c[C_H + 2 * h] = e->h[h].sum;
			c[C_H + 2 * h + 1] = e->h[h].count;
		}
	}
}

static int	 first_series = 1;

static void
series_head(const char *name, int k, int i, const char *key,
    const char *v)
{
	printf("%s\n    {\"metric\": {\"__name__\": \"%s\", ", first_series ?
	    "" : ",", name);
	first_series = 0;
	if (i < 0)
		printf("\"pod_name\": \"%s\", \"status\": \"success\"",
		    pods[k].name);
	else
		printf("\"pod\": \"%s\", \"engine\": \"%d\", \"model_name\": "
		    "\"" MODEL "\", \"namespace\": \"llm\"", pods[k].name, i);
	if (key != NULL)
		printf(", \"%s\": \"%s\"", key, v);
	printf("}, \"values\": [");
}

static void
series_values(int k, int i, int col)
{
	int	s, n = 0;
	double	t, v;

	for (s = 0; s < nscrape; s++) {
		if (!hist_up[(size_t)s * g.pods + k])
			continue;
		t = g.t0 + (s + 1) * g.interval;
		v = i < 0 ? hist_arr[(size_t)s * g.pods + k] : cell(s, k,
		    i)[col];
		printf("%s[%.3f, \"%.17g\"]", n++ ? ", " : "", t, v);
	}
	printf("]}");
}

static void
range_out(void)
{
	static const char *const reasons[] = { "stop", "length", "abort" };
	char	name[128];
	int	k, i, h, j;

	printf("{\"status\": \"success\", \"data\": {\"resultType\": "
	    "\"matrix\", \"result\": [");
	for (k = 0; k < g.pods; k++) {
		for (i = 0; i < g.engines; i++) {
			for (j = 0; j < 3; j++) {
				series_head("vllm:request_success_total", k, i,
				    "finished_reason", reasons[j]);
				series_values(k, i, C_STOP + j);
			}
			series_head("vllm:num_requests_running", k, i, NULL,
			    NULL);
			series_values(k, i, C_RUN);
			series_head("vllm:num_requests_waiting", k, i, NULL,
			    NULL);
			series_values(k, i, C_WAIT);
			for (h = 0; h < NH; h++) {
				snprintf(name, sizeof(name), "vllm:%s_sum",
				    hname(h));
				series_head(name, k, i, NULL, NULL);
				series_values(k, i, C_H + 2 * h);
				snprintf(name, sizeof(name), "vllm:%s_count",
				    hname(h));
				series_head(name, k, i, NULL, NULL);
				series_values(k, i, C_H + 2 * h + 1);
			}
		}
		if (g.arrivals) {
			series_head("inference_extension_scheduler_attempts_"
			    "total", k, -1, NULL, NULL);
			series_values(k, -1, 0);
		}
	}
	printf("\n]}}\n");
}

/* ------------------------------------------------------------ main */

static void
read_families(const char *path)
{
	FILE	*fp;
	char	 line[512], n[256], t[64];

	if ((fp = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	while (fgets(line, sizeof(line), fp) != NULL && g.nfam < MAXFAM)
		if (line[0] != '#' && sscanf(line, "%255s %63s", n, t) == 2) {
			g.fam[g.nfam] = strdup(n);
			g.famtype[g.nfam++] = strdup(t);
		}
	fclose(fp);
}

static void
usage(void)
{
	fprintf(stderr, "usage: metrics_gen [-AeO] [-f text|labels|om|range] "
	    "[-p PODS] [-d SECONDS]\n    [-i INTERVAL] [-s SEED] "
	    "[-P ALPHA,BETA,GAMMA] [-b MAXBATCH] [-t IN,OUT]\n    [-l LO,HI] "
	    "[-E ENGINES] [-n NOISE] [-F FAMILIES]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	double	mu[1 << 12], t;
	long	seed = 1;
	int	c, k, s, up;

	while ((c = getopt(argc, argv, "AeOb:d:E:f:F:i:l:n:p:P:s:t:")) != -1)
		switch (c) {
		case 'A': g.arrivals = 1; break;
		case 'e': g.events = 1; break;
		case 'O': g.old = 1; break;
		case 'b': g.s.max_batch = g.s.max_queue = atoi(optarg); break;
		case 'd': g.dur = atof(optarg); break;
		case 'E': g.engines = atoi(optarg); break;
		case 'f': snprintf(g.fmt, sizeof(g.fmt), "%s", optarg); break;
		case 'F': read_families(optarg); break;
		case 'i': g.interval = atof(optarg); break;
		case 'l':
			if (sscanf(optarg, "%lf,%lf", &g.lo, &g.hi) != 2)
				usage();
			break;
		case 'n': g.noise = atof(optarg); break;
		case 'p': g.pods = atoi(optarg); break;
		case 'P':
			if (sscanf(optarg, "%lf,%lf,%lf", &g.p.alpha, &g.p.beta,
			    &g.p.gamma) != 3)
				usage();
			break;
		case 's': seed = atol(optarg); break;
		case 't':
			if (sscanf(optarg, "%lf,%lf", &g.shape.in_tokens,
			    &g.shape.out_tokens) != 2)
				usage();
			break;
		default: usage();
		}
	if (g.pods < 1 || g.pods > MAXPODS || g.engines < 1 ||
	    g.engines > 4 || g.interval <= 0 || g.dur < g.interval ||
	    g.s.max_batch < 1 || g.s.max_batch > (1 << 12))
		usage();
	g.rng ^= (uint64_t)seed * 0xbf58476d1ce4e5b9ULL;
	if (qmodel_rates(&g.p, &g.s, &g.shape, mu) == -1)
		return 1;
	mu_max = mu[g.s.max_batch - 1];
	fprintf(stderr, "metrics_gen: alpha %g beta %g gamma %g, max rate "
	    "%.4g req/s, load %g to %g of it\n", g.p.alpha, g.p.beta,
	    g.p.gamma, mu_max, g.lo, g.hi);
	for (k = 0; k < g.pods; k++) {
		snprintf(pods[k].name, sizeof(pods[k].name),
		    "vllm-decode-%d-7f9c", k);
		pods[k].phase = 2 * M_PI * k / g.pods;
		pods[k].created = g.t0;
	}
	nscrape = (int)(g.dur / g.interval);
	if (strcmp(g.fmt, "range") == 0 &&
	    ((hist_v = calloc((size_t)nscrape * g.pods * g.engines * NCOL,
	    sizeof(double))) == NULL ||
	    (hist_arr = calloc((size_t)nscrape * g.pods,
	    sizeof(double))) == NULL ||
	    (hist_up = calloc((size_t)nscrape * g.pods, 1)) == NULL))
		return 1;
	for (s = 0; s < nscrape; s++) {
		t = g.t0 + (s + 1) * g.interval;
		for (k = 0; k < g.pods; k++) {
			struct pod *p = &pods[k];

			if (g.events && k == 0 && s == (int)(0.4 * nscrape)) {
				memset(p->e, 0, sizeof(p->e));
				p->arrive = 0;
				p->created = t;
				p->down = 2;
			}
			if (g.events && k == 2 % g.pods) {
				double x = t - g.t0 - 0.2 * g.dur;

				p->queue = x >= 0 && x < 240 ? x / g.interval *
				    25 : 0;
			}
			step(k, t);
			up = p->down == 0 && !(g.events && k == 1 % g.pods &&
			    s >= (int)(0.6 * nscrape) && s < (int)(0.6 *
			    nscrape) + 10);
			if (p->down > 0)
				p->down--;
			if (!up)
				continue;
			if (hist_v != NULL)
				keep(s, k);
			else
				page(k, t);
		}
		if (g.arrivals && hist_v == NULL)
			epp_page(t);
	}
	if (hist_v != NULL)
		range_out();
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
