#!/bin/sh
# results.sh TOP BIN TMP: --results-dir as one unit. No temporaries
# survive a closed stdout or a signal; 20 runs into one folder at once
# leave one run's set; a rename or backup failing in the middle leaves
# the previous set. Prints TAP lines for run.sh. Needs python3, which
# holds stdout full so that the run stops in its write.

set -u
top=$1
bin=$2
tmp=$3/results
td=$top/testdata
mkdir -p "$tmp"
. "$top/tests/tap.sh"
run=${WVA_RUN:-}
quick=${WVA_QUICK:-0}
LC_ALL=C
export LC_ALL

# ---------------------------------------------- stdout closed early (EPIPE)
mkdir "$tmp/pipe"
( sleep 0.3; cd "$td" && $run "$bin" -b 64 -i 128 --results-dir \
    "$tmp/pipe" synchronous.log throughput.log 2>"$tmp/pipe.err"
    echo $? >"$tmp/pipe.rc" ) | true
: >"$tmp/why"
[ "$(cat "$tmp/pipe.rc")" = 3 ] || echo "exit $(cat "$tmp/pipe.rc")" >>"$tmp/why"
[ "$(cat "$tmp/pipe.err")" = "wva-itl: write error: Broken pipe" ] ||
    cat "$tmp/pipe.err" >>"$tmp/why"
ls -A "$tmp/pipe" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "stdout closed early: exit 3, write error, no files" "$tmp/why"
else
	ok "stdout closed early: exit 3, \"write error: Broken pipe\", no temporaries"
fi

# ----------------------------------------- a run stopped in its stdout write
# stall.py DIR ACTION: runs wva-itl into DIR with its stdout a full pipe;
# once its temporaries are there, ACTION: a signal name to send, or
# "rm-delta" (its temporary goes), "dir-delta" (a folder comes in the
# way) or "dir-stale" (folders come in the way of maxRate and binding,
# which the run removes), then drains the pipe. Prints the exit status (-N: signal N) and
# the folder's listing.
cat >"$tmp/stall.py" <<'PY'
import fcntl, os, shlex, signal, subprocess, sys, time
run, bin, td, d, action = sys.argv[1:6]
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, os.O_NONBLOCK)
for n in (4096, 1):
    try:
        while True:
            os.write(w, b"x" * n)
    except BlockingIOError:
        pass
fcntl.fcntl(w, fcntl.F_SETFL, 0)
p = subprocess.Popen(shlex.split(run) + [bin, "-b", "32", "-i", "128",
    "--results-dir", d, "synchronous.log", "throughput.log"], cwd=td,
    stdout=w, stderr=open(os.path.join(d + ".err"), "w"),
    # A shell running us in the background ignores INT and QUIT, and
    # wva-itl leaves an ignored signal ignored (nohup): not this test.
    preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL) for s in
        (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP, signal.SIGTERM)])
os.close(w)
end = time.time() + 60
tmps = []
while time.time() < end and len(tmps) < 5:
    tmps = [f for f in os.listdir(d) if f.startswith(".")]
    time.sleep(0.02)
if len(tmps) < 5:
    print("no temporaries seen:", tmps)
if action == "rm-delta":
    os.unlink(os.path.join(d, [f for f in tmps if f.startswith(".delta.")][0]))
elif action == "dir-delta":
    os.unlink(os.path.join(d, "delta"))
    os.makedirs(os.path.join(d, "delta", "x"))
elif action == "dir-stale":
    for n in ("maxRate", "binding"):
        os.unlink(os.path.join(d, n))
        os.mkdir(os.path.join(d, n))
else:
    p.send_signal(getattr(signal, action))
while os.read(r, 65536):
    pass
print(p.wait(timeout=60), " ".join(sorted(os.listdir(d))))
PY

for sig in SIGTERM SIGINT SIGHUP SIGQUIT SIGUSR1; do
	mkdir "$tmp/$sig"
	got=$(python3 "$tmp/stall.py" "$run" "$bin" "$td" "$tmp/$sig" $sig 2>&1)
	num=$(python3 -c "import signal; print(-signal.$sig)")
	if [ "$got" = "$num " ]; then
		ok "$sig during a stdout write: ends by $sig, no temporaries left"
	else
		echo "got [$got], want [$num ]" >"$tmp/why"
		not_ok "$sig during a stdout write leaves no temporaries" "$tmp/why"
	fi
done

# The values of a run into DIR with -b B, one line: "alpha beta ...".
set_of() {
	for r in alpha beta gamma delta maxBatchSize; do
		printf '%s ' "$(cat "$1/$r" 2>/dev/null)"
	done
}
mkdir "$tmp/ref32"
(cd "$td" && $run "$bin" -q -b 32 -i 128 --results-dir "$tmp/ref32" \
    synchronous.log throughput.log >/dev/null 2>&1)
mkdir "$tmp/ref64"
(cd "$td" && $run "$bin" -q -b 64 -i 128 --results-dir "$tmp/ref64" \
    synchronous.log throughput.log >/dev/null 2>&1)

# A rename failing in the middle (delta's temporary gone) and a folder
# in the way of delta once the checks are past: the previous set stays.
for how in rm-delta dir-delta; do
	mkdir "$tmp/$how"
	cp "$tmp/ref64"/* "$tmp/$how/"
	got=$(python3 "$tmp/stall.py" "$run" "$bin" "$td" "$tmp/$how" $how 2>&1)
	: >"$tmp/why"
	if [ "$how" = rm-delta ]; then
		want="3 alpha beta delta gamma maxBatchSize"
		msg="wva-itl: $tmp/$how/delta: No such file or directory; no result file changed"
	else
		want="3 alpha beta delta gamma maxBatchSize"
		msg="wva-itl: $tmp/$how/delta: Is a directory; no result file changed"
		rmdir "$tmp/$how/delta/x" "$tmp/$how/delta"
		cp "$tmp/ref64/delta" "$tmp/$how/delta"
	fi
	[ "$got" = "$want" ] || echo "got [$got], want [$want]" >>"$tmp/why"
	[ "$(set_of "$tmp/$how")" = "$(set_of "$tmp/ref64")" ] ||
	    echo "set [$(set_of "$tmp/$how")], want the -b 64 one" >>"$tmp/why"
	grep -v -e 'warning:' -e 'note:' "$tmp/$how.err" >"$tmp/msg"
	[ "$(cat "$tmp/msg")" = "$msg" ] || cat "$tmp/msg" >>"$tmp/why"
	if [ -s "$tmp/why" ]; then
		not_ok "--results-dir, $how after the checks: previous set kept" \
		    "$tmp/why"
	else
		ok "--results-dir, $how after the checks: exit 3, previous set kept, nothing else left"
	fi
done

# ------------------------------------------------ 20 runs into one folder
runs=20
[ "$quick" = 1 ] && runs=6
mkdir "$tmp/par" "$tmp/refs"
b=2
while [ "$b" -le $((runs + 1)) ]; do
	mkdir "$tmp/refs/$b"
	(cd "$td" && $run "$bin" -q -b $b -i 128 --results-dir "$tmp/refs/$b" \
	    synchronous.log throughput.log >/dev/null 2>&1)
	set_of "$tmp/refs/$b" >>"$tmp/refs.txt"
	echo >>"$tmp/refs.txt"
	b=$((b + 1))
done
# Without the lock about one round in three mixes two runs' values.
rounds=3
[ "$quick" = 1 ] && rounds=1
: >"$tmp/why"
round=1
while [ "$round" -le "$rounds" ]; do
	rm -rf "$tmp/par"
	mkdir "$tmp/par"
	b=2
	while [ "$b" -le $((runs + 1)) ]; do
		(cd "$td" && $run "$bin" -q -b $b -i 128 --results-dir \
		    "$tmp/par" synchronous.log throughput.log >/dev/null 2>&1) &
		b=$((b + 1))
	done
	wait
	got=$(set_of "$tmp/par")
	grep -q -x -F -e "$got" "$tmp/refs.txt" &&
	    [ "$(ls -A "$tmp/par" | wc -l)" = 5 ] ||
	    { echo "round $round: got [$got]"; ls -A "$tmp/par"; } >>"$tmp/why"
	round=$((round + 1))
done
[ "$(sort -u "$tmp/refs.txt" | wc -l)" = "$runs" ] ||
    echo "the runs' sets are not all different" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "$runs parallel runs leave one run's set" "$tmp/why"
else
	ok "$runs runs with different -b into one folder at once, $rounds times, leave one run's set"
fi

# ---------------------------------------------- a smaller set after a larger
# A sized run writes nine files, a plain one five, --model queue loss for
# delta: what an earlier run wrote and this one does not is removed, and
# a file of the user's stays.
mkdir "$tmp/shrink"
: >"$tmp/shrink/notes.txt"
: >"$tmp/why"
(cd "$td" && $run "$bin" -b 64 --slo-ttft 200 --slo-itl 50 --results-dir \
    "$tmp/shrink" synchronous.log throughput.log) >/dev/null 2>&1 ||
    echo "sized run failed" >>"$tmp/why"
[ "$(ls -A "$tmp/shrink" | tr '\n' ' ')" = "alpha beta binding delta gamma itlMs maxBatchSize maxRate notes.txt ttftMs " ] ||
    { echo "sized:"; ls -A "$tmp/shrink"; } >>"$tmp/why"
(cd "$td" && $run "$bin" -b 64 --results-dir "$tmp/shrink" \
    synchronous.log throughput.log) >/dev/null 2>&1 ||
    echo "plain run failed" >>"$tmp/why"
[ "$(ls -A "$tmp/shrink" | tr '\n' ' ')" = "alpha beta delta gamma maxBatchSize notes.txt " ] ||
    { echo "plain:"; ls -A "$tmp/shrink"; } >>"$tmp/why"
(cd "$td" && $run "$bin" --model queue --results-dir "$tmp/shrink" \
    sweep.log) >/dev/null 2>&1 || echo "queue run failed" >>"$tmp/why"
[ "$(ls -A "$tmp/shrink" | tr '\n' ' ')" = "alpha beta gamma loss maxBatchSize notes.txt " ] ||
    { echo "queue:"; ls -A "$tmp/shrink"; } >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "a run writing fewer results removes the earlier run's others" \
	    "$tmp/why"
else
	ok "sized (9 files), plain (5), queue (loss, no delta) in turn: each leaves its own set only, the user's file stays"
fi

# ------------------------------ what stops a run is seen before stdout
# A folder in the way of a name this run removes (an earlier sized run's
# maxRate): exit 3 with nothing on stdout and nothing changed, rather
# than the new set written beside the old binding, ttftMs and itlMs.
mkdir "$tmp/stale"
(cd "$td" && $run "$bin" -q -b 64 --slo-ttft 200 --results-dir \
    "$tmp/stale" synchronous.log throughput.log) >/dev/null 2>&1
set_of "$tmp/stale" >"$tmp/stale.before"
rm "$tmp/stale/maxRate"
mkdir "$tmp/stale/maxRate"
(cd "$td" && $run "$bin" -q -b 32 --results-dir "$tmp/stale" \
    synchronous.log throughput.log) >"$tmp/stale.out" 2>"$tmp/stale.err"
rc=$?
: >"$tmp/why"
[ "$rc" = 3 ] || echo "exit $rc" >>"$tmp/why"
[ -s "$tmp/stale.out" ] && echo "stdout written" >>"$tmp/why"
[ "$(cat "$tmp/stale.err")" = "wva-itl: $tmp/stale/maxRate: Is a directory (an earlier run's result, which this run would remove)" ] ||
    cat "$tmp/stale.err" >>"$tmp/why"
[ "$(set_of "$tmp/stale")" = "$(cat "$tmp/stale.before")" ] ||
    echo "the set changed" >>"$tmp/why"
[ "$(ls -A "$tmp/stale" | tr '\n' ' ')" = "alpha beta binding delta gamma itlMs maxBatchSize maxRate ttftMs " ] ||
    ls -A "$tmp/stale" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "a folder in the way of an earlier run's name stops the run before stdout" "$tmp/why"
else
	ok "a folder in the way of an earlier run's maxRate: exit 3 before stdout, the earlier set whole"
fi

# Folders come in the way of maxRate and binding once the checks are
# past: the removal goes on past them (ttftMs and itlMs go) and the
# error names both.
mkdir "$tmp/dir-stale"
(cd "$td" && $run "$bin" -q -b 64 --slo-ttft 200 --results-dir \
    "$tmp/dir-stale" synchronous.log throughput.log) >/dev/null 2>&1
got=$(python3 "$tmp/stall.py" "$run" "$bin" "$td" "$tmp/dir-stale" \
    dir-stale 2>&1)
: >"$tmp/why"
[ "$got" = "3 alpha beta binding delta gamma maxBatchSize maxRate" ] ||
    echo "got [$got]" >>"$tmp/why"
[ "$(set_of "$tmp/dir-stale")" = "$(set_of "$tmp/ref32")" ] ||
    echo "set [$(set_of "$tmp/dir-stale")], want the -b 32 one" >>"$tmp/why"
grep -v -e 'warning:' -e 'note:' "$tmp/dir-stale.err" >"$tmp/msg"
[ "$(cat "$tmp/msg")" = "wva-itl: $tmp/dir-stale: cannot remove the earlier run's maxRate, binding: Is a directory; the new results are in place beside them" ] ||
    cat "$tmp/msg" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "--results-dir: every stale name is tried, those left named" "$tmp/why"
else
	ok "--results-dir: folders in the way of two stale names after the checks: the others go, exit 3 names both"
fi

# Another user's files: in a sticky folder they cannot be replaced, and
# under fs.protected_hardlinks another user's file that this one cannot
# write cannot be linked as the backup. Both stop the run before stdout.
# As root, nobody writes the set and daemon runs; otherwise skipped.
as() {
	u=$1
	g=$2
	shift 2
	setpriv --reuid="$u" --regid="$g" --clear-groups "$@"
}
shared=
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1 &&
    id nobody >/dev/null 2>&1 && id daemon >/dev/null 2>&1 &&
    as nobody nogroup test -r "$td/synchronous.log" 2>/dev/null &&
    as daemon daemon test -x "$bin" 2>/dev/null; then
	shared=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-shared.XXXXXX") &&
	    chmod 755 "$shared"
fi
# others MODE WHY: nobody writes a sized set into a folder of MODE, then
# daemon runs into it; prints daemon's exit status and stdout's size.
others() {
	rm -rf "$shared/d"
	mkdir "$shared/d"
	chmod "$1" "$shared/d"
	(cd "$td" && as nobody nogroup $run "$bin" -q -b 64 --slo-ttft 200 \
	    --results-dir "$shared/d" synchronous.log throughput.log \
	    >/dev/null 2>&1)
	set_of "$shared/d" >"$shared/before"
	(cd "$td" && as daemon daemon $run "$bin" -q -b 32 --results-dir \
	    "$shared/d" synchronous.log throughput.log >"$shared/out" \
	    2>"$shared/err")
	echo "$? $(wc -c <"$shared/out")"
}
if [ -z "$shared" ]; then
	skip "another user's results in a sticky folder" "not root, or no setpriv, nobody or daemon that can run $bin"
else
	got=$(others 1777)
	: >"$tmp/why"
	[ "$got" = "3 0" ] || echo "exit and stdout size: $got" >>"$tmp/why"
	[ "$(cat "$shared/err")" = "wva-itl: $shared/d/alpha: Operation not permitted: another user's file in a sticky folder, which only its owner may replace" ] ||
	    cat "$shared/err" >>"$tmp/why"
	[ "$(set_of "$shared/d")" = "$(cat "$shared/before")" ] &&
	    [ "$(ls -A "$shared/d" | wc -l)" = 9 ] ||
	    { echo "the folder changed:"; ls -A "$shared/d"; } >>"$tmp/why"
	if [ -s "$tmp/why" ]; then
		not_ok "another user's results in a sticky folder stop the run before stdout" "$tmp/why"
	else
		ok "another user's results in a sticky folder: exit 3 before stdout, nothing changed"
	fi
fi
if [ -z "$shared" ] ||
    [ "$(cat /proc/sys/fs/protected_hardlinks 2>/dev/null)" != 1 ]; then
	skip "another user's results that cannot be linked" "not root, no setpriv, nobody or daemon, or fs.protected_hardlinks is not 1"
else
	got=$(others 0777)
	: >"$tmp/why"
	[ "$got" = "3 0" ] || echo "exit and stdout size: $got" >>"$tmp/why"
	[ "$(cat "$shared/err")" = "wva-itl: $shared/d/alpha: cannot keep the previous alpha as a hard link while it is replaced: Operation not permitted" ] ||
	    cat "$shared/err" >>"$tmp/why"
	[ "$(set_of "$shared/d")" = "$(cat "$shared/before")" ] &&
	    [ "$(ls -A "$shared/d" | wc -l)" = 9 ] ||
	    { echo "the folder changed:"; ls -A "$shared/d"; } >>"$tmp/why"
	if [ -s "$tmp/why" ]; then
		not_ok "another user's results that cannot be linked stop the run before stdout" "$tmp/why"
	else
		ok "another user's results the kernel will not link (protected_hardlinks): exit 3 before stdout, nothing changed"
	fi
fi
[ -n "$shared" ] && rm -rf "$shared"

exit 0
