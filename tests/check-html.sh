#!/bin/sh
# tests/check-html.sh — system tests of `rolebook build` (HTML): the
# handbook of the sample content, byte-identical and incremental rebuilds,
# escaping, user templates (override, broken, refused include, runaway
# loops), nothing written on errors, every relative link resolving, the Nu
# Html Checker with zero errors on every page, headless Chromium
# (tests/browser/shots.js: org chart visible and sized, screenshots in out/),
# axe-core finding no accessibility violation (tests/browser/axe.js) and
# keyboard use: Tab order and visible focus (tests/browser/keys.js).
# vnu-jar, playwright-core and axe-core are installed with npm into tests/node/
# (git-ignored) on first use.  Prints "html: N passed, N failed".
. "$(dirname "$0")/lib.sh"
hb="$tmp/a/handbook"

# 1. The sample builds cleanly into the documented files.
if $rb build content -o "$tmp/a" >"$tmp/out" 2>"$tmp/err" && [ ! -s "$tmp/err" ]; then ok
else ko "build content: $(head -5 "$tmp/err")"; fi
missing=""
for f in index.html calendar.html style.css departments/sales.html \
    departments/management.html roles/salesperson.html roles/general-manager.html; do
	[ -s "$hb/$f" ] || missing="$missing $f"
done
nroles=$(ls content/roles | wc -l)
[ -z "$missing" ] && [ "$(ls "$hb/roles" | wc -l)" = "$nroles" ] &&
    [ "$(ls "$hb/departments" | wc -l)" = "$(grep -c '<department ' content/org.xml)" ] && ok ||
    ko "expected pages missing:$missing"

# 2. Byte-identical across runs; a rebuild rewrites nothing (mtimes kept).
$rb build content -o "$tmp/b" 2>/dev/null
if diff -r "$tmp/a" "$tmp/b" >/dev/null; then ok; else ko "two builds differ"; fi
find "$tmp/a" -type f -exec touch -d '2001-01-01 00:00:00' {} +
$rb build content -o "$tmp/a" 2>/dev/null
if [ -z "$(find "$tmp/a" -type f -newermt '2001-01-02')" ]; then ok
else ko "rebuild rewrote: $(find "$tmp/a" -type f -newermt '2001-01-02' | head -3)"; fi
# A stale role page (role removed) is removed.
echo stale >"$hb/roles/no-such-role.html"
$rb build content -o "$tmp/a" 2>/dev/null
[ ! -e "$hb/roles/no-such-role.html" ] && ok || ko "stale page kept"

# 3. Clean HTML: no scripts, no data-src, lang and stylesheet on every page.
if ! grep -l '<script\|data-src=' "$hb"/*.html "$hb"/*/*.html >/dev/null &&
   [ "$(grep -L '<html lang="zh-CN">' "$hb"/*.html "$hb"/*/*.html | wc -l)" = 0 ] &&
   grep -q 'href="../style.css"' "$hb/roles/salesperson.html" &&
   grep -q 'href="style.css"' "$hb/index.html"; then ok
else ko "scripts, data-src, lang or stylesheet links"; fi

# 4. Links: every relative href names an existing file, every #fragment an id.
if python3 - "$hb" >"$tmp/links" <<'PY'
import sys, os, re, html
top = sys.argv[1]
ids, bad = {}, []
pages = [os.path.join(d, f) for d, _, fs in os.walk(top) for f in fs if f.endswith('.html')]
for p in pages:
    ids[os.path.realpath(p)] = set(re.findall(r'\bid="([^"]*)"', open(p, encoding='utf-8').read()))
for p in pages:
    for h in re.findall(r'\bhref="([^"]*)"', open(p, encoding='utf-8').read()):
        h = html.unescape(h)
        if re.match(r'^[a-z]+:', h):
            continue
        f, _, frag = h.partition('#')
        t = os.path.realpath(os.path.join(os.path.dirname(p), f)) if f else os.path.realpath(p)
        if not os.path.exists(t):
            bad.append(f'{p}: {h}: no such file')
        elif frag and frag not in ids.get(t, ()):
            bad.append(f'{p}: {h}: no such id')
print('\n'.join(bad[:10]))
sys.exit(1 if bad else 0)
PY
then ok; else ko "broken links: $(cat "$tmp/links")"; fi

# 5. Escaping: a title and a duty holding <script> and & render as text.
mkdir -p "$tmp/esc/roles"
cp content/org.xml "$tmp/esc/"
cat >"$tmp/esc/roles/x.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<role id="x">
  <title>A &lt;script&gt; &amp; B</title>
  <department ref="sales"/>
  <duties><duty>写 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 报告。</duty></duties>
</role>
XML
if $rb build "$tmp/esc" -o "$tmp/esco" 2>"$tmp/err" &&
   grep -q '<h1>A &lt;script&gt; &amp; B</h1>' "$tmp/esco/handbook/roles/x.html" &&
   grep -q '<td>写 &lt;script&gt;alert(1)&lt;/script&gt; &amp; 报告。</td>' "$tmp/esco/handbook/roles/x.html" &&
   ! grep -q '<script' "$tmp/esco/handbook/roles/x.html" "$tmp/esco/handbook/index.html"; then ok
else ko "escaping: $(head -3 "$tmp/err")"; fi

# 6. A broken user template: file:line of the user's file, exit 1, nothing written.
$rb build content --templates tests/html/broken -o "$tmp/c" >/dev/null 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && [ "$(head -1 "$tmp/err")" = "tests/html/broken/role.lua.html:12: error: undefined variable 'titel'" ] &&
   [ "$(grep -vc ': note: from here$' "$tmp/err")" = 1 ] && [ ! -e "$tmp/c" ]; then ok
else ko "broken template: rc=$rc $(head -3 "$tmp/err")"; fi
# ... and existing output is left as it was.
cp -R "$tmp/a" "$tmp/keep"
$rb build content --templates tests/html/broken -o "$tmp/a" >/dev/null 2>&1
diff -r "$tmp/a" "$tmp/keep" >/dev/null && ok || ko "a failed build changed the output"

# 7. A user template overrides one built-in; the rest stay built-in.
if $rb build content --templates tests/html/override -o "$tmp/d" 2>"$tmp/err" &&
   grep -q '我们自己的报表日历' "$tmp/d/handbook/calendar.html" &&
   cmp -s "$tmp/d/handbook/style.css" tests/html/override/style.css &&
   cmp -s "$tmp/d/handbook/index.html" "$hb/index.html" &&
   cmp -s "$tmp/d/handbook/roles/salesperson.html" "$hb/roles/salesperson.html"; then ok
else ko "override: $(head -3 "$tmp/err")"; fi

# 8. An include of ../x is refused.
$rb build content --templates tests/html/include -o "$tmp/e" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 1 ] && grep -q "^tests/html/include/index.lua.html:1: error: refused template name '../x'" "$tmp/err" &&
    [ ! -e "$tmp/e" ] && ok || ko "include ../x: rc=$rc $(head -3 "$tmp/err")"

# 9. Runaway templates stop within 2 s each with a clear error.
for kase in loop:index:2 pattern:calendar:2; do
	dir=${kase%%:*}; rest=${kase#*:}; tpl=${rest%%:*}; line=${rest#*:}
	s=$(date +%s%N)
	$rb build content --templates "tests/html/$dir" -o "$tmp/f" >/dev/null 2>"$tmp/err"; rc=$?
	ms=$(( ($(date +%s%N) - s) / 1000000 ))
	if [ $rc = 1 ] && [ $ms -lt 2000 ] &&
	   grep -q "^tests/html/$dir/$tpl.lua.html:$line: error: template exceeded its" "$tmp/err"; then ok
	else ko "$dir: rc=$rc ${ms} ms $(head -2 "$tmp/err")"; fi
done

# 10. Content errors: exit 1, nothing written.
mkdir -p "$tmp/bad/roles"
cp content/org.xml "$tmp/bad/"
printf -- '---\nid: y\ntitle: Y\ndepartment: nowhere\n---\n\n## 工作职责\n\n1. 做事。\n' >"$tmp/bad/roles/y.md"
$rb build "$tmp/bad" -o "$tmp/g" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] && [ ! -e "$tmp/g" ] && ok || ko "content errors: rc=$rc"

# 10b. A wide organisation (200 generated roles, a 4-ary tree): the index
#     shows an overview of the top three levels (1 + 4 + 16 roles, each a
#     box once, the third level saying how many roles are under it), in
#     SVGs within 960 px plus margins.
python3 scripts/gen-corpus 200 "$tmp/wide" >/dev/null
if $rb build "$tmp/wide" -o "$tmp/wideo" 2>"$tmp/err" &&
   w=$(grep -o '<svg[^>]*aria-label="组织结构图[^"]*"' "$tmp/wideo/handbook/index.html" |
       sed 's/.* width="\([0-9.]*\)".*/\1/' | sort -n | tail -1) &&
   [ -n "$w" ] && [ "${w%.*}" -le 976 ] &&
   [ "$(grep -c 'class="org-box"' "$tmp/wideo/handbook/index.html")" = 21 ] &&
   grep -q '下属 [0-9]* 个岗位' "$tmp/wideo/handbook/index.html"; then ok
else ko "wide org chart: width ${w:-?} $(head -2 "$tmp/err")"; fi

# (Chromium's print PDFs once went to out/, where check-pdf.sh, which runs
# after this script, takes every PDF for rolebook's: remove leftovers.)
rm -f out/print-index.pdf out/print-role.pdf

# 11. The real output (make's): out/handbook, validated by the Nu Html Checker.
$rb build content -o out 2>/dev/null
if [ ! -f tests/node/node_modules/vnu-jar/build/dist/vnu.jar ] ||
   [ ! -d tests/node/node_modules/playwright-core ] ||
   [ ! -f tests/node/node_modules/axe-core/axe.min.js ]; then
	npm install --silent --no-audit --no-fund --prefix tests/node vnu-jar playwright-core axe-core >/dev/null 2>&1
fi
if [ ! -f tests/node/node_modules/vnu-jar/build/dist/vnu.jar ]; then
	ko "vnu-jar not installed (npm install --prefix tests/node vnu-jar)"
elif java -jar tests/node/node_modules/vnu-jar/build/dist/vnu.jar --errors-only \
    out/handbook/*.html out/handbook/*/*.html >"$tmp/vnu" 2>&1; then ok
else ko "vnu: $(head -5 "$tmp/vnu")"; fi

# 12. Headless Chromium: org chart visible and sized; screenshots in out/.
if [ ! -d tests/node/node_modules/playwright-core ]; then
	ko "playwright-core not installed"
elif node tests/browser/shots.js out/handbook out salesperson sales "$tmp" >"$tmp/br" 2>&1; then ok
else ko "browser: $(grep FAIL "$tmp/br" | head -5)"; fi

# 12b. Accessibility (WCAG 2.1 A/AA and axe's best practices): axe-core
#     in Chromium finds no violation on the index, a department page, a
#     role page, the calendar and a sales report (docs/accessibility.md).
#     A negative control (grey #777788 text, a link told apart by colour
#     only, no <main>) must fail.
m=$(ls content/sales | tail -n 1)
$rb report "$m" content -o "$tmp/rep" >/dev/null 2>&1
cat >"$tmp/bad.html" <<'EOF2'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>反例</title></head>
<body><p style="color:#1d2430">正文<a href="#x" style="color:#1f5fa8;text-decoration:none">链接</a>正文</p>
<p style="color:#777788;font-size:12px">灰色小字</p></body></html>
EOF2
if [ ! -f tests/node/node_modules/axe-core/axe.min.js ]; then
	ko "axe-core not installed (npm install --prefix tests/node axe-core)"
elif node tests/browser/axe.js out/handbook/index.html out/handbook/departments/sales.html \
    out/handbook/roles/salesperson.html out/handbook/calendar.html \
    "$tmp/rep/reports/$m.html" >"$tmp/axe" 2>&1; then ok
else ko "axe: $(grep FAIL "$tmp/axe" | head -5)"; fi
if node tests/browser/axe.js "$tmp/bad.html" >"$tmp/axe-bad" 2>&1; then
	ko "axe passed the negative control"
elif grep -q 'color-contrast (serious' "$tmp/axe-bad" && grep -q 'link-in-text-block (serious' "$tmp/axe-bad" &&
     grep -q 'landmark-one-main' "$tmp/axe-bad"; then ok
else ko "axe negative control: $(head -3 "$tmp/axe-bad")"; fi

# 12c. Keyboard (WCAG 2.1 SC 2.1.1, 2.4.3, 2.4.7): Tab reaches every link
#     (the org charts' SVG box links too) and control once, in document
#     order, each with a visible focus indicator, on the index, a
#     department page with its org chart, a role page and the report
#     (tests/browser/keys.js).  Negative controls: a page whose links hide
#     their focus (a:focus{outline:none}), and one whose Tab order is
#     not document order (tabindex="1") with a link out of reach
#     (tabindex="-1"), must fail.
cat >"$tmp/nofocus.html" <<'EOF2'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>反例</title>
<style>a:focus { outline: none; }</style></head>
<body><main><p><a href="#a">一</a> <a href="#b">二</a></p></main></body></html>
EOF2
cat >"$tmp/order.html" <<'EOF2'
<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>反例</title></head>
<body><main><p><a href="#a">一</a> <a href="#b" tabindex="1">二</a> <a href="#c" tabindex="-1">三</a></p></main></body></html>
EOF2
if [ ! -d tests/node/node_modules/playwright-core ]; then
	ko "playwright-core not installed"
elif node tests/browser/keys.js out/handbook/index.html out/handbook/departments/sales.html \
    out/handbook/roles/salesperson.html "$tmp/rep/reports/$m.html" >"$tmp/keys" 2>&1 &&
    [ "$(grep -c '^ok ' "$tmp/keys")" = 4 ] &&
    grep -q '^ok out/handbook/index.html: [1-9][0-9]* links' "$tmp/keys" &&
    [ "$(grep -c 'class="org-box' out/handbook/index.html)" -gt 0 ]; then ok
else ko "keyboard: $(grep FAIL "$tmp/keys" | head -5)"; fi
node tests/browser/keys.js "$tmp/nofocus.html" "$tmp/order.html" >"$tmp/keys-bad" 2>&1; rc=$?
if [ $rc = 1 ] && grep -q 'nofocus.html: no focus indicator on 0:a #a' "$tmp/keys-bad" &&
   grep -q 'nofocus.html: focus on 0:a #a "一" paints nothing' "$tmp/keys-bad" &&
   grep -q 'order.html: Tab 1: expected 0:a #a "一", got 1:a #b' "$tmp/keys-bad" &&
   grep -q 'order.html: 2:a #c "三": reached never' "$tmp/keys-bad"; then ok
else ko "keyboard negative controls: rc=$rc $(head -4 "$tmp/keys-bad")"; fi

# 13. Chromium's A4 print of the index: the cover alone on page 1, the
#     contents on page 2, the org chart from page 3; the role prints
#     without navigation, its footer on the last page.
p1=$(pdftotext -f 1 -l 1 "$tmp/print-index.pdf" - 2>/dev/null)
p2=$(pdftotext -f 2 -l 2 "$tmp/print-index.pdf" - 2>/dev/null)
p3=$(pdftotext -f 3 -l 3 "$tmp/print-index.pdf" - 2>/dev/null)
r=$(pdftotext "$tmp/print-role.pdf" - 2>/dev/null)
if echo "$p1" | grep -q '岗位说明书手册' && ! echo "$p1" | grep -q '目录' &&
   echo "$p2" | grep -q '目录' && ! echo "$p2" | grep -q '组织结构图.*按直接上级' &&
   echo "$p3" | grep -q '组织结构图' &&
   ! echo "$r" | grep -q '报表日历' && echo "$r" | grep -q '工作职责' &&
   [ "$(pdfinfo "$tmp/print-role.pdf" | awk '/^Pages:/ {print $2}')" -le 4 ]; then ok
else ko "A4 print: page 1: $(echo "$p1" | head -3 | tr '\n' ' ') page 2: $(echo "$p2" | head -2 | tr '\n' ' ')"; fi

echo "html: $pass passed, $fail failed"
[ $fail = 0 ]
