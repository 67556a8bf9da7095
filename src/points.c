/*
 * points.c: the --points list (points.h).
 */
#include <string.h>

#include "fit.h"
#include "points.h"

struct item {
	int		 out;		/* "-": leave out */
	const char	*sweep, *name;	/* sweep NULL: any */
	size_t		 slen, nlen;
};

/* The item at s (n bytes) into it. */
static void
parse(const char *s, size_t n, struct item *it)
{
	const char	*colon;

	it->out = n > 0 && s[0] == '-';
	s += it->out;
	n -= (size_t)it->out;
	colon = memrchr(s, ':', n);
	it->sweep = colon != NULL ? s : NULL;
	it->slen = colon != NULL ? (size_t)(colon - s) : 0;
	it->name = colon != NULL ? colon + 1 : s;
	it->nlen = n - (size_t)(it->name - s);
}

/* Does the label end with the item's sweep, whole or after a "/"? */
static int
sweep_is(const char *label, const struct item *it)
{
	size_t	len = strlen(label);

	if (it->slen > len || memcmp(label + len - it->slen, it->sweep,
	    it->slen) != 0)
		return 0;
	return it->slen == len || label[len - it->slen - 1] == '/';
}

static int
matches(const struct benchset *set, const struct item *it,
    const struct bench *b)
{
	if (strlen(b->name) != it->nlen ||
	    memcmp(b->name, it->name, it->nlen) != 0)
		return 0;
	return it->sweep == NULL || (set->sw[b->sweep].label != NULL &&
	    sweep_is(set->sw[b->sweep].label, it));
}

/* Call fn on each item until it returns non-zero; that value, or 0. */
static int
each(const char *list, int (*fn)(const struct item *, void *), void *ctx)
{
	struct item	it;
	size_t		n;
	int		rc;

	for (;;) {
		n = strcspn(list, ",");
		parse(list, n, &it);
		if ((rc = fn(&it, ctx)) != 0)
			return rc;
		if (list[n] == '\0')
			return 0;
		list += n + 1;
	}
}

static int
bad(const struct item *it, void *ctx)
{
	const char	**why = ctx;

	if (it->nlen == 0)
		*why = "an empty name";
	else if (it->nlen >= WI_NAME_MAX)
		*why = "a name longer than 63 bytes";
	else if (it->sweep != NULL && it->slen == 0)
		*why = "an empty sweep before \":\"";
	else if (it->slen + it->nlen + 2 > POINTS_ITEM_MAX)
		*why = "an item longer than 1024 bytes";
	return *why != NULL;
}

const char *
points_syntax(const char *list)
{
	const char	*why = NULL;

	each(list, bad, &why);
	return why;
}

struct take {
	const struct benchset	*set;
	const struct bench	*b;
	int			 chooses, chosen, left;
};

static int
take_one(const struct item *it, void *ctx)
{
	struct take	*t = ctx;

	if (!it->out)
		t->chooses = 1;
	if (matches(t->set, it, t->b)) {
		if (it->out)
			t->left = 1;
		else
			t->chosen = 1;
	}
	return 0;
}

int
points_take(const struct benchset *set, const char *list,
    const struct bench *b, int dflt)
{
	struct take	t = { set, b, 0, 0, 0 };

	each(list, take_one, &t);
	if (t.left)
		return 0;
	return t.chooses ? t.chosen : dflt;
}

int
points_named(const struct benchset *set, const char *list,
    const struct bench *b)
{
	struct take	t = { set, b, 0, 0, 0 };

	each(list, take_one, &t);
	return t.chosen;
}

struct found {
	const struct benchset	*set;
	const struct item	*missing;
	struct item		 it;
};

static int
find_one(const struct item *it, void *ctx)
{
	struct found	*f = ctx;
	size_t		 i;

	for (i = 0; i < f->set->n; i++)
		if (matches(f->set, it, &f->set->v[i]))
			return 0;
	f->it = *it;
	return 1;
}

int
points_found(const struct benchset *set, const char *list,
    struct wi_err *err)
{
	struct found	f = { set, NULL, { 0, NULL, NULL, 0, 0 } };
	char		q[POINTS_ITEM_MAX + 8], names[256];
	const char	*s;
	size_t		 n;

	if (each(list, find_one, &f) == 0)
		return 0;
	s = f.it.sweep != NULL ? f.it.sweep : f.it.name;
	n = (size_t)(f.it.name + f.it.nlen - s);
	wi_seterr(err, WI_EINPUT, NULL, 0, "--points: no benchmark is named "
	    "%s%s (benchmarks found: %s)", wi_quote(q, sizeof(q), s, n),
	    f.it.sweep != NULL ? " in that sweep" : "", fit_names(set, names,
	    sizeof(names)));
	return -1;
}
