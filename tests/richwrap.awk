# richwrap.awk: print input as rich's console would at -v width=W.
#
# A model of rich's word wrap, written for the tests and independent of
# wva-itl's code: a line is cut into words ("\S+\s*", the first one with
# its leading spaces); a word that does not fit starts a new line; a word
# wider than the whole line is folded into pieces of W characters, each on
# a line of its own; every piece of a wrapped line keeps its trailing
# spaces up to W and is padded with spaces to exactly W. Lines that fit
# are printed as they are.

function rtrim(s) { sub(/[ \t]+$/, "", s); return s }

function pad(s,    n) {
	if (length(s) > width)
		s = substr(s, 1, width)	# only trailing white space is lost here
	n = width - length(s)
	while (n-- > 0)
		s = s " "
	return s
}

function flush() { print pad(cur); cur = ""; col = 0 }

{
	line = $0
	if (length(line) <= width) {
		print line
		next
	}
	cur = ""
	col = 0
	first = 1
	while (length(line) > 0) {
		if (first && match(line, /^[ \t]*[^ \t]+[ \t]*/))
			word = substr(line, 1, RLENGTH)
		else if (match(line, /^[^ \t]+[ \t]*/))
			word = substr(line, 1, RLENGTH)
		else {
			cur = cur line	# trailing white space only
			break
		}
		first = 0
		line = substr(line, RLENGTH + 1)
		wlen = length(rtrim(word))
		if (width - col >= wlen) {
			cur = cur word
			col += length(word)
		} else if (wlen > width) {
			if (col > 0)
				flush()
			while (length(word) > width) {
				cur = substr(word, 1, width)
				word = substr(word, width + 1)
				flush()
			}
			cur = word
			col = length(word)
		} else {
			flush()
			cur = word
			col = length(word)
		}
	}
	flush()
}
