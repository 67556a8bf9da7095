# wva-itl: plain Makefile. User CPPFLAGS, CFLAGS and LDFLAGS are added to
# what the build needs, never replaced.

VERSION    = 0.1.0
PROG       = wva-itl
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
MANDIR    ?= $(PREFIX)/share/man
PKG_CONFIG ?= pkg-config
CC        ?= cc
CFLAGS    ?= -O2 -g

PKGS       = libpcre2-8 libcjson yaml-0.1
PKG_CFLAGS = $$($(PKG_CONFIG) --cflags $(PKGS))
PKG_LIBS   = $$($(PKG_CONFIG) --libs $(PKGS))
# The debug information names files from the checkout's top, so that a
# build in another folder gives the same bytes (and make image the same
# digest, in CI as here).
WI_CFLAGS  = -std=c11 -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -Wall -Wextra \
	     -ffp-contract=off -ffile-prefix-map=$(CURDIR)=.

SRCS = src/main.c src/scan.c src/lineio.c src/clean.c src/rejoin.c \
       src/in_g02.c src/in_g04.c src/in_vllm.c src/jstream.c src/in_json.c src/in_yaml.c src/csv.c src/in_csv.c src/in_csv05.c src/in_html.c src/in_dataset.c src/in_csvjson.c src/in_prom.c src/prom_text.c src/in_range.c src/jlex.c src/mstore.c src/mfamily.c src/mpool.c src/mrange.c src/bench.c src/solve.c src/fit.c src/fit_twopoint.c src/fit_lsq.c src/fit_queue.c src/out_doc.c src/out_mwin.c src/fmt.c src/err.c \
       src/re.c src/num.c src/out_json.c src/out_yaml.c src/out_env.c src/out_text.c src/out_wva.c src/out_svg.c src/out_svg_rate.c src/out_svg_axis.c src/out_svg_label.c src/out_svg_note.c src/out_svg_panel.c src/out_inferno.c src/out_tuner.c src/out_dataset.c \
       src/qmodel.c src/qfit.c src/qval.c src/points.c src/lmodel.c src/capacity.c src/verdict.c src/plan.c
OBJS = $(SRCS:.c=.o)
HDRS = src/wi.h src/in.h src/lineio.h src/clean.h src/rejoin.h src/jstream.h src/csv.h src/in_csv05.h src/mstore.h src/prom_text.h src/jlex.h src/bench.h \
       src/solve.h src/fit.h src/out_doc.h src/fmt.h src/re.h src/out.h src/scan.h \
       src/qmodel.h src/qfit.h src/qval.h src/points.h src/lmodel.h src/capacity.h src/verdict.h src/plan.h src/out_svg.h src/out_svg_rate.h

# The front end beside main.c, and the table of output formats.
FRONT_SRCS = src/options.c src/optcheck.c src/usage.c src/results.c \
	     src/results_names.c src/diag.c src/queries.c
SRCS      += $(FRONT_SRCS) src/out.c
HDRS      += src/options.h src/results.h src/diag.h

all: $(PROG)

$(PROG): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm

$(OBJS): $(HDRS) Makefile

.c.o:
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

# Unit tests of the models, the fit and the sizing, run by tests/run.sh
# (tests/qmodel.sh, tests/capacity.sh).
QTEST_SRCS = tests/qmodel_test.c src/qmodel.c src/qfit.c
CAP_TEST_SRCS = tests/capacity_test.c src/capacity.c src/lmodel.c \
	   src/qmodel.c src/fmt.c src/err.c
TRUST_TEST_SRCS = tests/trust_test.c src/qval.c src/qfit.c src/qmodel.c \
	   src/capacity.c src/lmodel.c src/verdict.c src/bench.c src/re.c \
	   src/fmt.c src/err.c
UNIT_TESTS = build/qmodel_test build/capacity_test build/trust_test \
	     build/metrics_gen

build/qmodel_test: $(QTEST_SRCS) $(HDRS) Makefile
	mkdir -p build
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(QTEST_SRCS) -lm

build/capacity_test: $(CAP_TEST_SRCS) $(HDRS) Makefile
	mkdir -p build
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) -o $@ \
	    $(CAP_TEST_SRCS) -lm

build/trust_test: $(TRUST_TEST_SRCS) $(HDRS) Makefile
	mkdir -p build
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) \
	    -o $@ $(TRUST_TEST_SRCS) $(PKG_LIBS) -lm

# Simulated vLLM pods' /metrics for tests/metrics.sh and bench/metrics.sh.
build/metrics_gen: tests/metrics_gen.c src/qmodel.c src/qmodel.h Makefile
	mkdir -p build
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) -Isrc $(CFLAGS) $(LDFLAGS) -o $@ \
	    tests/metrics_gen.c src/qmodel.c -lm

check: $(PROG) $(UNIT_TESTS)
	tests/run.sh

# The exhaustive sweeps that make check samples: every width from 20 to
# 200 columns and every byte offset of the truncated inputs (CI runs it).
check-sweeps: $(PROG)
	WVA_SWEEPS=full tests/split.sh widths -- truncate

install: $(PROG)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	install -m 644 man/$(PROG).1 $(DESTDIR)$(MANDIR)/man1/$(PROG).1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(PROG) $(DESTDIR)$(MANDIR)/man1/$(PROG).1

clean:
	rm -rf $(PROG) $(OBJS) build $(IMAGE)

.PHONY: all check check-sweeps install uninstall clean

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer, and
# under valgrind (width sweeps sampled: valgrind is slow to start).
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all

build/asan/$(PROG): $(SRCS) $(HDRS) Makefile
	mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(SAN_FLAGS) \
	    $(LDFLAGS) -o $@ $(SRCS) $(PKG_LIBS) -lm

build/asan/qmodel_test: $(QTEST_SRCS) $(HDRS) Makefile
	mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) -Isrc $(CFLAGS) $(SAN_FLAGS) \
	    $(LDFLAGS) -o $@ $(QTEST_SRCS) -lm

build/asan/capacity_test: $(CAP_TEST_SRCS) $(HDRS) Makefile
	mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) -Isrc $(CFLAGS) $(SAN_FLAGS) \
	    $(LDFLAGS) -o $@ $(CAP_TEST_SRCS) -lm

build/asan/trust_test: $(TRUST_TEST_SRCS) $(HDRS) Makefile
	mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) -Isrc $(CFLAGS) \
	    $(SAN_FLAGS) $(LDFLAGS) -o $@ $(TRUST_TEST_SRCS) $(PKG_LIBS) -lm

# The sanitizer and valgrind runs take a core each: tests/split.sh runs
# the parts of ASAN_SPLIT (VALGRIND_SPLIT) in one process and the rest in
# another, about half the time each. valgrind, a second a run, leaves out
# VALGRIND_SKIP: the width sweeps and cuts, which run the goldens' reader
# code again, exp1.sh, the goldens' queue fits again on model-trainer's
# data, and metrics.sh's simulated days, whose readers the prom-* and
# range-* goldens run; make check-asan runs them all, with LeakSanitizer.
ASAN_SPLIT     = goldens exp1 sizing
VALGRIND_SPLIT = goldens sizing
VALGRIND_SKIP  = widths truncate exp1 metrics

check-asan: build/asan/$(PROG) build/asan/qmodel_test build/asan/capacity_test \
	    build/asan/trust_test build/metrics_gen
	WVA_QTEST=$(CURDIR)/build/asan/qmodel_test \
	WVA_CAPTEST=$(CURDIR)/build/asan/capacity_test \
	WVA_TRUSTTEST=$(CURDIR)/build/asan/trust_test \
	WVA_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	WVA_ITL=$(CURDIR)/build/asan/$(PROG) tests/split.sh $(ASAN_SPLIT)

check-valgrind: $(PROG) $(UNIT_TESTS)
	WVA_QUICK=1 WVA_RUN="valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=all --errors-for-leak-kinds=all" \
	    WVA_SKIP="$(VALGRIND_SKIP)" tests/split.sh $(VALGRIND_SPLIT)

.PHONY: check-asan check-valgrind

# The OCI image, built without a container runtime (image/build.sh, the
# README's Image section): mmdebstrap unpacks the Debian packages of
# image/packages, umoci packs them with wva-itl and its man page. "make
# image" always builds (the mirror may have moved); SOURCE_DATE_EPOCH, by
# default the last commit's time, makes two builds the same bytes.
# "make check-image" (first "make image" if the archive is older than
# what goes in it) builds it once more, compares, and runs the tests in
# its root (as root: chroot). "make image-root" is the root folder alone,
# which the Containerfile copies. IMAGE_REPO is where the README pushes
# it and the Tekton examples pull it from; IMAGE_SOURCE is its source
# label: set both to yours.
IMAGE        = $(PROG)-$(VERSION).oci.tar
IMAGE_REPO   = registry.example.com/tools/wva-itl
IMAGE_SOURCE = https://example.com/tools/wva-itl
IMAGE_ENV    = VERSION='$(VERSION)' IMAGE_SOURCE='$(IMAGE_SOURCE)' \
	       MAKE='$(MAKE)'

image: $(PROG)
	$(IMAGE_ENV) image/build.sh $(IMAGE)

$(IMAGE): $(PROG) man/$(PROG).1 image/build.sh image/packages \
	  image/passwd image/group
	$(MAKE) image

image-root: $(PROG)
	$(IMAGE_ENV) image/build.sh -r build/image/root

check-image: $(PROG) $(IMAGE)
	$(IMAGE_ENV) IMAGE='$(IMAGE)' IMAGE_REPO='$(IMAGE_REPO)' \
	    tests/image.sh

.PHONY: image image-root check-image

# Figures for the README and notes, not tests: time and memory against
# baselines in the same run.
# Each script runs even when one before it misses a target.
bench: $(PROG) build/qmodel_test build/metrics_gen
	f=0; bench/log.sh || f=1; bench/report.sh 100 || f=1; \
	bench/qfit.sh || f=1; bench/size.sh || f=1; bench/metrics.sh || f=1; \
	exit $$f

.PHONY: bench

# libFuzzer harnesses, one per input kind, over everything but main.c.
# "make fuzz" runs each for FUZZ_SECONDS from a seed corpus made of
# testdata/ and replays fuzz/regress/ (inputs that once failed).
FUZZ_CC      = clang
FUZZ_SECONDS = 30
FUZZ_SRCS    = $(filter-out src/main.c $(FRONT_SRCS),$(SRCS))
FUZZ_FLAGS   = -g -O1 -fno-omit-frame-pointer \
	       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_BINS    = build/fuzz/fuzz-log build/fuzz/fuzz-json build/fuzz/fuzz-csv \
	       build/fuzz/fuzz-html build/fuzz/fuzz-yaml build/fuzz/fuzz-dataset \
	       build/fuzz/fuzz-csvjson build/fuzz/fuzz-metrics build/fuzz/fuzz-range \
	       build/fuzz/fuzz-auto

$(FUZZ_BINS): fuzz/fuzz.c $(FUZZ_SRCS) $(HDRS) Makefile
	mkdir -p build/fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) \
	    -DFUZZ_KIND=IN_$$(echo $(@F) | sed 's/fuzz-//' | tr a-z A-Z) \
	    -o $@ fuzz/fuzz.c $(FUZZ_SRCS) $(PKG_LIBS) -lm

fuzz: $(FUZZ_BINS)
	fuzz/run.sh $(FUZZ_SECONDS)

.PHONY: fuzz
