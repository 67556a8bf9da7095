# tap.sh: ok, not_ok and skip, printing TAP lines. Sourced by run.sh (and
# so by the sections it sources) and by the helper scripts it runs, whose
# lines run.sh renumbers. n counts the tests, failed the failures; a
# failure shows up to 40 lines of the file named as its second argument.

n=0
failed=0
ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		head -n 40 "$2" | sed 's/^/# /'
	fi
}
skip() {
	n=$((n + 1))
	echo "ok $n - $1 # SKIP $2"
}

# relay FILE: FILE's TAP lines (a script run apart) as this run's: its
# results numbered on, its "# " lines as they are.
relay() {
	while IFS= read -r line; do
		case $line in
		"ok "*)	ok "${line#ok * - }" ;;
		"not ok "*) not_ok "${line#not ok * - }" ;;
		"# "*)	echo "$line" ;;
		esac
	done <"$1"
}
