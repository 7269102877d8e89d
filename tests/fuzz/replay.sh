#!/bin/sh
# tests/fuzz/replay.sh [OBJ] — replays every regression input of
# tests/fuzz/regress/NAME/ through harness fuzz_NAME.c, linked with
# tests/fuzz/replay.c and OBJ/librolebook.a (default obj; SAN in the
# environment adds sanitizer flags, as make check-asan does).  Each input
# must run to its end without a crash or sanitizer report, in 10 s.
# Prints "fuzz-regress: N passed, N failed".
set -u
B=${1:-obj}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
# the libraries of the Makefile's PKGS (one list: it cannot drift)
PKGS=$(awk '/^PKGS/ { on = 1; sub(/^PKGS[ \t]*=/, "") }
    on { l = $0; sub(/\\$/, "", l); printf "%s ", l; if ($0 !~ /\\$/) exit }' Makefile)
make --no-print-directory -s B="$B" "$B/librolebook.a" >/dev/null || exit 1
mkdir -p "$B/fuzz-replay"
pass=0 fail=0
for dir in tests/fuzz/regress/*/; do
	h=$(basename "$dir")
	bin=$B/fuzz-replay/$h
	[ -f tests/fuzz/fuzz_$h.c ] || continue
	if ! ${CC:-cc} -g -O1 -std=c11 -D_GNU_SOURCE -Isrc ${SAN:-} \
	    $(pkg-config --cflags $PKGS) -o "$bin" tests/fuzz/fuzz_$h.c \
	    tests/fuzz/replay.c "$B/librolebook.a" $(pkg-config --libs $PKGS) \
	    -lpng -ldeflate -lm; then
		fail=$((fail + 1)); echo "FAIL: cannot build $bin"; continue
	fi
	for f in "$dir"*; do
		[ -f "$f" ] || continue
		if timeout 10 "$bin" "$f" >"$B/fuzz-replay/log" 2>&1; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1)); echo "FAIL: $f"
			tail -20 "$B/fuzz-replay/log"
		fi
	done
done
echo "fuzz-regress: $pass passed, $fail failed"
[ $fail = 0 ]
