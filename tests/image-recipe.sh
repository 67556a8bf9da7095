#!/bin/sh
# image-recipe.sh TOP BIN TMP: checks, without building it, that the
# image's recipe agrees with itself and the rest: image/packages are the
# packages of the libraries wva-itl links, the Containerfile installs
# what the README and CI install and gives the config image/build.sh
# gives, and one image tag, IMAGE_REPO:VERSION of the Makefile, is named
# everywhere. Prints TAP lines for run.sh. (make check-image, as root,
# builds the image and runs it: tests/image.sh.)

set -u
top=$1
tmp=$3/image-recipe
mkdir -p "$tmp"
. "$top/tests/tap.sh"

mkvar() {
	sed -n "s/^$1 *= *//p" "$top/Makefile"
}
version=$(mkvar VERSION)
repo=$(mkvar IMAGE_REPO)
source=$(mkvar IMAGE_SOURCE)
list() {
	sed 's/#.*//' "$top/image/$1" | tr -s ' \t' '\n\n' | sed '/^$/d' | sort
}

# ------------------------------------ the packages of the linked libraries
# The image's binary is the Makefile's (not a sanitizer build, which links
# more). Each library it needs comes from a package of image/packages, and
# each of those packages gives one.
prog=$top/wva-itl
if [ ! -x "$prog" ] || ! command -v objdump >/dev/null 2>&1 ||
    ! command -v dpkg >/dev/null 2>&1; then
	skip "image/packages are the linked libraries' packages" \
	    "needs $prog (make), objdump and dpkg"
else
	arch=$(${CC:-cc} -print-multiarch)
	objdump -p "$prog" | sed -n 's/^ *NEEDED *//p' | while read -r lib; do
		dpkg -S "*/$arch/$lib" 2>/dev/null | sed -n 's/:.*//p'
	done | sort -u >"$tmp/linked"
	list packages >"$tmp/listed"
	if [ -s "$tmp/linked" ] && diff "$tmp/listed" "$tmp/linked" \
	    >"$tmp/why" 2>&1; then
		ok "image/packages are the packages of the libraries wva-itl links: $(tr '\n' ' ' <"$tmp/listed")"
	else
		echo "(< image/packages, > the linked libraries' packages)" \
		    >>"$tmp/why"
		not_ok "image/packages are the packages of the libraries wva-itl links" "$tmp/why"
	fi
fi

# ------------------- the build packages, as the README and CI install them
: >"$tmp/why"
for f in README.md .ci/run; do
	# The apt-get install line, with its continuation lines.
	sed -n '/apt-get install/,/[^\\]$/p' "$top/$f" >"$tmp/line"
	for p in $(list build-packages); do
		grep -q -w -e "$p" "$tmp/line" || echo "$f: $p" >>"$tmp/why"
	done
done
if [ -s "$tmp/why" ]; then
	not_ok "the README's quick start and .ci/run install image/build-packages" "$tmp/why"
else
	ok "the README's quick start and .ci/run install image/build-packages ($(list build-packages | wc -l))"
fi

# --------------------------- the Containerfile's config is build.sh's
# build.sh: --config.NAME=VALUE and --config.label=KEY=VALUE options.
b=$top/image/build.sh
c=$top/Containerfile
cfg() {
	sed -n "s/.*--config\\.$1=\\([^ ]*\\).*/\\1/p" "$b" | head -n 1
}
label() {
	sed -n "s/.*org\\.opencontainers\\.image\\.$1=\"*\\([^\" \\\\]*\\).*/\\1/p" "$c"
}
: >"$tmp/why"
[ "$(sed -n 's/^USER //p' "$c")" = "$(cfg user)" ] ||
    echo "USER is not $(cfg user)" >>"$tmp/why"
[ "$(sed -n 's/^ENTRYPOINT //p' "$c")" = "[\"$(cfg entrypoint)\"]" ] ||
    echo "ENTRYPOINT is not [\"$(cfg entrypoint)\"]" >>"$tmp/why"
[ "$(sed -n 's/^ENV //p' "$c")" = "$(cfg env)" ] ||
    echo "ENV is not $(cfg env)" >>"$tmp/why"
[ "$(sed -n 's/^WORKDIR //p' "$c" | tail -n 1)" = "$(cfg workingdir)" ] ||
    echo "WORKDIR is not $(cfg workingdir)" >>"$tmp/why"
[ "$(label version)" = "$version" ] ||
    echo "label version $(label version), the Makefile's $version" >>"$tmp/why"
[ "$(label source)" = "$source" ] ||
    echo "label source $(label source), the Makefile's $source" >>"$tmp/why"
[ "$(label title)" = wva-itl ] || echo "label title" >>"$tmp/why"
grep -q '^COPY --from=build /src/build/image/root/ /$' "$c" &&
    grep -q 'make image-root' "$c" && grep -q 'image/build-packages' "$c" ||
    echo "the Containerfile does not copy make image-root's root" >>"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "the Containerfile gives image/build.sh's config and the Makefile's version and source" "$tmp/why"
else
	ok "the Containerfile gives image/build.sh's config (user $(cfg user), entrypoint $(cfg entrypoint)) and the Makefile's version and source"
fi

# ------------------------------------------------- one image tag everywhere
# Every reference to the image in the README, the Containerfile and the
# Tekton examples is IMAGE_REPO:VERSION; no :latest anywhere.
(cd "$top" && grep -n -o -e "${repo}[^ \"'\`)]*" -e 'wva-itl:latest' \
    README.md Containerfile examples/tekton/*.yaml) >"$tmp/refs"
grep -v -e ":$repo:$version\$" "$tmp/refs" \
    >"$tmp/why"
for f in README.md Containerfile examples/tekton/task.yaml \
    examples/tekton/task-queue.yaml; do
	grep -q "^$f:" "$tmp/refs" || echo "$f names no image" >>"$tmp/why"
done
if [ -s "$tmp/why" ]; then
	not_ok "every image reference is $repo:$version" "$tmp/why"
else
	ok "every image reference ($(wc -l <"$tmp/refs")) is $repo:$version"
fi
for f in task.yaml task-queue.yaml; do
	grep -q "default: $repo:$version\$" "$top/examples/tekton/$f" ||
	    echo "$f: no image param defaulting to it"
done >"$tmp/why"
if [ -s "$tmp/why" ]; then
	not_ok "both wva-itl Tasks default to the image $repo:$version" "$tmp/why"
else
	ok "both wva-itl Tasks default to the image $repo:$version"
fi

exit 0
