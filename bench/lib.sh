# lib.sh: timing helpers for the bench scripts (sourced; $tmp is theirs).

# wall N CMD...: the median wall time of N runs in milliseconds, fork
# and exec included, timed with perl's monotonic clock.
wall() {
	perl -MTime::HiRes=time -e '
		my $n = shift;
		my @t;
		for (1 .. $n) {
			my $t0 = time;
			my $pid = fork // die;
			if ($pid == 0) {
				open STDOUT, ">", "/dev/null";
				open STDERR, ">", "/dev/null";
				exec @ARGV;
				exit 127;
			}
			waitpid $pid, 0;
			push @t, (time - $t0) * 1000;
		}
		@t = sort { $a <=> $b } @t;
		printf "%.3f\n", $t[int($n / 2)];
	' "$@"
}

# rss CMD...: peak resident set of a run, KiB.
rss() {
	/usr/bin/time -f '%M' -o "$tmp/t" "$@" >/dev/null 2>&1 || true
	tail -n 1 "$tmp/t"
}

check() {	# check WHAT VALUE OP LIMIT
	if awk -v v="$2" -v l="$4" -v op="$3" 'BEGIN {
		exit !(op == "<=" ? v <= l : v < l) }'; then
		echo "   $1: $2 $3 $4: met"
	else
		echo "   $1: $2 $3 $4: NOT MET"
		fails=$((fails + 1))
	fi
}

