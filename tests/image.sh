#!/bin/sh
# image.sh: make check-image. Tests the image archive that make image
# built ($IMAGE, at the top of the checkout): builds it once more and
# compares the bytes, reads its config and its layer, unpacks it with
# umoci and runs, chrooted into its root as its user, the golden cases
# of the seed logs and of a queueing-model sizing, and the Tekton tests
# (tests/tekton.sh) with the image's wva-itl. Prints TAP and ends with
# "N passed, N failed"; exits 1 if any test failed. Needs root (chroot,
# umoci unpack), mmdebstrap, umoci, skopeo, python3 and the network to
# the Debian mirror (image/build.sh).
#
# Environment (the Makefile passes it): IMAGE, IMAGE_REPO, IMAGE_SOURCE,
# VERSION; SOURCE_DATE_EPOCH as for make image.

set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
. "$top/tests/tap.sh"
: "${IMAGE:?}" "${IMAGE_REPO:?}" "${IMAGE_SOURCE:?}" "${VERSION:?}"
archive=$top/$IMAGE
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-image-test.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
td=$top/testdata

finish() {
	echo "1..$n"
	echo "$((n - failed)) passed, $failed failed"
	[ "$failed" = 0 ]
	exit
}
if [ "$(id -u)" != 0 ]; then
	not_ok "make check-image runs as root (chroot, umoci unpack)"
	finish
fi
if [ ! -s "$archive" ]; then
	not_ok "$IMAGE exists (make image)"
	finish
fi
: "${SOURCE_DATE_EPOCH:=$(git -C "$top" log -1 --format=%ct)}"
export SOURCE_DATE_EPOCH
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

# ------------------------------------------------------- the same bytes
# A second build from the same tree and SOURCE_DATE_EPOCH.
digest() {
	skopeo inspect --raw "oci-archive:$1" | sha256sum | cut -d' ' -f1
}
start=$(date +%s)
(cd "$top" && image/build.sh "$tmp/again.oci.tar") >"$tmp/build.log" 2>&1
brc=$?
secs=$(($(date +%s) - start))
d1=$(digest "$archive")
d2=$(digest "$tmp/again.oci.tar" 2>/dev/null)
if [ $brc = 0 ] && cmp -s "$archive" "$tmp/again.oci.tar" &&
    [ -n "$d1" ] && [ "$d1" = "$d2" ]; then
	ok "two builds, the same bytes and digest sha256:$d1 (the second took ${secs} s)"
else
	{ echo "build exit $brc, digests $d1 and $d2"
	  echo "(built from another commit or binary? run make image)"
	  tail -n 20 "$tmp/build.log"; } >"$tmp/why"
	not_ok "two builds give the same bytes and digest" "$tmp/why"
fi
# The index points at that manifest, tagged VERSION.
mkdir "$tmp/oci"
tar -C "$tmp/oci" -xf "$archive"
python3 - "$tmp/oci" "$d1" "$VERSION" >"$tmp/why" 2>&1 <<'PY'
import json, sys
d, digest, version = sys.argv[1:]
idx = json.load(open(d + "/index.json"))
m = idx["manifests"]
assert len(m) == 1, m
assert m[0]["digest"] == "sha256:" + digest, m[0]["digest"]
assert m[0]["annotations"]["org.opencontainers.image.ref.name"] == version
PY
if [ $? = 0 ]; then
	ok "the archive's one manifest is that digest, tagged $VERSION"
else
	not_ok "the archive's one manifest is that digest, tagged $VERSION" \
	    "$tmp/why"
fi

# ------------------------------------------------------------ its config
skopeo inspect --config "oci-archive:$archive" >"$tmp/config.json"
python3 - "$tmp/config.json" "$VERSION" "$IMAGE_SOURCE" "$created" \
    "$top/Containerfile" >"$tmp/why" 2>&1 <<'PY'
import json, re, sys
path, version, source, created, containerfile = sys.argv[1:]
c = json.load(open(path))
cfg = c["config"]
want = {"Entrypoint": ["/usr/bin/wva-itl"], "User": "65532:65532",
        "Env": ["PATH=/usr/bin:/bin"], "WorkingDir": "/"}
for k, v in want.items():
    assert cfg.get(k) == v, (k, cfg.get(k))
assert "Cmd" not in cfg, cfg["Cmd"]
labels = cfg["Labels"]
assert labels == {"org.opencontainers.image.title": "wva-itl",
                  "org.opencontainers.image.version": version,
                  "org.opencontainers.image.source": source,
                  "org.opencontainers.image.created": created}, labels
assert c["created"] == created, c["created"]
assert [h["created"] for h in c["history"]] == [created], c["history"]
assert len(c["rootfs"]["diff_ids"]) == 1, c["rootfs"]
# The Containerfile builds the same config.
text = open(containerfile).read()
assert "USER %s\n" % cfg["User"] in text
assert "ENTRYPOINT %s\n" % json.dumps(cfg["Entrypoint"]) in text
assert "ENV %s\n" % cfg["Env"][0] in text
for k, v in labels.items():
    if not k.endswith(".created"):
        assert '%s="%s"' % (k, v) in text, k
PY
if [ $? = 0 ]; then
	ok "config: entrypoint /usr/bin/wva-itl, user 65532:65532, labels version $VERSION and source, every time $created, one layer; the Containerfile's the same"
else
	not_ok "the image's config" "$tmp/why"
fi

# ------------------------------------------------------------ its layer
layer=$(python3 -c '
import json, sys
d = sys.argv[1]
m = json.load(open(d + "/index.json"))["manifests"][0]["digest"]
m = json.load(open(d + "/blobs/sha256/" + m.split(":")[1]))
print(d + "/blobs/sha256/" + m["layers"][0]["digest"].split(":")[1])
' "$tmp/oci")
sed 's/#.*//' "$top/image/packages" | tr -s ' \t' '\n\n' | sed '/^$/d' \
    >"$tmp/packages"
python3 - "$layer" "$SOURCE_DATE_EPOCH" "$top" "$tmp/packages" \
    >"$tmp/why" 2>&1 <<'PY'
import sys, tarfile
layer, sde, top, pkgfile = sys.argv[1:]
sde = int(sde)
members = {}
with tarfile.open(layer, "r:gz") as t:
    for m in t:
        name = m.name[2:] if m.name.startswith("./") else m.name
        members[name] = m
        assert m.uid == 0 and m.gid == 0, (name, m.uid, m.gid)
        assert m.mtime <= sde, (name, "time after SOURCE_DATE_EPOCH")
        assert m.isfile() or m.isdir() or m.issym() or m.islnk(), \
            (name, "a device, fifo or other special file")
        assert name.split("/")[-1] not in (
            "sh", "bash", "dash", "busybox", "mawk", "awk", "perl",
            "python3"), (name, "an interpreter")
        if name.startswith("usr/lib/x86_64-linux-gnu/gconv"):
            raise AssertionError(name)
    def data(name):
        return t.extractfile(members[name]).read()
    top_names = sorted({n.split("/")[0] for n in members if n not in ("", ".")})
    assert top_names == ["etc", "lib", "lib64", "tmp", "usr", "var"], top_names
    assert data("usr/bin/wva-itl") == open(top + "/wva-itl", "rb").read()
    assert members["usr/bin/wva-itl"].mode == 0o755
    assert data("usr/share/man/man1/wva-itl.1") == \
        open(top + "/man/wva-itl.1", "rb").read()
    assert data("etc/passwd") == open(top + "/image/passwd", "rb").read()
    assert data("etc/group") == open(top + "/image/group", "rb").read()
    assert members["tmp"].mode == 0o1777
    status = sorted(n.split("/")[-1] for n in members
                    if n.startswith("var/lib/dpkg/status.d/"))
    for p in open(pkgfile).read().split():
        assert p in status, (p, "not in status.d", status)
        assert b"Package: " + p.encode() in data(
            "var/lib/dpkg/status.d/" + p)
    print("%d entries, %d bytes; packages %s" % (
        len(members), sum(m.size for m in members.values()),
        " ".join(status)))
PY
if [ $? = 0 ]; then
	ok "layer: owners 0, times clamped, no special file or interpreter, the built wva-itl and man page, image/passwd, status.d of every package"
	sed 's/^/# /' "$tmp/why"
else
	not_ok "the image's layer" "$tmp/why"
fi
# glibc's gconv modules are left out because wva-itl calls no iconv.
if objdump -T "$top/wva-itl" | grep -q -w -e 'iconv_open' -e 'dlopen'; then
	not_ok "wva-itl imports neither iconv_open nor dlopen (the image has no gconv modules)"
else
	ok "wva-itl imports neither iconv_open nor dlopen (the image has no gconv modules)"
fi
echo "# size: archive $(wc -c <"$archive") bytes, layer $(wc -c <"$layer") bytes compressed"

# skopeo reads it as the README pushes it: copy it to an OCI layout, the
# same manifest.
if skopeo copy -q "oci-archive:$archive" "oci:$tmp/copy:$VERSION" \
    >"$tmp/why" 2>&1 &&
    [ "$(skopeo inspect --raw "oci:$tmp/copy:$VERSION" | sha256sum |
    cut -d' ' -f1)" = "$d1" ]; then
	ok "skopeo copy oci-archive:$IMAGE keeps the digest"
else
	not_ok "skopeo copy oci-archive:$IMAGE keeps the digest" "$tmp/why"
fi

# ------------------------------------------------------------ run in it
bundle=$tmp/bundle
if ! umoci unpack --image "$tmp/oci:$VERSION" "$bundle" >"$tmp/why" 2>&1; then
	not_ok "umoci unpack" "$tmp/why"
	finish
fi
python3 - "$bundle/config.json" >"$tmp/why" 2>&1 <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))["process"]
assert p["args"] == ["/usr/bin/wva-itl"], p["args"]
assert (p["user"]["uid"], p["user"]["gid"]) == (65532, 65532), p["user"]
PY
if [ $? = 0 ]; then
	ok "umoci unpack: the bundle runs /usr/bin/wva-itl as uid 65532"
else
	not_ok "umoci unpack: the bundle runs /usr/bin/wva-itl as uid 65532" \
	    "$tmp/why"
fi

# wi ARG...: the image's entrypoint with ARGs, in its /work/testdata.
mkdir -p "$bundle/rootfs/work/testdata/exp1"
cp "$td/synchronous.log" "$td/throughput.log" "$bundle/rootfs/work/testdata/"
cp "$td/exp1/sweep-i1024-o4096.csv" "$bundle/rootfs/work/testdata/exp1/"
wi() {
	python3 "$top/tests/tekton.py" exec "$bundle" /work/testdata "$@" \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
wi --version
if [ $rc = 0 ] && [ "$(cat "$tmp/out")" = "wva-itl $VERSION" ]; then
	ok "in the image: wva-itl --version says $VERSION"
else
	not_ok "in the image: wva-itl --version says $VERSION" "$tmp/err"
fi
# The golden cases, every format they have: the seed logs (linear fit and
# sizing) and an exp1 report (queueing model, fit and sizing).
wi --list-formats
cp "$tmp/out" "$tmp/formats"
for c in seed size-seed queue-fit size-queue; do
	eval "set -- $(cat "$td/$c.args")"
	err=$td/$c.err
	[ -f "$err" ] || err=/dev/null
	while read -r fmt flags; do
		[ -f "$td/$c.$fmt" ] || continue
		case " $flags " in
		*" --model-name "*) wi "$@" -o "$fmt" --acc H100 \
		    --model-name llama-3.1-8b ;;
		*" --acc "*) wi "$@" -o "$fmt" --acc H100 ;;
		*) wi "$@" -o "$fmt" ;;
		esac
		: >"$tmp/why"
		[ $rc = 0 ] || echo "exit $rc" >>"$tmp/why"
		diff "$td/$c.$fmt" "$tmp/out" >>"$tmp/why" 2>&1
		diff "$err" "$tmp/err" >>"$tmp/why" 2>&1
		if [ -s "$tmp/why" ]; then
			not_ok "in the image: $c -o $fmt" "$tmp/why"
		else
			ok "in the image: $c -o $fmt, as testdata/$c.$fmt"
		fi
	done <"$tmp/formats"
done
rm -rf "$bundle/rootfs/work"

# ---------------------------------------- the Tekton steps, in the image
sh "$top/tests/tekton.sh" "$top" "$top/wva-itl" "$tmp" "$bundle" \
    "$IMAGE_REPO:$VERSION" >"$tmp/sub.tap" 2>"$tmp/sub.err"
src=$?
before=$n
relay "$tmp/sub.tap"
if [ $src != 0 ] || [ $((n - before)) -lt 20 ]; then
	{ echo "exit $src after $((n - before)) tests"
	  cat "$tmp/sub.err"; } >"$tmp/why"
	not_ok "tests/tekton.sh ran to its end in the image" "$tmp/why"
fi

finish
