#!/bin/sh
# tests/fuzz/run.sh SECONDS — builds each libFuzzer harness with clang
# (address + undefined sanitizers) and runs it for SECONDS, seeded from the
# sample content and the golden cases.  Any crash fails; crashing inputs are
# left in tests/fuzz/out/ — turn each into a regression case in tests/cases.
set -eu
secs=${1:-30}
top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
out=build-fuzz
mkdir -p "$out" tests/fuzz/out
PKGS="libxml-2.0 yaml-0.1 libcmark-gfm lua5.4 harfbuzz harfbuzz-subset fontconfig libunibreak"
CF="-g -O1 -std=c11 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer,address,undefined $(pkg-config --cflags $PKGS)"
LIBS="$(pkg-config --libs $PKGS) -lhpdf -lpng -lz -lm"
srcs=$(ls src/*/*.c | grep -v src/cli/main.c)
fail=0 pass=0
for h in md xml csv; do
	corpus=$out/corpus-$h
	mkdir -p "$corpus"
	case $h in
	md) cp content/roles/*.md "$corpus"/ 2>/dev/null || true
	    find tests/cases -name '*.md' -exec cp {} "$corpus"/ \; ;;
	xml) cp content/roles/*.xml content/org.xml "$corpus"/ 2>/dev/null || true ;;
	csv) for f in content/sales/*/events.csv; do cp "$f" "$corpus/$(echo "$f" | tr / _)"; done ;;
	esac
	clang $CF -o "$out/fuzz_$h" tests/fuzz/fuzz_$h.c $srcs $LIBS
	if "$out/fuzz_$h" -max_total_time="$secs" -max_len=65536 -timeout=10 \
	    -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix=tests/fuzz/out/$h- "$corpus" \
	    >"$out/fuzz_$h.log" 2>&1; then
		pass=$((pass + 1))
		echo "fuzz_$h: $(grep '^Done' "$out/fuzz_$h.log" || tail -1 "$out/fuzz_$h.log")"
	else
		fail=$((fail + 1))
		echo "FAIL: fuzz_$h"; tail -30 "$out/fuzz_$h.log"
	fi
done
echo "fuzz: $pass passed, $fail failed"
[ $fail = 0 ]
