/*
 * out_json.c: -o json. The layout (two-space indent, one member a line)
 * is ours; every scalar is printed by cJSON, which does the escaping.
 */
#include <stdlib.h>

#include "fmt.h"
#include "out.h"
#include "out_doc.h"

static void
indent(struct sbuf *b, int n)
{
	while (n-- > 0)
		sb_add(b, "  ", 2);
}

static void
value(struct sbuf *b, const cJSON *v, int depth)
{
	const cJSON	*c;
	char		*s;
	int		 obj = cJSON_IsObject(v);

	if (!obj && !cJSON_IsArray(v)) {
		if ((s = cJSON_PrintUnformatted(v)) == NULL) {
			b->oom = 1;
			return;
		}
		sb_puts(b, s);
		cJSON_free(s);
		return;
	}
	if (v->child == NULL) {
		sb_puts(b, obj ? "{}" : "[]");
		return;
	}
	sb_puts(b, obj ? "{\n" : "[\n");
	for (c = v->child; c != NULL; c = c->next) {
		indent(b, depth + 1);
		if (obj) {
			/* Keys are wva-itl's own identifiers. */
			sb_printf(b, "\"%s\": ", c->string);
		}
		value(b, c, depth + 1);
		sb_puts(b, c->next != NULL ? ",\n" : "\n");
	}
	indent(b, depth);
	sb_puts(b, obj ? "}" : "]");
}

char *
doc_json_text(const cJSON *doc, struct wi_err *err)
{
	struct sbuf	 b = { 0 };
	char		*s;

	value(&b, doc, 0);
	sb_puts(&b, "\n");
	if ((s = sb_finish(&b)) == NULL)
		wi_seterr(err, WI_ESYS, NULL, 0, "out of memory");
	return s;
}

char *
out_json(const struct benchset *set, const struct fit *f,
    const struct out_opts *o, struct wi_err *err)
{
	(void)o;
	return doc_render(set, f, doc_json_text, err);
}
