# widths.sh: the rich-wrapped tables read the same at every width from 20
# to 200 columns. Sourced by tests/run.sh, which defines $td, $tmp, $bin,
# wi, unplace, $sweeps and the TAP functions of tap.sh.
#
# $sweeps (WVA_SWEEPS) says how many widths: "full" all 181 (make
# check-sweeps, in CI), "sample" the edges and a spread between them
# (make check), "quick" a dozen (valgrind, where each run takes a second).

case $sweeps in
full)	widths=$(seq 20 200) ;;
quick)	widths="20 21 23 29 37 52 79 80 81 113 160 200" ;;
*)	widths="20 21 22 23 24 25 26 29 31 37 40 41 47 52 59 60 61 67 73 79
	    80 81 89 97 100 101 113 120 127 139 140 141 160 173 199 200" ;;
esac
nwidths=$(echo $widths | wc -w)

# same_at_widths SRC: $tmp/w/W.log for each width reads as $tmp/ref.
same_at_widths() {
	bad=
	for w in $widths; do
		wi -x "$tmp/w/$w.log"
		unplace "$tmp/out" >"$tmp/got"
		if [ "$rc" != 0 ] || ! cmp -s "$tmp/ref" "$tmp/got"; then
			bad="$bad $w"
		fi
	done
	[ -z "$bad" ] && return 0
	echo "fails at widths:$bad" >"$tmp/why"
	return 1
}

# guidellm 0.2/0.3 tables wrapped by rich the way a pod's 80 columns do
# (tests/richwrap.awk).
mkdir -p "$tmp/w"
for src in pair-wide sweep v03-concurrent; do
	wi -x "$src.log"
	unplace "$tmp/out" >"$tmp/ref"
	for w in $widths; do
		awk -v width="$w" -f "$top/tests/richwrap.awk" "$td/$src.log" \
		    >"$tmp/w/$w.log"
	done
	if same_at_widths; then
		ok "$src.log wrapped at every width ($nwidths widths)"
	else
		not_ok "$src.log wrapped at every width" "$tmp/why"
	fi
done

# guidellm 0.4-0.7 print their tables unwrapped but word-wrap the titles:
# the logs printed again through rich (tests/g04render.py, as guidellm's
# console code prints them) at every width read as at 80 columns.
py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import rich' 2>/dev/null; then
		py=$p
		break
	fi
done
for src in guidellm-0.4-sweep guidellm-0.6-sweep guidellm-0.7-sweep \
    guidellm-0.6-concurrent guidellm-0.8-goodput guidellm-0.8-goodput-table; do
	if [ -z "$py" ]; then
		skip "$src.log rendered by rich at every width" "no python3-rich"
		continue
	fi
	# shellcheck disable=SC2086
	"$py" "$top/tests/g04render.py" -d "$tmp/w" 80 $widths <"$td/$src.log"
	wi -x "$tmp/w/80.log"
	unplace "$tmp/out" >"$tmp/ref"
	if same_at_widths; then
		ok "$src.log rendered by rich at every width ($nwidths widths)"
	else
		not_ok "$src.log rendered by rich at every width" "$tmp/why"
	fi
done
rm -rf "$tmp/w"
