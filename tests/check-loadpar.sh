#!/bin/sh
# tests/check-loadpar.sh — role files are parsed in threads (RB_JOBS,
# src/load/site.c); the diagnostics must not depend on it.  A generated
# corpus of 100 roles (scripts/gen-corpus) gets errors in a dozen role
# files, Markdown and XML (copied from tests/cases, and made by editing
# generated roles); `check` must print the same diagnostics, in the same
# order, as text and as JSON, with the same exit code, for RB_JOBS=1
# (no thread) and 2, 3, 4 threads; `build --format html` too.
# Prints "loadpar: N passed, N failed".
. "$(dirname "$0")/lib.sh"

python3 scripts/gen-corpus 100 "$tmp/c" >/dev/null || ko "gen-corpus"
r=$tmp/c/roles
# Broken files from the golden cases, spread between generated ones.
k=1
for c in xml-unknown-element-suggest xml-malformed xml-bad-utf8 \
    xml-bad-kind md-bad-yaml md-front-matter-errors md-section-typo \
    md-bad-utf8 raw-html-warning many-errors-sorted; do
	for f in tests/cases/$c/content/roles/*; do
		cp "$f" "$r/role-000${k}5-${c}-$(basename "$f")"
	done
	k=$((k + 1))
done
# Generated roles made wrong: a bad headcount, an unknown department, an
# unknown reports_to, a front matter left open.
sed -i 's/^headcount: .*/headcount: many/' "$r/role-00003.md"
sed -i 's/^department: .*/department: nosuch/' "$r/role-00047.md"
sed -i 's/^level: .*/level: 三级\nreports_to: nobody-here/' "$r/role-00071.md"
sed -i '1!s/^---$/----/' "$r/role-00098.md"

for j in 1 2 3 4; do
	RB_JOBS=$j $rb check "$tmp/c" >"$tmp/o$j" 2>"$tmp/e$j"
	echo $? >"$tmp/x$j"
	RB_JOBS=$j $rb --diagnostics=json check "$tmp/c" >/dev/null \
	    2>"$tmp/je$j"
	RB_JOBS=$j $rb build "$tmp/c" --format html -o "$tmp/h$j" \
	    >/dev/null 2>"$tmp/he$j"
	echo $? >"$tmp/hx$j"
done
n=$(grep -c ': error: ' "$tmp/e1")
files=$(grep ': error: ' "$tmp/e1" | cut -d: -f1 | sort -u | wc -l)
if [ "$(cat "$tmp/x1")" = 1 ] && [ "$files" -ge 12 ] && [ "$n" -ge 20 ]; then ok
else ko "RB_JOBS=1: exit $(cat "$tmp/x1"), $n errors in $files files"; fi
# Diagnostics come sorted by file: the errors of role-00003 before those
# of the files copied in after it.
if [ "$(grep -m1 -o 'role-000[0-9]*' "$tmp/e1")" = role-00003 ]; then ok
else ko "first diagnostic not about role-00003: $(head -1 "$tmp/e1")"; fi
for j in 2 3 4; do
	if cmp -s "$tmp/e1" "$tmp/e$j" && cmp -s "$tmp/x1" "$tmp/x$j" &&
	    cmp -s "$tmp/o1" "$tmp/o$j"; then ok
	else ko "check RB_JOBS=$j differs from RB_JOBS=1"
		diff "$tmp/e1" "$tmp/e$j" | head -5; fi
	if cmp -s "$tmp/je1" "$tmp/je$j"; then ok
	else ko "check --diagnostics=json RB_JOBS=$j differs"; fi
	if cmp -s "$tmp/he1" "$tmp/he$j" && cmp -s "$tmp/hx1" "$tmp/hx$j"; then ok
	else ko "build RB_JOBS=$j differs from RB_JOBS=1"
		diff "$tmp/he1" "$tmp/he$j" | head -5; fi
done
# Without errors, the same HTML with and without threads.
python3 scripts/gen-corpus 60 "$tmp/g" >/dev/null
for j in 1 3; do
	RB_JOBS=$j $rb build "$tmp/g" --format html -o "$tmp/g$j" \
	    >/dev/null 2>&1 || ko "RB_JOBS=$j build of a good corpus failed"
done
if diff -r "$tmp/g1" "$tmp/g3" >/dev/null; then ok
else ko "HTML differs between RB_JOBS=1 and 3"; fi

echo "loadpar: $pass passed, $fail failed"
[ "$fail" = 0 ]
