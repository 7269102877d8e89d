#!/bin/sh
# tests/valgrind.sh — runs the loaders, validation, export, the sales
# engine, the report and rolebook build (HTML, PDF and Word, templates
# included), import of the Word files
# over the sample content, the golden cases and inputs that hit limits
# under valgrind memcheck; any error, leak or crash fails.
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
	rc=$?
	# 99: a memcheck error or leak; above 2: a crash (not a diagnostic)
	if [ $rc -gt 2 ]; then fail=$((fail + 1)); echo "FAIL ($rc): rolebook $*"; head -30 "$tmp/err"
	else pass=$((pass + 1)); fi
}
run check content
# role files loaded in 3 threads (40 roles, one of them broken)
python3 scripts/gen-corpus 40 "$tmp/g40" >/dev/null
sed -i 's/^headcount: .*/headcount: many/' "$tmp/g40/roles/role-00007.md"
RB_JOBS=3 run check "$tmp/g40"
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
# the PDF handbook and role sheets, then the whole build (HTML and PDF)
run build content --format pdf -o "$tmp/pb"
run build content -o "$tmp/all"
# the Word files (src/docx): fresh, unchanged, every element of the tree;
# and rolebook import reading two of them back (src/import)
run build content --format docx -o "$tmp/dx"
run build content --format docx -o "$tmp/dx"
run build content --templates tests/docx/tpl --format docx -o "$tmp/dxt"
run import --into "$tmp/dxi" "$tmp/dx/roles/salesperson.docx" \
    "$tmp/dx/roles/business-manager.docx" "$tmp/dxt/handbook.docx"
# the report as HTML and PDF where the build has both
run report "$(ls content/sales | tail -n 1)" content -o "$tmp/all"
# limits hit: deep nesting, a big table, a template budget
awk 'BEGIN { print "---\nid: x\ntitle: x\ndepartment: sales\n---\n\n## 岗位概述\n";
    for (i = 0; i < 5000; i++) printf "- "; print "x\n\n## 工作职责\n\n1. y" }' >"$tmp/deep.md"
run export "$tmp/deep.md"
mkdir -p "$tmp/loop"; printf '<%% while true do end %%>\n' >"$tmp/loop/index.lua.html"
run --limit tmpl-steps=100000 --templates "$tmp/loop" build content --format html -o "$tmp/loopout"
# issue 17: an xpcall handler, metered library calls, a chart and a table
# of contents (built), then 3,000 headings each with a <rb-toc/> (refused)
mkdir -p "$tmp/gen" "$tmp/toc"
printf '%s\n' '<% xpcall(function() error("x") end, function(m) return m end) table.move({1, 2, 3}, 1, 3, 2, {}) for c in utf8.codes("añb") do end table.sort({3, 1, 2}) %><rb-document title="t"><rb-chart><% for i = 1, 3 do %><rb-series name="s"><rb-point label="c<%= i %>" value="1"/></rb-series><% end %></rb-chart><h1 id="a">A</h1><rb-toc/></rb-document>' \
    >"$tmp/gen/index.lua.html"
run --limit tmpl-ms=600000 --templates "$tmp/gen" build content --format html -o "$tmp/genout"
printf '%s\n' '<rb-document title="t"><% for i = 1, 3000 do %><h2 id="h<%= i %>">h</h2><rb-toc/><% end %></rb-document>' \
    >"$tmp/toc/index.lua.html"
run --limit tmpl-ms=600000 --templates "$tmp/toc" build content --format html -o "$tmp/tocout"
for f in content/roles/salesperson.md content/roles/business-manager.xml; do
	run export "$f"
done
# issue 17: refused links through both writers; content files that are
# not files (a link out, a FIFO, a folder) refused without being read
run build tests/cases/links-hostile/content -o "$tmp/links"
cp -R tests/cases/ok-minimal/content "$tmp/kinds"
ln -s /etc/passwd "$tmp/kinds/roles/leak.md"
mkfifo "$tmp/kinds/roles/pipe.md"
mkdir "$tmp/kinds/roles/dir.md"
run check "$tmp/kinds"
for c in tests/cases/*/; do
	[ -f "$c/args" ] && continue
	run check "$c/content"
done
echo "valgrind: $pass passed, $fail failed"
[ $fail = 0 ]
