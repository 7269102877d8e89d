# rolebook — see README.md.  GNU make.
#
#   make            install missing Debian packages, build ./rolebook, render content/ into out/
#   make check      every test (unit, golden, PDF, HTML, browser)
#   make install    PREFIX=/usr/local DATADIR=$(PREFIX)/share/rolebook DESTDIR=
#   make uninstall  the same variables: removes what make install put there
#   make deb        the Debian package obj-deb/rolebook_VERSION_ARCH.deb

PREFIX	?= /usr/local
BINDIR	?= $(PREFIX)/bin
MANDIR	?= $(PREFIX)/share/man
DATADIR	?= $(PREFIX)/share/rolebook
# The version, in one place: debian/changelog's first line.
VERSION	:= $(shell awk 'NR == 1 { gsub(/[()]/, "", $$2); print $$2 }' debian/changelog)

CC	?= cc
PKGS	 = libxml-2.0 libzip yaml-0.1 libcmark-gfm lua5.4 harfbuzz harfbuzz-subset \
	   fontconfig freetype2 libunibreak xlsxwriter
OPT	?= -O2 -g
WARN	 = -Wall -Wextra -Wshadow -Wmissing-prototypes -Wstrict-prototypes \
	   -Wwrite-strings -Wno-unused-parameter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -D_GNU_SOURCE
CFLAGS	+= -std=c11 -pthread $(OPT) $(WARN) $(PKG_CFLAGS) $(SAN)
# mimalloc replaces malloc (about a fifth less CPU for the HTML build,
# docs/benchmarks.md); not under sanitizers, which bring their own.
MALLOC	?= -lmimalloc
LDLIBS	+= $(PKG_LIBS) -lpng -ldeflate -lm $(if $(SAN),,$(MALLOC))
LDFLAGS	+= -pthread $(SAN)

# Object folders, one per variant: obj/ (default), obj-asan/, obj-fuzz/,
# obj-bench/ (src/build/ is the build stage's source, not objects).
B	?= obj
SRCS	:= $(sort $(wildcard src/*/*.c))
MAIN	 = src/cli/main.c
LIBSRCS	:= $(filter-out $(MAIN),$(SRCS))
OBJS	:= $(LIBSRCS:%.c=$(B)/%.o)
TESTSRCS := $(sort $(wildcard tests/unit/test_*.c))
TESTBINS := $(TESTSRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps render check unit golden check-asan check-valgrind \
	install uninstall deb clean regen fuzz bench tools FORCE

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

# The data folder (RB_DATADIR) and the version (RB_VERSION) compiled in
# are part of what make tracks: $(B)/config holds the values of the last
# build and is rewritten only when DATADIR (or PREFIX) or VERSION changes,
# so the objects that use them are recompiled then, however make is called
# (`make install PREFIX=/opt/rolebook` after a plain `make` rebuilds them).
# Nothing else is recompiled.
CONFIG	 = DATADIR=$(DATADIR) VERSION=$(VERSION)
CONFIG_USERS := $(shell grep -l 'RB_DATADIR\|RB_VERSION' $(SRCS))
$(CONFIG_USERS:%.c=$(B)/%.o): $(B)/config
$(CONFIG_USERS:%.c=$(B)/%.o): CPPFLAGS += -DRB_DATADIR='"$(DATADIR)"' \
	-DRB_VERSION='"$(VERSION)"'
$(B)/config: FORCE
	@mkdir -p $(B)
	@printf '%s\n' '$(CONFIG)' | cmp -s - $@ || \
	    printf '%s\n' '$(CONFIG)' >$@
FORCE:

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
	$(MAKE) B=obj-asan SAN='$(ASAN)' OPT='-O1 -g' \
	    obj-asan/rolebook unit-asan
	ROLEBOOK=./obj-asan/rolebook sh tests/run.sh
	SAN='$(ASAN)' OPT='-O1 -g' sh tests/fuzz/replay.sh obj-asan

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

# DESTDIR is a staging root (packages): never compiled in.  The files of
# schema/ and templates/ (subfolders kept) are listed here once, for
# install and uninstall.
DATAFILES := $(sort $(shell find schema templates -type f 2>/dev/null))
DATADIRS  := $(sort $(dir $(DATAFILES)))
install: rolebook
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 755 rolebook $(DESTDIR)$(BINDIR)/rolebook
	install -m 644 rolebook.1 $(DESTDIR)$(MANDIR)/man1/rolebook.1
	@set -e; for f in $(DATAFILES); do \
	    echo "install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f"; \
	    install -D -m 644 $$f $(DESTDIR)$(DATADIR)/$$f; done

# Folders last, deepest first, and only when empty.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/rolebook $(DESTDIR)$(MANDIR)/man1/rolebook.1 \
	    $(DATAFILES:%=$(DESTDIR)$(DATADIR)/%)
	@for d in $$(printf '%s\n' $(DATADIRS:%/=%) | sort -r); do \
	    rmdir $(DESTDIR)$(DATADIR)/$$d 2>/dev/null || true; done
	@rmdir $(DESTDIR)$(DATADIR) 2>/dev/null || true

# ---- Debian package (debian/; README.md, "Debian package"): built by
# dpkg-buildpackage in a copy of the tree's files (git ls-files: tracked
# and new, not ignored) under obj-deb/, which also receives the .deb, so
# neither the tree nor its parent folder gets the build's files.  Remade
# when a tracked file changes (names make cannot take are left out).
DEBARCH	:= $(shell dpkg --print-architecture 2>/dev/null || echo amd64)
DEB	 = obj-deb/rolebook_$(VERSION)_$(DEBARCH).deb
DEB_JOBS ?= 2
deb: $(DEB)
$(DEB): $(shell git -c core.quotePath=off ls-files 2>/dev/null | grep -v '[:; ]')
	rm -rf obj-deb
	mkdir -p obj-deb/rolebook-$(VERSION)
	git ls-files -z -co --exclude-standard | tar --null -T - \
	    --ignore-failed-read -cf - | tar -xf - -C obj-deb/rolebook-$(VERSION)
	cd obj-deb/rolebook-$(VERSION) && dpkg-buildpackage -us -uc -b -j$(DEB_JOBS)
	test -f $@

# `make print-VAR` prints a variable (tests/check-deb.sh reads PKGS and
# LDLIBS to check debian/control's Build-Depends).
print-%:
	@echo '$($*)'

clean:
	rm -rf obj obj-asan obj-deb rolebook out tests/run

-include $(OBJS:.o=.d) $(B)/src/cli/main.d
