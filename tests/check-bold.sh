#!/bin/sh
# tests/check-bold.sh — bold looks the same in every viewer: the same page
# rendered by poppler (pdftoppm), MuPDF (mutool draw) and Ghostscript
# shows bold at the same weight, within 15 %.  The weight is the
# bold-to-regular ink ratio of glyph runs (tests/tools/boldink.py):
#   1. tests/bold/input.xhtml, the same six role-sheet labels in regular
#      and in bold, with the default theme (Noto Sans CJK SC, real Bold):
#      the three ratios within 15 % of each other, and bold at least 1.2
#      times the ink of regular in each (bold is bold);
#   2. a role sheet of the sample (business-manager, page 1): the bold
#      labels of its header table (岗位名称 …) against their regular
#      values, within 15 % across the three renderers;
#   3. the fallback theme (WenQuanYi Zen Hei, no bold face): its
#      synthetic bold, outlines emboldened in the subset, within 15 % too;
#   4. no renderer prints a warning on any of the PDFs.
# (Synthetic bold drawn as fill + stroke, as it was, spread 1.61-1.87
# across these renderers: docs/pdf.md, Fonts.)
. "$(dirname "$0")/lib.sh"
B=tests/tools/boldink.py
LABELS=岗位名称,所属部门,直接上级,直接下级,岗位编号,岗位级别

for t in pdftoppm mutool gs pdftotext; do
	if ! command -v $t >/dev/null 2>&1; then
		ko "$t not installed (scripts/packages-test.txt: poppler-utils, mupdf-tools, ghostscript)"
		echo "bold: $pass passed, $fail failed"
		exit 1
	fi
done
if ! fc-list 'Noto Sans CJK SC' family | grep -q .; then
	ko "Noto Sans CJK SC not installed (fonts-noto-cjk, scripts/packages.txt)"
	echo "bold: $pass passed, $fail failed"
	exit 1
fi

# check NAME FILE: the ratios in FILE (boldink's output) agree within
# 15 %, and no renderer warned.
check() {
	if grep '^warning:' "$2"; then ko "$1: a renderer warned"; else ok; fi
	if [ "$(grep -c '^[a-z]* [0-9.]*$' "$2")" != 3 ]; then
		ko "$1: not three ratios: $(cat "$2")"
		return
	fi
	if awk 'NF == 2 { if (min == "" || $2 < min) min = $2
	    if ($2 > max) max = $2 }
	    END { exit !(min > 0 && max / min <= 1.15) }' "$2"; then ok
	else ko "$1: bold weights differ by more than 15 %: $(tr '\n' ' ' <"$2")"
	fi
}

# 1. The same words, regular then bold, default theme.
$rb dump-layout tests/bold/input.xhtml -o "$tmp/bold.pdf" >/dev/null 2>"$tmp/err" ||
    ko "dump-layout tests/bold: $(head -3 "$tmp/err")"
if pdffonts "$tmp/bold.pdf" | grep -q 'NotoSansCJKsc-Bold  *CID Type 0C'; then ok
else ko "tests/bold: no real Noto Sans CJK SC Bold: $(pdffonts "$tmp/bold.pdf")"; fi
python3 $B "$tmp/bold.pdf" 1 "$LABELS" - >"$tmp/r1" 2>&1 || ko "boldink: $(cat "$tmp/r1")"
check "Noto, same words" "$tmp/r1"
if awk 'NF == 2 && $2 < 1.2 { low = 1 } END { exit low }' "$tmp/r1"; then ok
else ko "Noto bold is not bold: $(tr '\n' ' ' <"$tmp/r1")"; fi
echo "bold: Noto Sans CJK SC Bold / Regular: $(tr '\n' ' ' <"$tmp/r1")"

# 2. A role sheet: header labels (bold) against their values (regular).
if $rb build content -o "$tmp/out" --format pdf >/dev/null 2>"$tmp/err"; then
	python3 $B "$tmp/out/roles/business-manager.pdf" 1 \
	    岗位名称,所属部门,直接上级,直接下级 \
	    业务部,销售经理（业务总监）,业务员、高级销售 >"$tmp/r2" 2>&1 ||
	    ko "boldink: $(cat "$tmp/r2")"
	check "role sheet business-manager" "$tmp/r2"
	echo "bold: role sheet labels / values: $(tr '\n' ' ' <"$tmp/r2")"
else
	ko "build content: $(head -3 "$tmp/err")"
fi

# 3. The fallback's synthetic bold: emboldened TrueType outlines.
mkdir -p "$tmp/fb"
printf 'font.body = WenQuanYi Zen Hei\nfont.em = AR PL UMing CN\n' >"$tmp/fb/theme.conf"
if $rb --templates "$tmp/fb" dump-layout tests/bold/input.xhtml \
    -o "$tmp/fb.pdf" >/dev/null 2>"$tmp/err"; then
	python3 $B "$tmp/fb.pdf" 1 "$LABELS" - >"$tmp/r3" 2>&1 ||
	    ko "boldink: $(cat "$tmp/r3")"
	check "WenQuanYi Zen Hei synthetic bold" "$tmp/r3"
	if awk 'NF == 2 && $2 < 1.2 { low = 1 } END { exit low }' "$tmp/r3"; then ok
	else ko "synthetic bold is not bold: $(tr '\n' ' ' <"$tmp/r3")"; fi
	echo "bold: WenQuanYi Zen Hei synthetic (emboldened) / regular: $(tr '\n' ' ' <"$tmp/r3")"
else
	ko "dump-layout with the fallback theme: $(head -3 "$tmp/err")"
fi

echo "bold: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
