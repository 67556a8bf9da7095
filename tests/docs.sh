#!/bin/sh
# docs.sh TOP BIN TMP: checks that the man page, --help and the README
# agree with each other and with the program. Prints TAP lines for run.sh.
#
# The EXAMPLES of the man page are run as written: each "$ " line (with
# "> " continuation lines) is a command, the lines after it its expected
# output. They run in one shell, in a folder holding sync.log, thr.log
# (the bundled seed logs), sweep.log and sweep.csv (model-trainer's exp2
# i256-o256 guidellm CSV), with a stand-in "oc" whose
# "oc logs job/NAME"
# prints the log of job NAME.

set -u
top=$1
bin=$2
tmp=$3/docs
mkdir -p "$tmp/ex" "$tmp/bin"
. "$top/tests/tap.sh"

man=$top/man/wva-itl.1
if ! command -v mandoc >/dev/null 2>&1; then
	not_ok "mandoc is installed (needed to check the man page)"
	exit 0
fi

mandoc -Tlint "$man" >"$tmp/lint" 2>&1
if [ -s "$tmp/lint" ]; then
	not_ok "mandoc -Tlint is clean" "$tmp/lint"
else
	ok "mandoc -Tlint is clean"
fi

bs=$(printf '\b')
mandoc -Tascii -Owidth=200 "$man" | sed "s/.$bs//g" >"$tmp/man.txt"

# ---------------------------------------------------------------- EXAMPLES
cp "$top/testdata/synchronous.log" "$tmp/ex/sync.log"
cp "$top/testdata/throughput.log" "$tmp/ex/thr.log"
cp "$top/testdata/sweep.log" "$tmp/ex/sweep.log"
cp "$top/testdata/exp2/sweep-i256-o256.csv" "$tmp/ex/sweep.csv"
cat >"$tmp/bin/oc" <<EOF
#!/bin/sh
case "\$*" in
"logs job/synchronous-job") exec cat "$top/testdata/synchronous.log" ;;
"logs job/throughput-job") exec cat "$top/testdata/throughput.log" ;;
*) echo "oc stand-in: no job for: \$*" >&2; exit 1 ;;
esac
EOF
cat >"$tmp/bin/wva-itl" <<EOF
#!/bin/sh
exec ${WVA_RUN:-} "$bin" "\$@"
EOF
chmod +x "$tmp/bin/oc" "$tmp/bin/wva-itl"

# Cut the rendered EXAMPLES section into a script and expected outputs.
awk -v dir="$tmp/ex" '
/^EXAMPLES/ { on = 1; next }
on && /^[A-Z]/ { on = 0 }
!on { next }
/^ *\$ / {
	match($0, /^ *\$ /); ind = RLENGTH - 2
	ncmd++; cmd[ncmd] = substr($0, ind + 3); lit = 1
	printf "" > (dir "/exp." ncmd)
	next
}
lit && /^ *> / && substr($0, ind + 1, 2) == "> " && !out[ncmd] {
	cmd[ncmd] = cmd[ncmd] "\n" substr($0, ind + 3); next
}
lit && length($0) > ind && substr($0, 1, ind) ~ /^ *$/ {
	print substr($0, ind + 1) >> (dir "/exp." ncmd); out[ncmd] = 1; next
}
{ lit = 0 }
END {
	for (i = 1; i <= ncmd; i++) {
		print "{ " cmd[i] "\n} > out." i " 2>&1" > (dir "/script.sh")
		print i " " cmd[i] > (dir "/names")
	}
}' "$tmp/man.txt"

if [ ! -s "$tmp/ex/script.sh" ]; then
	not_ok "the man page has EXAMPLES to run"
else
	(cd "$tmp/ex" && PATH="$tmp/bin:$PATH" sh ./script.sh) 2>"$tmp/ex/sh.err"
	i=1
	while [ -f "$tmp/ex/exp.$i" ]; do
		name=$(grep "^$i " "$tmp/ex/names" | head -n 1 | cut -d' ' -f2-)
		if cmp -s "$tmp/ex/exp.$i" "$tmp/ex/out.$i"; then
			ok "man EXAMPLES: $name"
		else
			diff "$tmp/ex/exp.$i" "$tmp/ex/out.$i" >"$tmp/why" 2>&1
			not_ok "man EXAMPLES: $name" "$tmp/why"
		fi
		i=$((i + 1))
	done
fi

# ------------------------------------------- options and exit codes agree
"$bin" --help >"$tmp/help.txt"
sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z-]*\).*/\2/p' "$tmp/help.txt" \
    | sort -u >"$tmp/opts"
if [ "$(wc -l <"$tmp/opts")" -lt 12 ]; then
	not_ok "--help lists the options" "$tmp/help.txt"
fi
for doc in man README; do
	if [ $doc = man ]; then f=$tmp/man.txt; else f=$top/README.md; fi
	: >"$tmp/missing"
	while read -r opt; do
		grep -q -e "$opt\b" "$f" || echo "$opt" >>"$tmp/missing"
	done <"$tmp/opts"
	for short in -b -i -o -x -q -h -V; do
		grep -q -e "$short\b" "$f" || echo "$short" >>"$tmp/missing"
	done
	if [ -s "$tmp/missing" ]; then
		not_ok "every option of --help is in the $doc" "$tmp/missing"
	else
		ok "every option of --help ($(wc -l <"$tmp/opts") long) is in the $doc"
	fi
done
# The synopsis lines of --help and the man page name the same options.
for f in "$tmp/help.txt" "$tmp/man.txt"; do
	sed -n '/^ *usage:\|^SYNOPSIS/,/^$\|^DESCRIPTION/p' "$f" |
	    grep -o -e '--[a-z-]*' -e '\[-[a-zA-Z]*\]' -e '\[-[a-z] ' | sort -u
done >"$tmp/syn"
sort "$tmp/syn" | uniq -u >"$tmp/syn.diff"
if [ -s "$tmp/syn.diff" ]; then
	not_ok "the synopses of --help and the man page agree" "$tmp/syn.diff"
else
	ok "the synopses of --help and the man page agree"
fi
# Every output format of the table is in the man page's -o and the README's.
"$bin" --list-formats | while read -r fmt flags; do
	sed -n '/^\.It Fl o Ar format/,/^\.It Fl x/p' "$man" |
	    grep -q "^\.Cm $fmt\b" || echo "man: -o $fmt"
	grep -q "^| \`-o\`.*\`$fmt\`" "$top/README.md" || echo "README: -o $fmt"
done >"$tmp/missing"
if [ -s "$tmp/missing" ]; then
	not_ok "every format of --list-formats is in the man page and README" \
	    "$tmp/missing"
else
	ok "every format of --list-formats is in the man page and README"
fi
: >"$tmp/missing"
for code in 0 1 2 3; do
	grep -q "^ *$code *[A-Z]" "$tmp/man.txt" ||
	    echo "man: exit $code" >>"$tmp/missing"
	grep -q "$code [a-z]" "$tmp/help.txt" ||
	    echo "help: exit $code" >>"$tmp/missing"
	grep -q "^| $code |" "$top/README.md" ||
	    echo "README: exit $code" >>"$tmp/missing"
done
if [ -s "$tmp/missing" ]; then
	not_ok "exit codes 0-3 are in the man page, --help and README" \
	    "$tmp/missing"
else
	ok "exit codes 0-3 are in the man page, --help and README"
fi

exit 0
