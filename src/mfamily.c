/*
 * mfamily.c: the vLLM families the metrics readers take, by sample name,
 * and the field of the store each sample counts in (mstore.h).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mstore.h"

static const struct mfamily families[] = {
#define H(n, f) { "vllm:" n "_sum", sizeof("vllm:" n "_sum") - 1, MK_SUM, f }, \
	{ "vllm:" n "_count", sizeof("vllm:" n "_count") - 1, MK_COUNT, \
	    f + 1 }, \
	{ "vllm:" n "_bucket", sizeof("vllm:" n "_bucket") - 1, MK_BUCKET, \
	    f + 1 }
#define N(n, k, f) { n, sizeof(n) - 1, k, f }
	N("vllm:request_success_total", MK_DONE, MF_DONE),
	N("vllm:request_success", MK_DONE, MF_DONE),
	H("time_to_first_token_seconds", MF_TTFT_S),
	H("inter_token_latency_seconds", MF_ITL_S),
	H("time_per_output_token_seconds", MF_TPOT_S),
	H("request_time_per_output_token_seconds", MF_RITL_S),
	H("e2e_request_latency_seconds", MF_E2E_S),
	H("request_prompt_tokens", MF_IN_S),
	H("request_generation_tokens", MF_OUT_S),
	N("vllm:num_requests_running", MK_GAUGE, MF_RUN),
	N("vllm:num_requests_waiting", MK_GAUGE, MF_WAIT),
	N("inference_extension_scheduler_attempts_total", MK_ARRIVE,
	    MF_ARRIVE),
	N("inference_extension_scheduler_attempts", MK_ARRIVE, MF_ARRIVE),
	N("llm_d_epp_scheduler_attempts_total", MK_ARRIVE, MF_ARRIVE2),
	N("llm_d_epp_scheduler_attempts", MK_ARRIVE, MF_ARRIVE2),
#undef H
#undef N
};
#define NFAMILIES	(sizeof(families) / sizeof(families[0]))

#define NAME_MAX_LEN	64	/* longer than any family's sample name */

/*
 * Most lines of a /metrics page are of other families: the families are
 * looked up by their length first, and by their last byte.
 */
const struct mfamily *
ms_family(const char *s, size_t n)
{
	static signed char	 first[NAME_MAX_LEN];	/* 1 + index, 0 */
	static signed char	 next[NFAMILIES];
	static int		 ready;
	const struct mfamily	*fm;
	size_t			 i;
	int			 k;

	if (!ready) {
		for (i = NFAMILIES; i-- > 0; ) {
			next[i] = first[families[i].len];
			first[families[i].len] = (signed char)(i + 1);
		}
		ready = 1;
	}
	if (n >= NAME_MAX_LEN)
		return NULL;
	for (k = first[n]; k != 0; k = next[k - 1]) {
		fm = &families[k - 1];
		if (fm->name[n - 1] == s[n - 1] && memcmp(fm->name, s, n) == 0)
			return fm;
	}
	return NULL;
}

int
ms_field(const struct mfamily *fm, const char *reason, const char *status,
    const char *le, int *inf)
{
	double	 x;
	char	*end;

	*inf = 0;
	switch (fm->kind) {
	case MK_DONE:
		/* vLLM counts aborted requests among its "successes". */
		return reason != NULL && (strcmp(reason, "abort") == 0 ||
		    strcmp(reason, "error") == 0) ? MF_ABORT : MF_DONE;
	case MK_ARRIVE:
		return status != NULL && strcmp(status, "success") != 0 ? -1 :
		    fm->f;
	case MK_BUCKET:
		if (le == NULL || *le == '\0' || (x = strtod(le, &end),
		    *end != '\0') || isnan(x))
			return MS_BAD_LE;
		if (!(isinf(x) && x > 0))
			return -1;
		*inf = 1;
		return fm->f;
	default:
		return fm->f;
	}
}

/*
 * Can a family's name start s[0..n)? Its first 13 bytes are compared
 * as two words with those of the families: most names of a vLLM page
 * are told apart from the families read without being scanned.
 */
int
ms_may_family(const char *s, size_t n)
{
	static uint64_t	 key[NFAMILIES][2];
	static size_t	 nkey;
	uint64_t	 a, b;
	size_t		 i, k;

	if (nkey == 0)
		for (i = 0; i < NFAMILIES; i++) {
			memcpy(&a, families[i].name, 8);
			memcpy(&b, families[i].name + 5, 8);
			for (k = 0; k < nkey; k++)
				if (key[k][0] == a && key[k][1] == b)
					break;
			if (k == nkey) {
				key[nkey][0] = a;
				key[nkey++][1] = b;
			}
		}
	if (n < 13)
		return 1;
	memcpy(&a, s, 8);
	memcpy(&b, s + 5, 8);
	for (k = 0; k < nkey; k++)
		if (key[k][0] == a && key[k][1] == b)
			return 1;
	return 0;
}
