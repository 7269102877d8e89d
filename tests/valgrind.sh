#!/bin/sh
# tests/valgrind.sh — runs the loaders, validation, export, the sales
# engine, the report and the HTML build (templates included) over the
# sample content under valgrind memcheck; any error or leak fails.
# Prints "valgrind: N passed, N failed".
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
vg="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect"
run() {
	$vg ./rolebook "$@" >/dev/null 2>"$tmp/err"
	if [ $? = 99 ]; then fail=$((fail + 1)); echo "FAIL: rolebook $*"; head -30 "$tmp/err"
	else pass=$((pass + 1)); fi
}
run check content
run report "$(ls content/sales | tail -n 1)" content -o "$tmp/out"
# the report with warnings, and failing in its template and its tree
run report 2026-10 tests/cases/report-small/content -o "$tmp/out2"
for c in report-template-error report-tree-error; do
	run --templates "tests/cases/$c/tpl" report 2026-10 tests/cases/$c/content -o "$tmp/$c"
done
run build content --format html -o "$tmp/hb"
run build content --format html -o "$tmp/hb"		# unchanged files
run build content --templates tests/html/broken -o "$tmp/bad"	# a template error
run build content --templates tests/html/override -o "$tmp/hb2"
for f in content/roles/salesperson.md content/roles/business-manager.xml; do
	run export "$f"
done
for c in tests/cases/*/; do
	[ -f "$c/args" ] && continue
	run check "$c/content"
done
echo "valgrind: $pass passed, $fail failed"
[ $fail = 0 ]
