# tap.sh: ok and not_ok for the helper scripts of run.sh (sourced). Their
# lines are renumbered by run.sh; a failure shows up to 30 lines of the
# file named as its second argument.

k=0
ok() {
	k=$((k + 1))
	echo "ok $k - $1"
}
not_ok() {
	k=$((k + 1))
	echo "not ok $k - $1"
	if [ -n "${2:-}" ] && [ -s "$2" ]; then
		head -n 30 "$2" | sed 's/^/# /'
	fi
}
