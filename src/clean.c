/*
 * clean.c: ANSI removal and log-prefix stripping.
 */
#include <string.h>

#include "clean.h"
#include "re.h"

/*
 * Removes ECMA-48 sequences: CSI (ESC [ params intermediates final), OSC
 * and the other string controls (ESC ] P X ^ _ ... up to BEL or ESC \),
 * and two- or three-byte escapes such as ESC ( B. A sequence cut by the
 * end of the line is dropped as far as it goes.
 */
size_t
strip_ansi(char *s, size_t n)
{
	size_t	 i, o;
	char	*e;

	if ((e = memchr(s, 0x1b, n)) == NULL)
		return n;
	o = i = (size_t)(e - s);
	while (i < n) {
		if (s[i] != 0x1b) {
			s[o++] = s[i++];
			continue;
		}
		i++;
		if (i == n)
			break;
		if (s[i] == '[') {
			for (i++; i < n && s[i] >= 0x20 && s[i] <= 0x3f; i++)
				continue;
			if (i < n && s[i] >= 0x40 && s[i] <= 0x7e)
				i++;
		} else if (s[i] != '\0' && strchr("]PX^_", s[i]) != NULL) {
			for (i++; i < n; i++) {
				if (s[i] == 0x07) {
					i++;
					break;
				}
				if (s[i] == 0x1b && i + 1 < n && s[i + 1] == '\\') {
					i += 2;
					break;
				}
			}
		} else {
			while (i < n && s[i] >= 0x20 && s[i] <= 0x2f)
				i++;
			if (i < n)
				i++;
		}
	}
	return o;
}

/* 0 with the prefix copied, or -1 if it is longer than PREFIX_MAX. */
int
take_prefix(char *dst, size_t *dlen, const char *s, size_t n)
{
	if (n > PREFIX_MAX)
		return -1;
	memcpy(dst, s, n);
	*dlen = n;
	return 0;
}

/*
 * Removes a title's prefix from a line of its table: 0 if the line
 * carries it (a line that is the prefix less its trailing blanks becomes
 * empty), -1 if not, the line left as it was.
 */
int
strip_prefix(const char *prefix, size_t plen, const char **s, size_t *n)
{
	size_t	trimmed;

	if (plen == 0)
		return 0;
	if (*n >= plen && memcmp(*s, prefix, plen) == 0) {
		*s += plen;
		*n -= plen;
		return 0;
	}
	trimmed = rtrim_len(prefix, plen);
	if (*n == trimmed && memcmp(*s, prefix, trimmed) == 0) {
		*n = 0;
		return 0;
	}
	return -1;
}

size_t
rtrim_len(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n;
}

/* Length of an oc logs prefix (--prefix or --timestamps) at s, or 0. */
static int
oc_prefix(const char *s, size_t n, size_t *len, struct wi_err *err)
{
	struct re_match	m;
	int		rc = 0;

	*len = 0;
	if (n > 0 && s[0] == '[')
		rc = re_exec(RE_PODPREFIX, s, n, &m, err);
	else if (n > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' '))
		rc = re_exec(RE_TIMESTAMP, s, n, &m, err);
	if (rc == 1)
		*len = m.eo[0];
	return rc == -1 ? -1 : 0;
}

/*
 * oc logs --prefix --timestamps may put either first; and whoever pasted
 * the log may have put "# " or an indentation before both. The oc
 * prefixes go, the pasted one stays: it is the table's prefix.
 */
int
clean_line(char *s, size_t n, char **out, size_t *outlen, struct wi_err *err)
{
	size_t	paste, len;
	int	i;

	n = strip_ansi(s, n);
	paste = strspn(s, PASTE_CHARS);
	if (paste > n)
		paste = n;
	for (i = 0; i < 2; i++) {
		if (oc_prefix(s + paste, n - paste, &len, err) == -1)
			return -1;
		if (len == 0)
			break;
		memmove(s + len, s, paste);
		s += len;
		n -= len;
	}
	*out = s;
	*outlen = rtrim_len(s, n);
	return 0;
}
