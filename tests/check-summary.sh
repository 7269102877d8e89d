#!/bin/sh
# tests/check-summary.sh — the summary line of build and report (issue 18):
# on a terminal (a pseudo-terminal from script(1), util-linux) a
# successful `build` or `report` ends with one line on standard output,
#	rolebook: 39 pages, 27 PDFs, 1 stylesheet written in 0.84 s
#	rolebook: nothing written (67 unchanged) in 0.06 s
# whose counts are those of the sample and, after an edit, of the files
# whose modification time changed; nothing when standard output is not a
# terminal, with -q, for `check`, or when the build fails.
# Prints "summary: N passed, N failed".
. "$(dirname "$0")/lib.sh"
rb="${ROLEBOOK:-$top/rolebook}"
export SOURCE_DATE_EPOCH=1767225600
cp -R content "$tmp/c"
o="$tmp/o/out"		# in a folder of its own: runs lock OUT's parent
mkdir -p "$tmp/o"
month=$(ls content/sales | tail -n 1)
nroles=$(ls content/roles | grep -c '\.\(md\|xml\)$')
ndepts=$(grep -c '<department ' content/org.xml)
pages=$((2 + ndepts + nroles)) pdfs=$((1 + nroles))
T='in [0-9]+\.[0-9][0-9] s'

# tty ARGS...: rolebook ARGS on a pseudo-terminal; its standard output
# (CR of the terminal removed) in $tmp/tty, standard error in $tmp/err.
tty() {
	script -qec "$rb $* 2>$tmp/err" /dev/null | tr -d '\r' >"$tmp/tty"
}
# expect REGEX WHAT: $tmp/tty is one line matching REGEX
expect() {
	if [ "$(wc -l <"$tmp/tty")" = 1 ] && grep -Eqx "$1" "$tmp/tty"; then ok
	else ko "$2: got '$(cat "$tmp/tty")' $(head -3 "$tmp/err")"; fi
}

tty build "$tmp/c" -o "$o"
expect "rolebook: $pages pages, $pdfs PDFs, 1 stylesheet written $T" "first build"
tty build "$tmp/c" -o "$o"
expect "rolebook: nothing written \($((pages + pdfs + 1)) unchanged\) $T" "second build"

# one duty edited: the counts are the files rewritten
f=$(ls "$tmp/c/roles/"*.md | head -n 1)
sed -i '0,/^1\. /s//1. 新增：/' "$f"
touch "$tmp/mark"; sleep 0.01
tty build "$tmp/c" -o "$o"
wp=$(find "$o" -name '*.html' -newer "$tmp/mark" | wc -l)
wd=$(find "$o" -name '*.pdf' -newer "$tmp/mark" | wc -l)
kept=$((pages + pdfs + 1 - wp - wd))
if [ "$wp" -gt 0 ] && [ "$wd" -gt 0 ] && [ "$kept" -gt 0 ]; then ok
else ko "edit: $wp pages and $wd PDFs rewritten"; fi
expect "rolebook: $wp pages?, $wd PDFs? written \($kept unchanged\) $T" "build after an edit"

tty report "$month" "$tmp/c" -o "$o"
expect "rolebook: 1 page, 1 PDF, 1 CSV file, 1 stylesheet, 1 workbook written $T" "report"
tty report "$month" "$tmp/c" -o "$o"
expect "rolebook: nothing written \($(ls "$o/reports" | wc -l) unchanged\) $T" "second report"

# nothing: -q, not a terminal, check, a failed build
tty -q build "$tmp/c" -o "$o"
[ ! -s "$tmp/tty" ] && ok || ko "-q build printed: $(cat "$tmp/tty")"
tty --quiet report "$month" "$tmp/c" -o "$o"
[ ! -s "$tmp/tty" ] && ok || ko "--quiet report printed: $(cat "$tmp/tty")"
$rb build "$tmp/c" -o "$o" >"$tmp/pipe" 2>&1 &&
    $rb report "$month" "$tmp/c" -o "$o" >>"$tmp/pipe" 2>&1
[ $? = 0 ] && [ ! -s "$tmp/pipe" ] && ok || ko "not a terminal: $(cat "$tmp/pipe")"
tty check "$tmp/c"
[ ! -s "$tmp/tty" ] && ok || ko "check printed: $(cat "$tmp/tty")"
sed -i 's/^headcount: .*/headcount: many/' "$f"
tty build "$tmp/c" -o "$o"
[ ! -s "$tmp/tty" ] && grep -q "headcount" "$tmp/err" && ok ||
    ko "a failed build printed: $(cat "$tmp/tty")"
echo "summary: $pass passed, $fail failed"
[ $fail = 0 ]
