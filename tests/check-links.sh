#!/bin/sh
# tests/check-links.sh — issue 17, finding 1: the link policy
# (src/util/url.c) end to end.  Hostile links in Markdown and XML roles
# (tests/cases/links-hostile: javascript:, vbscript:, data:, file:, the same
# disguised with &#9;, &#1;, &#x0A;, &#x20;, and control characters) built
# to HTML and PDF: no such link in any page or PDF (tests/scan-links.py,
# PDFs read through qpdf); headless Chromium with JavaScript on reads every
# href as file:/http:/https:/mailto: and clicking every link of the hostile
# role pages runs no script; a template writing such a link fails with a
# diagnostic and writes nothing.  Each run's time is printed (not asserted).
. "$(dirname "$0")/lib.sh"
case $rb in /*) ;; *) rb=$top/$rb ;; esac

# timed NAME CMD...: runs CMD, prints its wall time (to the script's
# stdout, fd 3, whatever CMD's redirections), returns its status.
exec 3>&1
timed() {
	_n=$1; shift
	_t0=$(date +%s%N)
	"$@"; _st=$?
	echo "  time: $_n $(( ($(date +%s%N) - _t0) / 1000000 )) ms" >&3
	return $_st
}

case=tests/cases/links-hostile
cp -R "$case/content" "$tmp/content"

# 1. build: warnings only, exit 0, every refused link reported.
if timed "build hostile links" $rb build "$tmp/content" -o "$tmp/out" \
    2>"$tmp/err"; then ok; else ko "build hostile links: $(head -3 "$tmp/err")"; fi
n=$(grep -c 'is not allowed (only relative links\|holds the control character' "$tmp/err")
if [ "$n" = 22 ]; then ok; else ko "want 22 refused links reported, got $n"; fi

# 2. no forbidden link in any HTML page or PDF; the good ones kept.
if python3 tests/scan-links.py "$tmp/out" --want 'https://example.com/a?b=1#c' \
    --want 'mailto:hr@example.com' >"$tmp/scan" 2>&1; then ok
else ko "scan: $(grep FAIL "$tmp/scan" | head -5)"; fi
cat "$tmp/scan"

# 3. Chromium, JavaScript on: every href safe, clicking runs nothing.
if [ ! -d tests/node/node_modules/playwright-core ]; then
	npm install --silent --no-audit --no-fund --prefix tests/node \
	    vnu-jar playwright-core >/dev/null 2>&1
fi
if [ ! -d tests/node/node_modules/playwright-core ]; then
	ko "playwright-core not installed"
elif timed "chromium clicks" node tests/browser/links.js "$tmp/out/handbook" \
    roles/seller.html roles/lead.html >"$tmp/br" 2>&1; then ok
else ko "browser: $(grep FAIL "$tmp/br" | head -5)"; fi

# 4. a template writing a script link: an error at the template, nothing
#    written, whatever the disguise.
mkdir -p "$tmp/tpl"
sed 's|<section class="role"|<p><a href="java\&#9;script:alert(1)">x</a><a href="\&#x20;data:text/html,x">y</a></p>&|' \
    templates/role.lua.html >"$tmp/tpl/role.lua.html"
grep -q 'java&#9;script' "$tmp/tpl/role.lua.html" || ko "template edit failed"
if timed "template script link" $rb build "$tmp/content" --format html \
    --templates "$tmp/tpl" -o "$tmp/out2" 2>"$tmp/err2"; then
	ko "a template writing javascript: must fail"
elif [ -e "$tmp/out2" ]; then ko "a failing template run wrote $tmp/out2"
elif [ "$(grep -c "role.lua.html:.*attribute 'href' of <a>: link scheme '\(javascript\|data\):' is not allowed" "$tmp/err2")" -ge 2 ]; then ok
else ko "template link diagnostic: $(grep -v warning "$tmp/err2" | head -3)"; fi

echo "links: $pass passed, $fail failed"
[ $fail = 0 ]
