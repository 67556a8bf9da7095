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
WI_CFLAGS  = -std=c11 -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -Wall -Wextra

SRCS = src/main.c src/scan.c src/lineio.c src/clean.c src/rejoin.c \
       src/in_g02.c src/in_g04.c src/in_vllm.c src/jstream.c src/in_json.c src/in_yaml.c src/csv.c src/in_csv.c src/bench.c src/solve.c src/fit_lsq.c src/out_doc.c src/fmt.c src/err.c \
       src/re.c src/num.c src/out_json.c src/out_yaml.c src/out_env.c src/out_wva.c src/out_svg.c
OBJS = $(SRCS:.c=.o)
HDRS = src/wi.h src/lineio.h src/clean.h src/rejoin.h src/in_g02.h src/in_g04.h src/in_vllm.h src/jstream.h src/in_json.h src/in_yaml.h src/csv.h src/in_csv.h src/bench.h \
       src/solve.h src/out_doc.h src/fmt.h src/re.h src/out.h src/scan.h

all: $(PROG)

$(PROG): $(OBJS)
	$(CC) $(LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS) -lm

$(OBJS): $(HDRS) Makefile

.c.o:
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) -c -o $@ $<

check: $(PROG)
	tests/run.sh

install: $(PROG)
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 $(PROG) $(DESTDIR)$(BINDIR)/$(PROG)
	install -m 644 man/$(PROG).1 $(DESTDIR)$(MANDIR)/man1/$(PROG).1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/$(PROG) $(DESTDIR)$(MANDIR)/man1/$(PROG).1

clean:
	rm -rf $(PROG) $(OBJS) build

.PHONY: all check install uninstall clean

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer, and
# under valgrind (width sweeps sampled: valgrind is slow to start).
SAN_FLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	    -fno-sanitize-recover=all

build/asan/$(PROG): $(SRCS) $(HDRS) Makefile
	mkdir -p build/asan
	$(CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(CFLAGS) $(SAN_FLAGS) \
	    $(LDFLAGS) -o $@ $(SRCS) $(PKG_LIBS) -lm

check-asan: build/asan/$(PROG)
	WVA_SANITIZED=1 ASAN_OPTIONS=detect_leaks=1:exitcode=99 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:exitcode=99 \
	WVA_ITL=$(CURDIR)/build/asan/$(PROG) tests/run.sh

check-valgrind: $(PROG)
	WVA_QUICK=1 WVA_RUN="valgrind -q --error-exitcode=99 --leak-check=full \
	    --show-leak-kinds=all --errors-for-leak-kinds=all" tests/run.sh

.PHONY: check-asan check-valgrind

# Figures for the README and notes, not tests: time and memory against
# baselines in the same run.
bench: $(PROG)
	bench/log.sh
	bench/report.sh 100

.PHONY: bench

# libFuzzer harnesses, one per input kind, over everything but main.c.
# "make fuzz" runs each for FUZZ_SECONDS from a seed corpus made of
# testdata/ and replays fuzz/regress/ (inputs that once failed).
FUZZ_CC      = clang
FUZZ_SECONDS = 30
FUZZ_SRCS    = $(filter-out src/main.c,$(SRCS))
FUZZ_FLAGS   = -g -O1 -fno-omit-frame-pointer \
	       -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_BINS    = build/fuzz/fuzz-log build/fuzz/fuzz-json build/fuzz/fuzz-csv \
	       build/fuzz/fuzz-yaml build/fuzz/fuzz-auto

$(FUZZ_BINS): fuzz/fuzz.c $(FUZZ_SRCS) $(HDRS) Makefile
	mkdir -p build/fuzz
	$(FUZZ_CC) $(CPPFLAGS) $(WI_CFLAGS) $(PKG_CFLAGS) $(FUZZ_FLAGS) \
	    -DFUZZ_KIND=IN_$$(echo $(@F) | sed 's/fuzz-//' | tr a-z A-Z) \
	    -o $@ fuzz/fuzz.c $(FUZZ_SRCS) $(PKG_LIBS) -lm

fuzz: $(FUZZ_BINS)
	fuzz/run.sh $(FUZZ_SECONDS)

.PHONY: fuzz
