#!/bin/sh
# tests/check-shared-glyphs.sh — every character reads back as itself
# when the font draws two code points with one glyph (issue 16,
# docs/accessibility.md "One CID a character").  Noto Sans CJK draws
# · U+00B7, • U+2022, ‧ U+2027 and ・ U+30FB with one glyph, a Kangxi
# radical with its ideograph (⼈ U+2F08 人 U+4EBA), ～ U+FF5E with 〜
# U+301C, a compatibility ideograph with its unified one (U+F98E 年
# U+5E74), and more; a ToUnicode CMap maps a CID to one string, so the
# second code point of a glyph used to read back as the first.  A role
# whose duties hold such pairs, built tagged (the default),
# --no-pdf-tags and --pdf-a:
#   1. pdftotext, `mutool draw -F txt` and `gs -sDEVICE=txtwrite` each
#      read every duty exactly (white space aside), in every build;
#   2. tests/tools/readers.py: clean, the readers agree, every laid-out
#      line is read (the layout dump), the three builds read the same;
#   3. TrueType: the last duty in WenQuanYi Micro Hei (a theme), --pdf-a
#      (an explicit CIDToGIDMap), read exactly by the three readers;
#      Preflight: both --pdf-a sheets are valid PDF/A-1b (their CIDSets
#      list the CIDs added);
#   4. the same bytes run to run;
#   5. glyphcheck specimen (rolebook's font path, rendered): no blank
#      glyph, and every character given a CID of its own draws the very
#      pixels of the one whose glyph it shares, in Noto Sans CJK (CFF:
#      the charstring again under the new CID) and WenQuanYi Micro Hei
#      (TrueType: a CIDToGIDMap), regular and bold.
# Prints "shared-glyphs: N passed, N failed".
. "$(dirname "$0")/lib.sh"
py=/usr/bin/python3
export SOURCE_DATE_EPOCH=1767225600
${MAKE:-make} -s --no-print-directory obj/tests/tools/glyphcheck || exit 1
GC=obj/tests/tools/glyphcheck

# The duties, one a line, as the readers must give them back (printf:
# the compatibility ideographs would not survive an editor's NFC).
printf '%b\n' \
    '间隔号甲·乙•丙‧丁・戊。' \
    '部首⼈与人，⼊与入。' \
    '区间一～二〜三，省略…与⋯。' \
    '斜线／与∕，连字符A-B与C\0342\0200\0221D。' \
    '兼容字年与\0357\0246\0216，不与\0357\0245\0247。' >"$tmp/duties"
mkdir -p "$tmp/c/roles"
cp tests/cases/ok-minimal/content/org.xml tests/cases/ok-minimal/content/roles/boss.md "$tmp/c/"
mv "$tmp/c/boss.md" "$tmp/c/roles/"
{
	printf -- '---\nid: seller\ntitle: 业务员\ndepartment: sales\nreports_to: boss\n---\n\n## 工作职责\n\n'
	awk '{ print NR ". " $0 }' "$tmp/duties"
} >"$tmp/c/roles/seller.md"
sheet=roles/seller.pdf

RB_LAYOUT_DUMP=$tmp/dump $rb build "$tmp/c" -o "$tmp/tag" --format pdf \
    >/dev/null 2>"$tmp/err" && [ ! -s "$tmp/err" ] || ko "tagged build: $(head -3 "$tmp/err")"
for v in no-pdf-tags pdf-a; do
	$rb build "$tmp/c" -o "$tmp/$v" --format pdf --$v >/dev/null 2>"$tmp/err" ||
	    ko "--$v build: $(head -3 "$tmp/err")"
done

# 1. Each reader, each build: every duty exactly.
for v in tag no-pdf-tags pdf-a; do
	for r in poppler mupdf gs; do
		read_with $r "$tmp/$v/$sheet" >"$tmp/text"
		miss=0
		while IFS= read -r l; do
			grep -qF "$l" "$tmp/text" || { miss=1; ko "$v: $r does not read '$l': $(grep -o "$(printf '%s' "$l" | head -c 6).\{0,24\}" "$tmp/text" | head -n 1)"; }
		done <"$tmp/duties"
		[ $miss = 0 ] && ok
	done
done

# 2. The readers' other checks, against the layout.
if $py tests/tools/readers.py --dump "$tmp/dump/$sheet.layout" "$tmp/tag/$sheet" \
    "$tmp/no-pdf-tags/$sheet" "$tmp/pdf-a/$sheet" >"$tmp/r.out" 2>&1; then ok
else ko "readers.py: $(grep -v '^ok ' "$tmp/r.out" | sed "s|$tmp/||g" | head -5)"; fi

# 3. TrueType (a theme of WenQuanYi Micro Hei, which shares glyphs with
#    compatibility ideographs only), --pdf-a: its CIDToGIDMap stream read
#    the same by the three readers; then Preflight on both PDF/A sheets.
mkdir -p "$tmp/tt/roles" "$tmp/tpl"
printf 'font.body = WenQuanYi Micro Hei\nfont.em = WenQuanYi Micro Hei\n' >"$tmp/tpl/theme.conf"
cp "$tmp/c/org.xml" "$tmp/tt/"
cp "$tmp/c/roles/boss.md" "$tmp/tt/roles/"
tail -n 1 "$tmp/duties" >"$tmp/tt.duty"
{
	sed -n '1,/^## /p' "$tmp/c/roles/seller.md"
	printf '\n1. %s\n' "$(cat "$tmp/tt.duty")"
} >"$tmp/tt/roles/seller.md"
if $rb --templates "$tmp/tpl" build "$tmp/tt" -o "$tmp/tt-pdf-a" --format pdf --pdf-a \
    >/dev/null 2>"$tmp/err" && pdffonts "$tmp/tt-pdf-a/$sheet" | grep -q 'WenQuanYiMicroHei *CID TrueType'; then
	for r in poppler mupdf gs; do
		if read_with $r "$tmp/tt-pdf-a/$sheet" | grep -qF "$(cat "$tmp/tt.duty")"; then ok
		else ko "TrueType: $r does not read '$(cat "$tmp/tt.duty")'"; fi
	done
else ko "TrueType --pdf-a build: $(head -3 "$tmp/err")"; fi
printf '%s\n' "$tmp/pdf-a/$sheet" "$tmp/tt-pdf-a/$sheet" >"$tmp/list"
preflight "$tmp/list" 2

# 4. The same bytes.
$rb build "$tmp/c" -o "$tmp/again" --format pdf >/dev/null 2>&1
if cmp -s "$tmp/tag/$sheet" "$tmp/again/$sheet"; then ok
else ko "two builds of $sheet differ"; fi

# 5. Drawn: no blank glyph, each added CID as its glyph's own.
cat "$tmp/duties" >"$tmp/spec.txt"
for fam in 'Noto Sans CJK SC|' 'Noto Sans CJK SC|-b' 'WenQuanYi Micro Hei|'; do
	b=${fam#*|}
	fam=${fam%|*}
	if ! fc-list "$fam" family | grep -q .; then
		ko "font '$fam' not installed (scripts/packages*.txt)"
		continue
	fi
	if $GC specimen $b -f "$fam" "$tmp/spec.txt" "$tmp/spec.pdf" >"$tmp/gc" 2>&1 &&
	    grep -q 'with a CID of their own' "$tmp/gc" &&
	    ! grep -q ', 0 with a CID of their own' "$tmp/gc"; then ok
	else ko "glyphcheck specimen $b '$fam': $(head -5 "$tmp/gc")"; fi
done

echo "shared-glyphs: $pass passed, $fail failed"
[ "$fail" = 0 ]
