# rolebook — see README.md.  GNU make.
#
#   make            install missing Debian packages, build ./rolebook, render content/ into out/
#   make check      every test (unit, golden, PDF, HTML, browser)
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/rolebook

CC	?= cc
PKGS	 = libxml-2.0 yaml-0.1 libcmark-gfm lua5.4 harfbuzz harfbuzz-subset \
	   fontconfig libunibreak
OPT	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wno-unused-parameter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE -DRB_DATADIR='"$(DATADIR)"'
CFLAGS	+= -std=c11 -pthread $(OPT) $(WARN) $(PKG_CFLAGS) $(SAN)
# mimalloc replaces malloc (about a fifth less CPU for the HTML build,
# docs/benchmarks.md); not under sanitizers, which bring their own.
MALLOC	?= -lmimalloc
LDLIBS	+= $(PKG_LIBS) -lpng -ldeflate -lm $(if $(SAN),,$(MALLOC))
LDFLAGS	+= -pthread $(SAN)

# Build variants live in their own folders: build/ (default), build-asan/.
B	?= build
SRCS	:= $(sort $(wildcard src/*/*.c))
MAIN	 = src/cli/main.c
LIBSRCS	:= $(filter-out $(MAIN),$(SRCS))
OBJS	:= $(LIBSRCS:%.c=$(B)/%.o)
TESTSRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTBINS := $(TESTSRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps render check unit golden check-asan check-valgrind \
	install clean regen fuzz bench tools

# deps runs first and alone: the pkg-config flags above are read when make
# starts, so the build itself runs in a second make, after the install.
all: deps
	@$(MAKE) --no-print-directory rolebook render

deps:
	@sh scripts/bootstrap

rolebook: $(B)/rolebook
	cp $(B)/rolebook $@

$(B)/rolebook: $(OBJS) $(B)/src/cli/main.o
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/librolebook.a: $(OBJS)
	rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/tests/%: tests/unit/%.c $(B)/librolebook.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/librolebook.a \
	    $(LDFLAGS) $(LDLIBS) -lcriterion

# ---- test tools (tests/tools/*.c): programs the check scripts run, e.g.
# tests/check-pdf.sh's glyphcheck; linked like the unit tests, no Criterion,
# plus libharu (test only: glyphcheck's known-bad embedding for the negative
# control; rolebook itself writes PDF with src/pdf/pdfw.c).
TOOLSRCS := $(sort $(wildcard tests/tools/*.c))
TOOLBINS := $(TOOLSRCS:tests/tools/%.c=$(B)/tests/tools/%)

tools: $(TOOLBINS)

$(B)/tests/tools/%: tests/tools/%.c $(B)/librolebook.a
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -Isrc -o $@ $< $(B)/librolebook.a \
	    $(LDFLAGS) $(LDLIBS) -lhpdf
# ---- end of test tools

# Render the sample content (validation first; nothing written on errors):
# the handbook (out/handbook/), then the payroll export of the latest month.
render: rolebook
	./rolebook build content
	./rolebook report $$(ls content/sales | tail -n 1) content -o out

check: deps
	@sh scripts/bootstrap --test
	@$(MAKE) --no-print-directory rolebook
	@$(MAKE) --no-print-directory unit golden
	sh tests/run-all.sh
	@set -e; for t in tests/check-*.sh; do [ -f "$$t" ] || continue; \
	    echo "== $$t"; sh "$$t"; done

unit: $(TESTBINS)
	@set -e; for t in $(TESTBINS); do echo "== $$t"; \
	    (cd tests/unit && ../../$$t --jobs 2) || exit 1; done

golden: rolebook
	sh tests/run.sh

regen: rolebook
	sh tests/run.sh --regen

ASAN	 = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) B=build-asan SAN='$(ASAN)' OPT='-O1 -g' \
	    build-asan/rolebook unit-asan
	ROLEBOOK=./build-asan/rolebook sh tests/run.sh
	SAN='$(ASAN)' OPT='-O1 -g' sh tests/fuzz/replay.sh build-asan

unit-asan: $(TESTBINS)
	@set -e; for t in $(TESTBINS); do echo "== $$t"; \
	    (cd tests/unit && ../../$$t --jobs 1) || exit 1; done

check-valgrind: rolebook
	sh tests/valgrind.sh

# FUZZ_SECONDS per harness (default 30); FUZZ_TARGETS: names (default all).
fuzz:
	sh tests/fuzz/run.sh $${FUZZ_SECONDS:-30} $(FUZZ_TARGETS)

bench:
	python3 scripts/bench $(BENCH_ARGS)

install: rolebook
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 rolebook $(DESTDIR)$(BINDIR)/rolebook
	install -m 644 rolebook.1 $(DESTDIR)$(MANDIR)/man1/rolebook.1
	cp -R schema $(DESTDIR)$(DATADIR)/
	if [ -d templates ]; then cp -R templates $(DESTDIR)$(DATADIR)/; fi

clean:
	rm -rf build build-asan rolebook out tests/run

-include $(OBJS:.o=.d) $(B)/src/cli/main.d
