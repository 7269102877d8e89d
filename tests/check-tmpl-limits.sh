#!/bin/sh
# tests/check-tmpl-limits.sh — template limits that always hold (issue 17,
# docs/security.md "Template limits"): each hostile template of the
# red-team pass, given with --templates at the default limits, ends with
# its limit diagnostic and exit 1, and nothing is written.  The time each
# run took is printed (it is not asserted; they take about 1 s, the
# watchdog cases up to the time limit plus 0.5 s).  A run over 20 s is
# killed and fails.  Prints "tmpl-limits: N passed, N failed".
. "$(dirname "$0")/lib.sh"

# case NAME EXIT PATTERN [ENV=V ...] -- rolebook arguments
case_() {
	name=$1 want=$2 pat=$3
	shift 3
	envs=
	while [ "$1" != "--" ]; do envs="$envs $1"; shift; done
	shift
	rm -rf "$tmp/o"
	mkdir -p "$tmp/o"
	t0=$(date +%s%N)
	env $envs timeout 20 "$rb" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	echo "  $name: exit $rc in $ms ms"
	if [ $rc != "$want" ]; then
		ko "$name: exit $rc, wanted $want: $(head -3 "$tmp/err")"
	elif [ -n "$pat" ] && ! grep -qF -- "$pat" "$tmp/err"; then
		ko "$name: no '$pat' in: $(head -3 "$tmp/err")"
	elif [ "$want" != 0 ] && [ -z "${KILLED:-}" ] && [ -e "$tmp/o/out" ]; then
		ko "$name: a failed build wrote $tmp/o/out"
	elif [ "$want" != 0 ] && [ -n "$(find "$tmp/o" -name '*.html' 2>/dev/null)" ]; then
		ko "$name: a failed build wrote a page"
	else
		ok
	fi
}

# tpl NAME FILE CODE: templates folder $tmp/NAME whose FILE runs CODE.
tpl() {
	mkdir -p "$tmp/$1"
	printf '%s\n' "$3" >"$tmp/$1/$2"
}

limit="template exceeded its"

# ---- the message handler ---------------------------------------------

tpl xloop index.lua.html \
    '<% xpcall(function() while true do end end, function() while true do end end) %>'
case_ "xpcall: endless function and handler" 1 "index.lua.html:1: error: $limit" \
    -- --templates "$tmp/xloop" build content -o "$tmp/o/out" --format html
tpl xerr index.lua.html \
    '<% xpcall(function() error("x") end, function() while true do end end) %>'
case_ "xpcall: error, endless handler" 1 "index.lua.html:1: error: $limit" \
    -- --templates "$tmp/xerr" build content -o "$tmp/o/out" --format html

# ---- library calls the count hook cannot see ------------------------

tpl move index.lua.html '<% table.move({},1,math.maxinteger-1,1,{}) %>'
case_ "table.move of 2^63 elements" 1 \
    "index.lua.html:1: error: template exceeded its instruction budget" \
    -- --templates "$tmp/move" build content -o "$tmp/o/out" --format html
tpl sort index.lua.html \
    '<% local t = {} for i = 1, 3000000 do t[i] = (i * 7919) % 1000003 end while true do table.sort(t) end %>'
case_ "table.sort of 3,000,000 elements, repeated" 1 \
    "index.lua.html:1: error: $limit" \
    -- --templates "$tmp/sort" build content -o "$tmp/o/out" --format html
tpl unpack index.lua.html '<% table.unpack({}, 1, 1e8) %>'
case_ "table.unpack of 10^8 elements" 1 \
    "index.lua.html:1: error: template exceeded its instruction budget" \
    -- --templates "$tmp/unpack" build content -o "$tmp/o/out" --format html
tpl utf8 index.lua.html \
    '<% local s = ("a"):rep(3e7) while true do utf8.len(s) end %>'
case_ "utf8.len of 30 MB, repeated" 1 "index.lua.html:1: error: $limit" \
    -- --templates "$tmp/utf8" build content -o "$tmp/o/out" --format html

# ---- deep recursion ----------------------------------------------------

tpl deep index.lua.html '<% local function f(n) return 1 + f(n + 1) end f(1) %>'
case_ "non-tail recursion without end" 1 \
    "index.lua.html:1: error: stack overflow: calls nested too deeply (an endless recursion?)" \
    -- --templates "$tmp/deep" build content -o "$tmp/o/out" --format html
[ "$(grep -c 'note: from here' "$tmp/err")" = 0 ] && ok ||
    ko "recursion: a note per frame: $(grep -c note "$tmp/err")"

# ---- output bombs ----------------------------------------------------
# Every <rb-toc/> lists every heading: 3,000 headings each followed by
# one wrote a 339 MB index.html (625 MB RSS); 20,000 passed 23 GB.  Now
# refused before the backend runs (toc-entries, output-size), as are a
# chart whose matrix multiplies (chart-cells) and a page over
# output-size.

tocbomb() {
	tpl "$1" "$2" "<rb-document title=\"t\"><% for i = 1, $3 do %><h2 id=\"h<%= i %>\">标题 <%= i %></h2><rb-toc/><% end %></rb-document>"
}
tocbomb toc3k index.lua.html 3000
case_ "3,000 headings each followed by <rb-toc/>" 1 \
    "index.lua.html:1: error: tables of contents: 67 <rb-toc/> up to here list 3000 headings each, more than 200000 entries (limit toc-entries=200000; raise it with --limit toc-entries=N)" \
    -- --templates "$tmp/toc3k" build content -o "$tmp/o/out" --format html
tocbomb toc20k index.lua.html 20000
case_ "20,000 headings each followed by <rb-toc/>" 1 \
    "error: tables of contents: 11 <rb-toc/> up to here list 20000 headings each, more than 200000 entries (limit toc-entries=200000" \
    -- --templates "$tmp/toc20k" build content -o "$tmp/o/out" --format html
tocbomb tocpdf handbook.lua.html 3000
case_ "3,000 headings and <rb-toc/> in the PDF handbook" 1 \
    "handbook.lua.html:1: error: tables of contents: 67 <rb-toc/> up to here" \
    -- --templates "$tmp/tocpdf" build content -o "$tmp/o/out" --format pdf
tocbomb toc300 index.lua.html 300
case_ "300 x 300 entries within the default" 0 "" \
    -- --templates "$tmp/toc300" build content -o "$tmp/o/out" --format html
[ "$(grep -o '<li>' "$tmp/o/out/handbook/index.html" | wc -l)" = 90000 ] && ok ||
    ko "300 tables of contents of 300 entries: not 90,000 entries"
case_ "the same over toc-entries=1000" 1 \
    "error: tables of contents: 4 <rb-toc/> up to here list 300 headings each, more than 1000 entries (limit toc-entries=1000; raise it with --limit toc-entries=N)" \
    -- --limit toc-entries=1000 --templates "$tmp/toc300" build content -o "$tmp/o/out" --format html
tpl tocbytes index.lua.html \
    '<rb-document title="t"><% local s = ("长"):rep(1000):rep(1000) for i = 1, 10 do %><h2 id="h<%= i %>"><%- s %></h2><rb-toc/><% end %></rb-document>'
case_ "10 headings of 3 MB, each followed by <rb-toc/>" 1 \
    "error: tables of contents: 9 <rb-toc/> up to here would write about 270003978 bytes, more than 256M (limit output-size=256M; raise it with --limit output-size=N)" \
    -- --templates "$tmp/tocbytes" build content -o "$tmp/o/out" --format html
tpl chart index.lua.html \
    '<rb-document title="t"><rb-chart><% for i = 1, 20000 do %><rb-series name="s"><rb-point label="c<%= i %>" value="1"/></rb-series><% end %></rb-chart></rb-document>'
case_ "chart of 20,000 series x 20,000 categories" 1 \
    "index.lua.html:1: error: chart of 400000000 cells (series x categories), more than 100000 (limit chart-cells=100000; raise it with --limit chart-cells=N)" \
    -- --templates "$tmp/chart" build content -o "$tmp/o/out" --format html
case_ "a page over output-size=8K" 1 \
    "handbook/index.html: error: " \
    -- --limit output-size=8K build content -o "$tmp/o/out" --format html
grep -qF "bytes to write, more than 8K (limit output-size=8K; raise it with --limit output-size=N)" "$tmp/err" && ok ||
    ko "output-size: $(head -3 "$tmp/err")"
case_ "a PDF over output-size=64K" 1 \
    "handbook.pdf: error: " \
    -- --limit output-size=64K build content -o "$tmp/o/out" --format pdf

# ---- the watchdog ------------------------------------------------------
# One library call that runs long: sorting 1,000 copies of a 20 MB
# string compares 20 MB each time (tens of seconds).  The hook cannot run
# during it; the watchdog ends the process 0.5 s after the time limit,
# printing the limit's diagnostic — in the build's process, in a worker
# (the parent then fails the build), and as JSON.  Ended so, a run can
# leave the folders it made and its NAME.tmp.PID files, but no page.
KILLED=1

strsort='<% local s = ("x"):rep(1e4):rep(2e3) local t = {} for i = 1, 1000 do t[i] = s end table.sort(t) %>'
tpl wd index.lua.html "$strsort"
case_ "watchdog: a library call past the time limit" 1 \
    "index.lua.html:1: error: template exceeded its time limit (1260 ms) and was ended from outside 500 ms later, in a library call; raise it with --limit tmpl-ms=N" \
    -- --templates "$tmp/wd" build content -o "$tmp/o/out" --format html
tpl wdw role.lua.html "$strsort"
python3 scripts/gen-corpus 100 "$tmp/c100" >/dev/null
case_ "watchdog: in worker processes" 2 \
    "role.lua.html:1: error: template exceeded its time limit (1000 ms) and was ended from outside" \
    RB_JOBS=2 -- --limit tmpl-ms=1000 --templates "$tmp/wdw" build "$tmp/c100" -o "$tmp/o/out" --format html
grep -qF "HTML: a worker process failed" "$tmp/err" && ok ||
    ko "watchdog in a worker: the parent did not fail: $(cat "$tmp/err")"
case_ "watchdog: JSON diagnostics" 1 "\"severity\": \"error\", \"message\": \"template exceeded its time limit (1000 ms) and was ended from outside" \
    -- --diagnostics=json --limit tmpl-ms=1000 --templates "$tmp/wd" build content -o "$tmp/o/out" --format html
python3 -c 'import json,sys; d = json.load(open(sys.argv[1])); assert len(d) == 1 and d[0]["line"] == 1' "$tmp/err" && ok ||
    ko "watchdog: not one JSON diagnostic: $(cat "$tmp/err")"

echo "tmpl-limits: $pass passed, $fail failed"
[ $fail = 0 ]
