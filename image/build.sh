#!/bin/sh
# build.sh OUT: builds the OCI image archive OUT (make image) without a
# container runtime. mmdebstrap unpacks the Debian packages listed in
# image/packages (their maintainer scripts never run, so the image needs
# no shell), "make install" adds wva-itl and its man page, and umoci
# packs that root as one layer tagged VERSION: entrypoint wva-itl, user
# 65532 (wva-itl), labels version and source.
# build.sh -r DIR: only the root, into the new folder DIR (make
# image-root, which the Containerfile copies into its image).
#
# The same inputs give the same bytes: every time stamp in the image is
# SOURCE_DATE_EPOCH (default: the last commit's time), file times after
# it are clamped to it, owners are 0 and names sorted. What changes the
# digest is another wva-itl binary or the mirror publishing new versions
# of the packages.
#
# Environment (the Makefile passes its own): VERSION; IMAGE_SOURCE, the
# label org.opencontainers.image.source; IMAGE_MIRROR, an apt sources
# file (default: this system's, so the image comes from the mirror apt
# uses here); IMAGE_SUITE, the Debian release (default bookworm: the
# binary is this system's, built against its libraries); MAKE.

set -eu
umask 022
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/.." && pwd)
prog=${0##*/}
die() {
	echo "$prog: $*" >&2
	exit 1
}

root_only=0
if [ "${1:-}" = -r ]; then
	root_only=1
	shift
fi
[ $# = 1 ] || { echo "usage: $prog [-r] OUT" >&2; exit 2; }
out=$1
: "${VERSION:?VERSION is not set (make image sets it)}"
: "${IMAGE_SOURCE:?IMAGE_SOURCE is not set (make image sets it)}"
suite=${IMAGE_SUITE:-bookworm}

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH=$(git -C "$top" log -1 --format=%ct 2>/dev/null) ||
	    SOURCE_DATE_EPOCH=
fi
if [ -z "$SOURCE_DATE_EPOCH" ] && [ $root_only = 1 ]; then
	unset SOURCE_DATE_EPOCH	# the Containerfile's build has no git
else
	case $SOURCE_DATE_EPOCH in
	''|*[!0-9]*) die "SOURCE_DATE_EPOCH must be seconds since 1970" \
	    "(outside a git checkout, set it): \"$SOURCE_DATE_EPOCH\"" ;;
	esac
	export SOURCE_DATE_EPOCH
	created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)
fi

if [ -z "${IMAGE_MIRROR:-}" ]; then
	for f in /etc/apt/sources.list.d/debian.sources /etc/apt/sources.list; do
		if [ -s "$f" ]; then
			IMAGE_MIRROR=$f
			break
		fi
	done
fi
[ -n "${IMAGE_MIRROR:-}" ] || die "no apt sources here: set IMAGE_MIRROR"

# The binary is this system's: its libraries must be the image's.
codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
[ "$codename" = "$suite" ] || die "this system is \"$codename\", the" \
    "image $suite: build it on Debian $suite (or set IMAGE_SUITE)"
need="mmdebstrap dpkg-deb tar"
[ $root_only = 1 ] || need="$need umoci"
for t in $need; do
	command -v "$t" >/dev/null 2>&1 ||
	    die "$t is not installed (apt-get install $t)"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/wva-itl-image.XXXXXX")
trap 'rm -rf "$work" "$out.part"' EXIT
trap 'exit 1' HUP INT TERM
root=$work/root
mkdir "$root"

# ------------------------------------------------------------ the root
# A tarball works in every mode mmdebstrap picks (root, or a user
# namespace when not root), and its device nodes, which only root could
# make and a runtime provides, are not extracted. The hook records each package's control
# fields where image scanners read them (/var/lib/dpkg/status.d, as
# distroless images do): extracted packages are otherwise unlisted.
pkgs=$(sed 's/#.*//' "$top/image/packages" | tr -s ' \t\n' ',' |
    sed 's/^,//; s/,$//')
mmdebstrap --quiet --variant=extract --include="$pkgs" \
    --skip=check/signed-by \
    --extract-hook='mkdir -p "$1/var/lib/dpkg/status.d" &&
	for d in "$1"/var/cache/apt/archives/*.deb; do
		p=$(dpkg-deb -f "$d" Package) &&
		dpkg-deb -f "$d" >"$1/var/lib/dpkg/status.d/$p" || exit 1
	done' \
    "$suite" "$work/debs.tar" "$IMAGE_MIRROR"
tar -C "$root" -xf "$work/debs.tar" --exclude='./dev/*'
rm "$work/debs.tar"

# What mmdebstrap leaves for a chroot and a container runtime provides or
# nothing reads: apt's and dpkg's state, the host's resolv.conf and
# hostname. glibc's gconv modules (8 MB) go too: they serve iconv(3),
# which wva-itl does not call (tests/image.sh checks its imports).
(cd "$root" && rm -rf etc/apt etc/dpkg etc/fstab etc/hostname \
    etc/resolv.conf dev var/cache var/lib/apt var/log \
    var/lib/dpkg/[!s]* var/lib/dpkg/status \
    usr/lib/x86_64-linux-gnu/gconv)
"${MAKE:-make}" -s -C "$top" install DESTDIR="$root" PREFIX=/usr
install -m 644 "$top/image/passwd" "$root/etc/passwd"
install -m 644 "$top/image/group" "$root/etc/group"
mkdir -p "$root/tmp"
chmod 1777 "$root/tmp"

if [ $root_only = 1 ]; then
	rm -rf "$out"
	mkdir -p "$(dirname "$out")"
	mv "$root" "$out"
	exit 0
fi

# ------------------------------------------------------------ the image
# One layer, made here so that owners, order and times are ours: GNU tar
# sorted, uid and gid 0, no atime or ctime, times clamped.
tar -C "$root" -cf "$work/layer.tar" --sort=name --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$SOURCE_DATE_EPOCH" --clamp-mtime \
    --owner=0 --group=0 --numeric-owner .
oci=$work/oci
umoci init --layout "$oci"
umoci new --image "$oci:$VERSION"
umoci raw add-layer --image "$oci:$VERSION" --history.created="$created" \
    --history.created_by="make image: wva-itl $VERSION on Debian $suite" \
    "$work/layer.tar"
umoci config --image "$oci:$VERSION" --no-history --created="$created" \
    --config.entrypoint=/usr/bin/wva-itl --config.user=65532:65532 \
    --config.env=PATH=/usr/bin:/bin --config.workingdir=/ \
    --config.label=org.opencontainers.image.title=wva-itl \
    --config.label=org.opencontainers.image.version="$VERSION" \
    --config.label=org.opencontainers.image.source="$IMAGE_SOURCE" \
    --config.label=org.opencontainers.image.created="$created"
umoci gc --layout "$oci"

# The archive skopeo reads as oci-archive: the layout at its top.
tar -C "$oci" -cf "$out.part" --sort=name --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
    --mode=u=rwX,go=rX oci-layout index.json blobs
mv "$out.part" "$out"
