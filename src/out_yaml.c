/*
 * out_yaml.c: -o yaml, the same tree as -o json in block style. Every
 * string is double-quoted, so nothing a log holds can turn into YAML
 * structure, a tag or an alias.
 */
#include "fmt.h"
#include "out.h"
#include "out_doc.h"

static void	map(struct sbuf *, const cJSON *, int, int);

static void
spaces(struct sbuf *b, int n)
{
	while (n-- > 0)
		sb_add(b, " ", 1);
}

static void
scalar(struct sbuf *b, const cJSON *v)
{
	char	num[FMT_NUM_MAX];

	if (cJSON_IsString(v))
		sb_yaml_str(b, v->valuestring);
	else if (cJSON_IsRaw(v))
		sb_puts(b, v->valuestring);	/* numbers from fmt_fixed() */
	else if (cJSON_IsNumber(v))
		sb_puts(b, fmt_fixed(num, v->valuedouble, 0));
	else if (cJSON_IsTrue(v))
		sb_puts(b, "true");
	else if (cJSON_IsFalse(v))
		sb_puts(b, "false");
	else
		sb_puts(b, "null");
}

/* The value after "key:" or "-": inline if scalar or empty, else nested. */
static void
member(struct sbuf *b, const cJSON *v, int ind)
{
	const cJSON *c;

	if ((cJSON_IsObject(v) || cJSON_IsArray(v)) && v->child == NULL) {
		sb_puts(b, cJSON_IsObject(v) ? " {}\n" : " []\n");
		return;
	}
	if (cJSON_IsObject(v)) {
		sb_puts(b, "\n");
		map(b, v, ind + 2, 0);
		return;
	}
	if (cJSON_IsArray(v)) {
		sb_puts(b, "\n");
		for (c = v->child; c != NULL; c = c->next) {
			if (cJSON_IsObject(c) && c->child != NULL) {
				map(b, c, ind + 4, 1);
				continue;
			}
			spaces(b, ind + 2);
			sb_puts(b, "-");
			member(b, c, ind + 2);
		}
		return;
	}
	sb_puts(b, " ");
	scalar(b, v);
	sb_puts(b, "\n");
}

/* A mapping at indent ind; dash: its first key follows a "- ". */
static void
map(struct sbuf *b, const cJSON *o, int ind, int dash)
{
	const cJSON *c;

	for (c = o->child; c != NULL; c = c->next) {
		if (dash && c == o->child) {
			spaces(b, ind - 2);
			sb_puts(b, "- ");
		} else
			spaces(b, ind);
		sb_puts(b, c->string);	/* keys are wva-itl's own identifiers */
		sb_puts(b, ":");
		member(b, c, ind);
	}
}

static char *
yaml_text(const cJSON *doc, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	char		*s;

	map(&b, doc, 0, 0);
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}

char *
out_yaml(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	(void)o;
	return doc_render(set, f, yaml_text, err);
}
