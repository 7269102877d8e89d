#!/bin/sh
# tests/fuzz/run.sh SECONDS [NAME...] — builds every libFuzzer harness
# tests/fuzz/fuzz_NAME.c (or the named ones) with clang and address +
# undefined sanitizers, and runs each for SECONDS, one after the other, one
# process (-jobs is never used: the machine is shared).  Seeds come from the
# sample content, the golden cases and tests/fuzz/seeds/NAME/; the corpus
# grows in obj-fuzz/corpus-NAME/ across runs.  Any crash, leak, UB or hang
# (an input running over 10 s) fails; the input is left in tests/fuzz/out/ —
# turn each into a regression case in tests/ (see docs/security.md).
# Prints one line per harness and "fuzz: N passed, N failed".
set -eu
secs=${1:-30}
[ $# -gt 0 ] && shift
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=obj-fuzz
mkdir -p "$out" tests/fuzz/out
SAN="-fsanitize=address,undefined -fno-sanitize-recover=all"
# the libraries of the Makefile's PKGS (one list: it cannot drift)
PKGS=$(awk '/^PKGS/ { on = 1; sub(/^PKGS[ \t]*=/, "") }
    on { l = $0; sub(/\\$/, "", l); printf "%s ", l; if ($0 !~ /\\$/) exit }' Makefile)
# The library once, instrumented for coverage, in its own build folder.
make --no-print-directory -s B=$out CC=clang OPT='-O1 -g' \
    SAN="-fsanitize=fuzzer-no-link $SAN" $out/librolebook.a >/dev/null
CF="-g -O1 -std=c11 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer $SAN $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lpng -ldeflate -lm"
names=${*:-$(ls tests/fuzz/fuzz_*.c | sed 's,.*/fuzz_,,; s,\.c$,,')}

# seed NAME DIR: copies the seed inputs of harness NAME into DIR.
seed() {
	case $1 in
	md|yaml) cp content/roles/*.md "$2"/
	    find tests/cases -name '*.md' | while read -r f; do
		cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
	xml) cp content/roles/*.xml content/org.xml "$2"/
	    find tests/cases -name '*.xml' | while read -r f; do
		cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
	csv) find content/sales tests/cases -name '*.csv' | while read -r f; do
		cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
	csvout) i=0; find content tests/cases -name 'staff*.csv' |
	    while read -r f; do tail -n +2 "$f" | cut -d, -f2 |
		while IFS= read -r n; do i=$((i + 1))
		printf '%s' "$n" >"$2/name-$(echo "$f" | tr / _)-$i"; done
	    done ;;
	plan) find content/plans tests/cases -name '*.plan' | while read -r f; do
		cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
	doc|layout) cp tests/fuzz/seeds/doc/* "$2"/
	    for f in tests/layout/*/input.xhtml; do
		[ -f "$f" ] && cp "$f" "$2/$(echo "$f" | tr / _)"; done ;;
	theme) cp templates/theme.conf "$2"/ ;;
	tmpl) cp tests/unit/tmpl/builtin/*.lua.html "$2"/
	    if [ -d templates ]; then find templates -name '*.lua.html' |
		while read -r f; do cp "$f" "$2/$(echo "$f" | tr / _)"; done; fi ;;
	esac
	if [ -d tests/fuzz/seeds/$1 ]; then cp tests/fuzz/seeds/$1/* "$2"/; fi
	# the YAML harness gets the front matter alone
	if [ "$1" = yaml ]; then
		for f in "$2"/*.md; do
			[ -f "$f" ] || continue
			awk 'NR == 1 && /^---/ { on = 1; next }
			    on && /^---/ { exit } on { print }' "$f" >"$f.yaml"
			rm -f "$f"
		done
	fi
	return 0
}

fail=0 pass=0
for h in $names; do
	corpus=$out/corpus-$h
	mkdir -p "$corpus"
	seed "$h" "$corpus"
	clang $CF -o "$out/fuzz_$h" tests/fuzz/fuzz_$h.c $out/librolebook.a $LIBS
	# first the regression inputs: each must still run clean
	if [ -d tests/fuzz/regress/$h ] && ! "$out/fuzz_$h" -timeout=10 \
	    -rss_limit_mb=2048 tests/fuzz/regress/$h/* >"$out/fuzz_$h.log" 2>&1
	then
		fail=$((fail + 1))
		echo "FAIL: fuzz_$h on tests/fuzz/regress/$h"
		tail -30 "$out/fuzz_$h.log"
		continue
	fi
	start=$(date +%s)
	maxlen=65536
	[ "$h" = layout ] && maxlen=16384
	if "$out/fuzz_$h" -max_total_time="$secs" -max_len=$maxlen -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 \
	    -artifact_prefix=tests/fuzz/out/$h- "$corpus" \
	    >"$out/fuzz_$h.log" 2>&1; then
		pass=$((pass + 1)) res=ok
	else
		fail=$((fail + 1)) res=FAIL
	fi
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$out/fuzz_$h.log")
	cov=$(grep -o 'cov: [0-9]*' "$out/fuzz_$h.log" | tail -1)
	echo "fuzz_$h: $res, $(( $(date +%s) - start )) s, ${runs:-?} runs," \
	    "$cov, corpus $(ls "$corpus" | wc -l)"
	echo "$(date -u +%FT%TZ) fuzz_$h $res $(( $(date +%s) - start ))s" \
	    "runs=${runs:-?} $cov" >>"$out/history.log"
	if [ $res = FAIL ]; then
		grep -A30 '^==[0-9]*==\|^SUMMARY\|deadly signal\|timeout' \
		    "$out/fuzz_$h.log" | head -40
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail = 0 ]
