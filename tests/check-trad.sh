#!/bin/sh
# tests/check-trad.sh — job descriptions and roles written in traditional
# characters (崗位職責, 任職資格, 所屬部門 …) read as the simplified ones do,
# with OpenCC (Debian's `opencc`, test only) as the judge of what the
# traditional forms are:
#   - every word the look-ups match (tests/tools/foldcheck words: the field
#     table's names, labels and aliases, the section and title endings, the
#     relation, qualification and frequency labels …), converted by OpenCC
#     to traditional characters in each of its three standards (s2t, s2tw
#     Taiwan, s2hk Hong Kong), still matches (rb_name_eq); a wrong form is
#     refused (negative control);
#   - every pair of the fold table agrees with OpenCC's t2s;
#   - the whole sample content converted to traditional characters checks
#     clean under -Werror, and each role's export is the original's once
#     its text is converted back (nothing became an extra section);
#   - a job description in traditional characters imports as the
#     simplified one does (the Markdown the same once converted back), and
#     the imported role checks clean in the traditional sample content;
#     saved as Big5 it imports the same, with a warning, and as GB18030
#     the same, without;
#   - so do the three Word fixtures of check-import.sh in traditional
#     characters, saved by LibreOffice (heading styles, label cells,
#     section cells; the 頻率 and 時間佔比 columns of a duties table are
#     unit-tested: test_fields.c, traditional_forms_fold).
# Prints "trad: N passed, N failed".
. "$(dirname "$0")/lib.sh"
rb=$top/${rb#./}
[ -x "$rb" ] || rb=$ROLEBOOK
if ! command -v opencc >/dev/null 2>&1; then
	ko "opencc missing (scripts/packages-test.txt: opencc)"
	echo "trad: $pass passed, $fail failed"
	exit 1
fi
${MAKE:-make} -s --no-print-directory obj/tests/tools/foldcheck || exit 1
fc=$top/obj/tests/tools/foldcheck

# ---- every word, in the three standards
"$fc" words >"$tmp/words"
n=$(wc -l <"$tmp/words")
if [ "$n" -ge 150 ]; then ok; else ko "only $n words from foldcheck"; fi
for c in s2t s2tw s2hk; do
	opencc -c $c -i "$tmp/words" -o "$tmp/w.$c"
	if paste "$tmp/words" "$tmp/w.$c" | "$fc" pairs >"$tmp/r.$c"; then
		# most words have another form: the test is not vacuous
		m=$(sed -n 's/.* \([0-9]*\) in other forms.*/\1/p' "$tmp/r.$c")
		if [ "${m:-0}" -ge 100 ]; then ok
		else ko "$c: only ${m:-0} words differ: $(cat "$tmp/r.$c")"; fi
	else ko "$c: traditional forms that do not match: $(head -5 "$tmp/r.$c")"; fi
done
# negative control: 職掌 is not 职责
if printf '岗位职责\t崗位職掌\n' | "$fc" pairs >/dev/null; then
	ko "foldcheck took 崗位職掌 for 岗位职责"
else ok; fi

# ---- the fold table agrees with OpenCC (瞭 alone stays 瞭 in t2s, as in
# 瞭望; in 瞭解, the word of rb_qualkind_infer, it is 了)
"$fc" table >"$tmp/table"
cut -f1 "$tmp/table" | opencc -c t2s >"$tmp/t2s"
paste "$tmp/table" "$tmp/t2s" | awk -F'\t' '$2 != $3 && $1 != "瞭"' >"$tmp/disagree"
if [ -s "$tmp/table" ] && [ ! -s "$tmp/disagree" ]; then ok
else ko "fold table and OpenCC t2s disagree: $(head -5 "$tmp/disagree")"; fi
if [ "$(printf '瞭解' | opencc -c t2s)" = "了解" ]; then ok
else ko "OpenCC t2s: 瞭解 is not 了解"; fi

# ---- the sample content in traditional characters
cp -R "$top/content" "$tmp/tc"
find "$tmp/tc" -name '*.md' -o -name '*.xml' | grep -v /sales/ |
while read -r f; do
	opencc -c s2t -i "$f" -o "$f.t" && mv "$f.t" "$f"
done
if grep -q '崗位職責\|任職資格\|所受監督' "$tmp"/tc/roles/*.md; then ok
else ko "the converted sample has no traditional heading"; fi
if "$rb" -Werror check "$tmp/tc" >"$tmp/tc.out" 2>&1; then ok
else ko "the sample in traditional characters: $(head -5 "$tmp/tc.out")"; fi
for f in "$top"/content/roles/*; do
	b=$(basename "$f")
	"$rb" export "$f" >"$tmp/o.xml" 2>/dev/null
	"$rb" export "$tmp/tc/roles/$b" 2>/dev/null | opencc -c t2s >"$tmp/t.xml"
	if [ -s "$tmp/o.xml" ] && cmp -s "$tmp/o.xml" "$tmp/t.xml"; then ok
	else ko "$b in traditional characters exports otherwise: $(diff "$tmp/o.xml" "$tmp/t.xml" | head -4)"; fi
done
# a duty's attribute block with traditional keys
cat >"$tmp/tc/roles/trad-attrs.md" <<'MD'
---
崗位名稱: 繁體測試
所屬部門: hr-admin
---

## 崗位職責

1. 負責會議通知。{時間佔比=30 頻率=每週}
MD
if "$rb" -Werror check "$tmp/tc" >"$tmp/tc3.out" 2>&1 &&
    "$rb" export "$tmp/tc/roles/trad-attrs.md" 2>/dev/null |
    grep -q '<duty share="30" frequency="每週">負責會議通知。</duty>'; then ok
else ko "traditional attribute keys: $(head -3 "$tmp/tc3.out"; "$rb" export "$tmp/tc/roles/trad-attrs.md" 2>&1 | grep duty)"; fi
rm -f "$tmp/tc/roles/trad-attrs.md"

# ---- import of a job description in traditional characters
mkdir -p "$tmp/i"
cp "$top/tests/import/hr-admin.txt" "$tmp/i/s.txt"
opencc -c s2t -i "$tmp/i/s.txt" -o "$tmp/i/t.txt"
(cd "$tmp/i" && "$rb" import --into cs s.txt && "$rb" import --into ct t.txt) \
    >"$tmp/i/out" 2>"$tmp/i/diag"
if grep -qx 't.txt -> roles/行政專員.md: 4 duties, 2 qualifications, 3 other sections' "$tmp/i/out"; then ok
else ko "traditional import: $(cat "$tmp/i/out" "$tmp/i/diag" | head -6)"; fi
opencc -c t2s -i "$tmp/i/ct/roles/行政專員.md" -o "$tmp/i/back.md"
if cmp -s "$tmp/i/back.md" "$tmp/i/cs/roles/行政专员.md"; then ok
else ko "traditional import differs: $(diff "$tmp/i/cs/roles/行政专员.md" "$tmp/i/back.md" | head -6)"; fi
# the author's text is kept as written
if grep -q '^1\. 負責會議通知' "$tmp/i/ct/roles/行政專員.md"; then ok
else ko "traditional import changed the text: $(sed -n 8,14p "$tmp/i/ct/roles/行政專員.md")"; fi
# 直接下級 is told as 直接下级 is
if grep -q "t.txt:5: warning: 直接下級: not kept" "$tmp/i/diag"; then ok
else ko "直接下級 not recognised: $(cat "$tmp/i/diag")"; fi
# Saved as Big5 (CP950: Notepad and Word in Taiwan and Hong Kong), it
# imports the same, with a warning that it was read as Big5; saved as
# GB18030 (traditional characters are in GBK too), the same, no warning.
iconv -f UTF-8 -t CP950 "$tmp/i/t.txt" >"$tmp/i/b5.txt"
iconv -f UTF-8 -t GB18030 "$tmp/i/t.txt" >"$tmp/i/gb.txt"
for e in b5 gb; do
	(cd "$tmp/i" && "$rb" import --into c$e $e.txt) >/dev/null 2>"$tmp/i/$e.diag"
	if cmp -s "$tmp/i/c$e/roles/行政專員.md" "$tmp/i/ct/roles/行政專員.md"; then ok
	else ko "$e.txt imports otherwise: $(diff "$tmp/i/ct/roles/行政專員.md" "$tmp/i/c$e/roles/行政專員.md" 2>&1 | head -4)"; fi
	n=$(grep -c '^'$e'.txt: warning: not UTF-8: read as Big5' "$tmp/i/$e.diag")
	if [ "$e:$n" = b5:1 ] || [ "$e:$n" = gb:0 ]; then ok
	else ko "$e.txt: $n Big5 warnings: $(head -3 "$tmp/i/$e.diag")"; fi
done
# The seeds' excerpts (seed 000 in traditional characters) saved as
# GB18030: read as GB18030, no Big5 warning, the same Markdown.
for f in "$top"/tests/import/seed-*.txt; do
	n=$(basename "$f" .txt)
	mkdir -p "$tmp/g/$n/u" "$tmp/g/$n/g"
	cp "$f" "$tmp/g/$n/u/$n.txt"
	iconv -f UTF-8 -t GB18030 "$f" >"$tmp/g/$n/g/$n.txt"
	(cd "$tmp/g/$n/u" && "$rb" import --into c $n.txt; cd ../g &&
	    "$rb" import --into c $n.txt) >/dev/null 2>"$tmp/g/$n/diag"
	if ! grep -q 'read as Big5' "$tmp/g/$n/diag" &&
	    [ -n "$(cat "$tmp/g/$n"/u/c/roles/*.md)" ] &&
	    [ "$(cat "$tmp/g/$n"/u/c/roles/*.md)" = "$(cat "$tmp/g/$n"/g/c/roles/*.md)" ]; then ok
	else ko "$n saved as GB18030: $(grep -m2 'Big5\|error' "$tmp/g/$n/diag")"; fi
done
cp "$tmp/i/ct/roles/行政專員.md" "$tmp/tc/roles/imported-trad.md"
if "$rb" -Werror check "$tmp/tc" >"$tmp/tc2.out" 2>&1; then ok
else ko "the imported traditional role does not check: $(head -5 "$tmp/tc2.out")"; fi

# ---- Word files in traditional characters: the three fixtures of
# check-import.sh converted by OpenCC, saved by LibreOffice, import as the
# simplified ones (tests/import/expect/docx-*.md) once converted back:
# heading styles, label cells (崗位名稱 | …), section cells
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$tmp/lo"
	for n in headed listed table; do
		opencc -c s2t -i "$top/tests/import/$n.html" -o "$tmp/lo/$n.html"
	done
	soffice -env:UserInstallation=file://$tmp/lo-profile --headless \
	    --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/lo" \
	    "$tmp/lo/headed.html" "$tmp/lo/listed.html" "$tmp/lo/table.html" \
	    >"$tmp/lo.log" 2>&1
	for f in headed:設計師:设计师 listed:客服代表:客服代表 table:行政專員:行政专员; do
		n=${f%%:*} r=${f#*:}; t=${r%%:*} s=${r#*:}
		(cd "$tmp/lo" && "$rb" import --into c "$n.docx") >/dev/null 2>&1
		if [ -s "$tmp/lo/c/roles/$t.md" ] && opencc -c t2s \
		    -i "$tmp/lo/c/roles/$t.md" -o "$tmp/lo/$n.back.md" &&
		    cmp -s "$tmp/lo/$n.back.md" "$top/tests/import/expect/docx-$n.md"; then ok
		else ko "$n.docx in traditional characters: $(ls "$tmp/lo/c/roles" 2>&1; diff "$top/tests/import/expect/docx-$n.md" "$tmp/lo/$n.back.md" 2>&1 | head -6)"; fi
	done
else
	ko "soffice missing (scripts/packages-test.txt: libreoffice-writer-nogui)"
fi

echo "trad: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
