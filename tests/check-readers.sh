#!/bin/sh
# tests/check-readers.sh — poppler, MuPDF and Ghostscript open rolebook's
# PDFs without a word and read the same text from them (issue 16,
# docs/accessibility.md "Several readers").  On the sample's handbook,
# two role sheets (salesperson: two pages, the longest duty table;
# design-director: cells spanning rows and columns) and the latest
# report, each built three ways (tagged, the default; --no-pdf-tags;
# --pdf-a), tests/tools/readers.py checks:
#   clean   pdfinfo, qpdf --check, pdftotext, `mutool draw -N -F txt`
#           and `gs -sDEVICE=txtwrite` exit 0 with nothing on standard
#           error, the three text readers count the same pages;
#   agree   page by page, the three readers' texts are the same multiset
#           of characters once white space is taken out (the order of a
#           page's blocks is each reader's own: see readers.py);
#   layout  (handbook and sheets: the RB_LAYOUT_DUMP of the build) every
#           line, org chart box and manager path the layout placed on a
#           page is, white space taken out, one run of that page's text
#           in each reader: the text rolebook meant, in its order;
#   same    the untagged and the PDF/A file give each reader the same
#           text as the tagged one, page by page (the sequence for
#           poppler and MuPDF, the multiset for Ghostscript).
# Negative controls (tests/tools/pdfbreak.py, pikepdf edits of a copy):
# one ToUnicode entry wrong (the readers agree; layout fails), a text
# operator dropped (layout fails, and same against the good file), the
# first font without ToUnicode on the report (agree fails, no dump
# needed), startxref 7 bytes off (clean fails).
# Prints "readers: N passed, N failed".
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
R=tests/tools/readers.py
m=$(ls content/sales | tail -n 1)
export SOURCE_DATE_EPOCH=1767225600

for t in pdftotext pdfinfo mutool gs qpdf; do
	if ! command -v $t >/dev/null 2>&1; then
		ko "$t not installed (scripts/packages*.txt: poppler-utils, mupdf-tools, ghostscript, qpdf)"
		echo "readers: $pass passed, $fail failed"
		exit 1
	fi
done

# The three builds; the tagged one with its layout dumps.
RB_LAYOUT_DUMP=$tmp/dump $rb build content -o "$tmp/tag" --format pdf >/dev/null 2>"$tmp/err" &&
    $rb report "$m" content -o "$tmp/tag" >/dev/null 2>>"$tmp/err" ||
    ko "tagged build: $(head -3 "$tmp/err")"
for v in no-pdf-tags pdf-a; do
	$rb build content -o "$tmp/$v" --format pdf --$v >/dev/null 2>"$tmp/err" &&
	    $rb report "$m" content -o "$tmp/$v" --$v >/dev/null 2>>"$tmp/err" ||
	    ko "--$v build: $(head -3 "$tmp/err")"
done

# readers DOC [DUMP]: DOC (a path under the output folder) tagged,
# untagged and PDF/A, against DUMP when given.
readers() {
	if $py $R ${2:+--dump "$tmp/dump/$2"} "$tmp/tag/$1" "$tmp/no-pdf-tags/$1" \
	    "$tmp/pdf-a/$1" >"$tmp/r.out" 2>&1; then
		ok
		echo "readers: $(head -n 1 "$tmp/r.out" | sed "s|$tmp/tag/||")"
	else
		ko "$1: $(grep -v '^ok ' "$tmp/r.out" | sed "s|$tmp/||g" | head -8)"
	fi
}
readers handbook.pdf handbook.pdf.layout
readers roles/salesperson.pdf roles/salesperson.pdf.layout
readers roles/design-director.pdf roles/design-director.pdf.layout
readers "reports/$m.pdf"

# Negative controls: each copy fails, and for the reason it was made.
# neg NAME MODE DOC EXPECT [DUMP]: DOC broken by pdfbreak.py MODE fails
# readers.py (with DUMP, if any) with a line matching EXPECT.
neg() {
	if ! $py tests/tools/pdfbreak.py "$2" "$tmp/tag/$3" "$tmp/$1.pdf" >"$tmp/nb" 2>&1; then
		ko "pdfbreak $2: $(head -3 "$tmp/nb")"
		return
	fi
	if $py $R ${5:+--dump "$tmp/dump/$5"} "$tmp/$1.pdf" >"$tmp/n.out" 2>&1; then
		ko "negative control $1 ($(cat "$tmp/nb")) passes"
	elif grep -q "$4" "$tmp/n.out"; then ok
	else ko "negative control $1: not for its reason '$4': $(head -5 "$tmp/n.out")"; fi
}
neg tounicode tounicode roles/salesperson.pdf ': layout: page 1: gs does not read' \
    roles/salesperson.pdf.layout
if grep -q ': agree:' "$tmp/n.out"; then
	ko "the wrong ToUnicode entry made the readers disagree: $(grep -m3 agree "$tmp/n.out")"
else ok; fi
neg drop-text drop-text roles/salesperson.pdf ': layout: page 1: poppler does not read' \
    roles/salesperson.pdf.layout
if ! $py $R "$tmp/tag/roles/salesperson.pdf" "$tmp/drop-text.pdf" >"$tmp/n.out" 2>&1 &&
    grep -q 'drop-text.pdf: same: mupdf: page 1 differs' "$tmp/n.out"; then ok
else ko "same: a sheet with text dropped reads as the good one: $(head -3 "$tmp/n.out")"; fi
neg no-tounicode no-tounicode "reports/$m.pdf" ': agree: page 1: poppler has'
neg bad-xref bad-xref roles/design-director.pdf ': clean: mutool exit 0: '

# An ASCII '-' that ends a line (a real job description breaks
# '各类政策受控-货源受控' after it; a duty that is just '-' is a line of
# its own): poppler drops it as a word's hyphenation and joins the
# lines, MuPDF and Ghostscript read it.  readers.py must not take that
# for a fault of the file (it did: agree and layout failed), and the
# sheet must still have such lines, or the case tests nothing.
mkdir -p "$tmp/hy/roles"
cp content/org.xml "$tmp/hy/"
cat >"$tmp/hy/roles/hyphens.md" <<'MD'
---
id: hyphens
title: 连字符专员
department: design
level: 专业技术
---

## 工作职责

1. \-
2. 核对政策ABCDEFGHIJKLMNOPQRSTUVWXYZ-ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM
3. 完成设计总监交办的其他工作。
MD
if ! RB_LAYOUT_DUMP=$tmp/hy/dump $rb build "$tmp/hy" -o "$tmp/hy/out" --format pdf \
    >/dev/null 2>"$tmp/err"; then
	ko "hyphens build: $(head -3 "$tmp/err")"
elif [ "$(grep -c -- '-" break=' "$tmp/hy/dump/roles/hyphens.pdf.layout")" != 2 ] ||
    [ -n "$(pdftotext "$tmp/hy/out/roles/hyphens.pdf" - | grep -- '-$')" ]; then
	ko "hyphens: the sheet no longer has two lines ending in '-' that pdftotext drops"
elif $py $R --dump "$tmp/hy/dump/roles/hyphens.pdf.layout" "$tmp/hy/out/roles/hyphens.pdf" \
    >"$tmp/r.out" 2>&1; then ok
else ko "hyphens: $(grep -v '^ok ' "$tmp/r.out" | sed "s|$tmp/||g" | head -4)"; fi

echo "readers: $pass passed, $fail failed"
[ "$fail" = 0 ]
