#!/bin/sh
# tests/check-supplementary.sh — characters above U+FFFF in the PDFs
# (docs/pdf.md "Missing characters"): CJK Extension B-G ideographs in
# names (𠮷 U+20BB7, 𬱖 U+2CC56, 𫟅 U+2B7C5 ...) and the compatibility
# ideographs of U+2F800..U+2FA1F, which Noto Sans CJK SC draws and the
# PDF writer used to refuse as "not in font".  A role whose title and
# duties hold them, built tagged (the default), --no-pdf-tags and
# --pdf-a:
#   1. pdftotext, `mutool draw -F txt` and Ghostscript's txtwrite read
#      the title and every duty exactly from the role sheet and the
#      handbook, in every build.  Ghostscript 10.00.0 (Debian 12) reads
#      them with its legacy interpreter (-dNEWPDF=false, UTF-16 out,
#      iconv): its default one (pdfi) takes the third byte of a 4-byte
#      ToUnicode value from the second (pdf_font0.c), and txtwrite's
#      UTF-8 writes each half of a surrogate pair alone; read by pdfi as
#      the other scripts run it, each line must match with every
#      character above U+FFFF taken as its high surrogate and one more
#      character (or as itself, once Ghostscript is fixed);
#      the compatibility ideographs U+2F884 and U+2F82C share their
#      glyphs with 巽 U+5DFD and 𠦄 U+20984, both in the text: each reads
#      back as itself (font_subset_dups(), "One CID a character");
#   2. PDFBox Preflight: the --pdf-a sheet and handbook are PDF/A-1b;
#   3. glyphcheck: no blank glyph on the sheet (words), and a specimen
#      through rolebook's font path, regular and bold: every character
#      counted, none blank, the 3 given CIDs of their own drawn as the
#      glyph they share;
#   4. the same bytes run to run;
#   5. TrueType (a theme of WenQuanYi Zen Hei: 𠕇 U+20547, 丽 U+2F800),
#      --pdf-a: read exactly by the three readers, Preflight valid;
#   6. the latest sample report with two staff names changed to 王𬱖 and
#      张𠮷: each reader gives the text of the sample's report with the
#      names changed, no more and no less;
#   7. a character the font lacks, in the BMP (Thai ก U+0E01) or above
#      it (😀 U+1F600, not in Noto Sans CJK SC), is still an error at
#      file:line:col, and the build fails.
# Prints "supplementary: N passed, N failed".
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
export SOURCE_DATE_EPOCH=1767225600
${MAKE:-make} -s --no-print-directory obj/tests/tools/glyphcheck || exit 1
GC=obj/tests/tools/glyphcheck
m=$(ls content/sales | tail -n 1)

# The title, then the duties, one a line, as the readers must give them
# back (printf: the compatibility ideographs would not survive an
# editor's NFC).
printf '%b\n' \
    '𠮷𬱖业务员' \
    '王𬱖与吉𠮷，𬌗𬭚𫟅𬣙。' \
    '兼容巽\0360\0257\0242\0204，拔\0360\0257\0242\0266，𠦄\0360\0257\0240\0254。' >"$tmp/lines"
mkdir -p "$tmp/c/roles"
cp tests/cases/ok-minimal/content/org.xml "$tmp/c/"
cp tests/cases/ok-minimal/content/roles/boss.md "$tmp/c/roles/"
{
	printf -- '---\nid: seller\ntitle: %s\ndepartment: sales\nreports_to: boss\n---\n\n## 工作职责\n\n' \
	    "$(head -n 1 "$tmp/lines")"
	tail -n +2 "$tmp/lines" | awk '{ print NR ". " $0 }'
} >"$tmp/c/roles/seller.md"
sheet=roles/seller.pdf

for v in tag no-pdf-tags pdf-a; do
	o=; [ $v = tag ] || o=--$v
	$rb build "$tmp/c" -o "$tmp/$v" --format pdf $o >/dev/null 2>"$tmp/err" &&
	    [ ! -s "$tmp/err" ] && ok || ko "$v build: $(head -3 "$tmp/err")"
done

# read_with READER PDF (tests/lib.sh): the text, white space removed
# (gsold: the legacy interpreter, see 1.).

# has_lines READER TEXT LINES: every line of LINES in TEXT; prints the
# ones missing.  For gs, a character above U+FFFF may be its high
# surrogate and any one character (see 1.).
has_lines() {
	$py - "$@" <<'PY'
import re, sys
reader, text, lines = sys.argv[1:4]
t = open(text, 'rb').read().decode('utf-8', 'surrogatepass')
def pat(l):
    p = ''
    for c in l:
        o = ord(c)
        if reader == 'gs' and o > 0xFFFF:
            p += '(?:%s|%s.)' % (re.escape(c), chr(0xD800 + ((o - 0x10000) >> 10)))
        else:
            p += re.escape(c)
    return p
miss = [l for l in open(lines, encoding='utf-8').read().split('\n')
        if l and not re.search(pat(l), t)]
for l in miss:
    print(repr(l))
sys.exit(1 if miss else 0)
PY
}

# 1. Each reader, each build, sheet and handbook: every line.
for v in tag no-pdf-tags pdf-a; do
	for f in $sheet handbook.pdf; do
		for r in poppler mupdf gsold gs; do
			read_with $r "$tmp/$v/$f" >"$tmp/text"
			if has_lines $r "$tmp/text" "$tmp/lines" >"$tmp/miss"; then ok
			else ko "$v/$f: $r does not read $(tr '\n' ' ' <"$tmp/miss")"; fi
		done
	done
done

# 2. Preflight (5. adds the TrueType sheet).
printf '%s\n' "$tmp/pdf-a/$sheet" "$tmp/pdf-a/handbook.pdf" >"$tmp/list"

# 3. Not blank: the sheet's words, and a specimen of the lines.
if $GC words "$tmp/tag/$sheet" >"$tmp/gc" 2>&1; then ok
else ko "glyphcheck words: $(head -5 "$tmp/gc")"; fi
n=$($py -c 'import sys; print(len(set(open(sys.argv[1], encoding="utf-8").read()) - set("\n")))' "$tmp/lines")
for b in '' -b; do
	if $GC specimen $b -f 'Noto Sans CJK SC' "$tmp/lines" "$tmp/spec.pdf" >"$tmp/gc" 2>&1 &&
	    grep -q ": $n characters, 0 blank, 3 with a CID of their own for a shared glyph, 0 of them" "$tmp/gc"; then ok
	else ko "glyphcheck specimen $b (want $n characters, 3 shared): $(head -5 "$tmp/gc")"; fi
done

# 4. The same bytes.
$rb build "$tmp/c" -o "$tmp/again" --format pdf >/dev/null 2>&1
for f in $sheet handbook.pdf; do
	if cmp -s "$tmp/tag/$f" "$tmp/again/$f"; then ok
	else ko "two builds of $f differ"; fi
done

# 5. TrueType: WenQuanYi Zen Hei through HarfBuzz's subset.
mkdir -p "$tmp/tt/roles" "$tmp/tpl"
printf 'font.body = WenQuanYi Zen Hei\nfont.em = WenQuanYi Zen Hei\n' >"$tmp/tpl/theme.conf"
printf '%b\n' '𠕇与丽\0360\0257\0240\0200。' >"$tmp/tt.lines"
cp "$tmp/c/org.xml" "$tmp/tt/"
cp "$tmp/c/roles/boss.md" "$tmp/tt/roles/"
{
	sed -n '1,/^## /p' "$tmp/c/roles/seller.md" | sed "s/^title: .*/title: 业务员/"
	printf '\n1. %s\n' "$(cat "$tmp/tt.lines")"
} >"$tmp/tt/roles/seller.md"
if $rb --templates "$tmp/tpl" build "$tmp/tt" -o "$tmp/tt-pdf-a" --format pdf --pdf-a \
    >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] &&
    pdffonts "$tmp/tt-pdf-a/$sheet" | grep -q 'WenQuanYiZenHei *CID TrueType'; then
	for r in poppler mupdf gsold; do
		read_with $r "$tmp/tt-pdf-a/$sheet" >"$tmp/text"
		if has_lines $r "$tmp/text" "$tmp/tt.lines" >"$tmp/miss"; then ok
		else ko "TrueType: $r does not read $(cat "$tmp/miss")"; fi
	done
	echo "$tmp/tt-pdf-a/$sheet" >>"$tmp/list"
else ko "TrueType --pdf-a build: $(head -3 "$tmp/err")"; fi
if $GC specimen -f 'WenQuanYi Zen Hei' "$tmp/tt.lines" "$tmp/spec.pdf" >"$tmp/gc" 2>&1 &&
    grep -q ': 5 characters, 0 blank' "$tmp/gc"; then ok
else ko "glyphcheck specimen 'WenQuanYi Zen Hei' (want 5 characters): $(head -5 "$tmp/gc")"; fi

preflight "$tmp/list" 3

# 6. The report, staff 1001 王建国 and 1003 张伟 renamed: each reader's
#    text is the sample report's with the names changed.
cp -R content "$tmp/s"
sed -i 's/^1001,王建国,/1001,王𬱖,/; s/^1003,张伟,/1003,张𠮷,/' "$tmp/s/staff.csv"
grep -q '^1001,王𬱖,' "$tmp/s/staff.csv" && grep -q '^1003,张𠮷,' "$tmp/s/staff.csv" ||
    ko "staff.csv: 1001 王建国 or 1003 张伟 not found"
if $rb report "$m" content -o "$tmp/r0" >/dev/null 2>"$tmp/err" &&
    $rb report "$m" "$tmp/s" -o "$tmp/r1" >/dev/null 2>>"$tmp/err" && [ ! -s "$tmp/err" ]; then
	for r in poppler mupdf gsold; do
		read_with $r "$tmp/r0/reports/$m.pdf" | sed 's/王建国/王𬱖/g; s/张伟/张𠮷/g' >"$tmp/want"
		read_with $r "$tmp/r1/reports/$m.pdf" >"$tmp/got"
		if grep -q '王𬱖' "$tmp/want" && grep -q '张𠮷' "$tmp/want" &&
		    cmp -s "$tmp/want" "$tmp/got"; then ok
		else ko "report: $r reads $(grep -o '王.\{0,3\}' "$tmp/got" | sort -u | tr '\n' ' ') ($(wc -c <"$tmp/got") bytes, want $(wc -c <"$tmp/want"))"; fi
	done
else ko "report with 王𬱖 and 张𠮷: $(head -3 "$tmp/err")"; fi

# 7. Not in the font: still an error at the duty, and no build.
if fc-list ':charset=1f600' family | grep -q 'Noto Sans CJK SC'; then
	ko "Noto Sans CJK SC has U+1F600: choose another missing character"
fi
cp -R "$tmp/c" "$tmp/lack"
printf '3. 笑脸😀与泰文ก。\n' >>"$tmp/lack/roles/seller.md"
l=$(grep -n '^3\. ' "$tmp/lack/roles/seller.md" | cut -d: -f1)
$rb build "$tmp/lack" -o "$tmp/lack-out" --format pdf >/dev/null 2>"$tmp/err"
rc=$?
for cp in 1F600 0E01; do
	if [ $rc = 1 ] && grep -Eq "roles/seller\.md:$l:[0-9]+: error: .*U\+$cp.*'Noto Sans CJK SC'" "$tmp/err"; then ok
	else ko "U+$cp: exit $rc, want 1 and an error at seller.md:$l: $(head -3 "$tmp/err")"; fi
done

echo "supplementary: $pass passed, $fail failed"
[ "$fail" = 0 ]
