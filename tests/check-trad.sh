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
#   - every Chinese header and value the sales CSV readers match
#     (foldcheck sales: 工号, 类型, 签单, 迟到 …) in the three standards
#     still matches; the sample month with Chinese headers and values,
#     those converted to traditional characters (工號, 類型, 簽單, 遲到),
#     gives the sample's report and payroll byte for byte; the whole
#     files converted, and saved as Big5, the traditional run's;
#   - the sales data (staff.csv, a month) in traditional characters
#     saved as Big5 is read as Big5, with a warning a file, and gives the
#     traditional UTF-8 run's report and payroll (the sample's but for the
#     names); declared by its name (.big5.csv), no warning; errors placed
#     as in UTF-8; saved as GB18030, the sample's outputs;
#   - a role saved as Big5 is told so, with iconv -f CP950 (GBK: as
#     before), and the command given brings it back;
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

# judge FILE MIN WHAT: every word of FILE, converted by OpenCC to each
# standard (s2t, s2tw, s2hk), still matches (foldcheck pairs); at least MIN
# of them have another form, so that the test is not vacuous.
judge() {
	for c in s2t s2tw s2hk; do
		opencc -c $c -i "$1" -o "$1.$c"
		if paste "$1" "$1.$c" | "$fc" pairs >"$1.r.$c"; then
			m=$(sed -n 's/.* \([0-9]*\) in other forms.*/\1/p' "$1.r.$c")
			if [ "${m:-0}" -ge "$2" ]; then ok
			else ko "$c: only ${m:-0} $3 differ: $(cat "$1.r.$c")"; fi
		else ko "$c: $3 in traditional forms that do not match: $(head -5 "$1.r.$c")"; fi
	done
}

# ---- every word, in the three standards
"$fc" words >"$tmp/words"
n=$(wc -l <"$tmp/words")
if [ "$n" -ge 150 ]; then ok; else ko "only $n words from foldcheck"; fi
judge "$tmp/words" 100 words
# negative control: 職掌 is not 职责
if printf '岗位职责\t崗位職掌\n' | "$fc" pairs >/dev/null; then
	ko "foldcheck took 崗位職掌 for 岗位职责"
else ok; fi

# ---- the sales CSV readers' words (sales_words: the headers' Chinese
# names, the event types, incident kinds, yes and no: 工号, 类型, 签单,
# 迟到 …), in the three standards: a CSV exported in Taiwan or Hong Kong
# (工號, 類型, 簽單, 遲到) is read as the simplified one.  Part of the
# words above too; here alone, so that each standard must change most of
# them (not vacuous) and a word added to the readers is covered.
"$fc" sales >"$tmp/swords"
n=$(wc -l <"$tmp/swords")
if [ "$n" -ge 24 ] && grep -qx '签单' "$tmp/swords" &&
    grep -qx '目标金额' "$tmp/swords"; then ok
else ko "only $n sales words from foldcheck: $(tr '\n' ' ' <"$tmp/swords")"; fi
judge "$tmp/swords" 18 "sales words"
# negative control: 簽約 (signing a contract) is not 签单, 遲報 not 迟到
if printf '签单\t簽約\n' | "$fc" pairs >/dev/null ||
    printf '迟到\t遲報\n' | "$fc" pairs >/dev/null; then
	ko "foldcheck took 簽約 for 签单 or 遲報 for 迟到"
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

# ---- the sales data saved as Big5 (CP950: Excel in Taiwan and Hong Kong)
# staff.csv and the month 2026-10 in traditional characters (OpenCC s2t),
# in UTF-8 (t) and saved as Big5 (b); the sample as it is (u), and saved
# as GB18030 (g).  Big5 is read as Big5, one warning a file that is not
# ASCII; the report and payroll are the traditional UTF-8 run's, byte for
# byte, and the sample's but for the names (before: read as GB18030,
# private-use characters, errors at the report template).
m=2026-10
mkdir -p "$tmp/s"
for x in u t b g; do cp -R "$top/content" "$tmp/s/$x"; done
for f in staff.csv sales/$m/events.csv sales/$m/incidents.csv sales/$m/targets.csv; do
	opencc -c s2t -i "$tmp/s/u/$f" -o "$tmp/s/t/$f"
	iconv -f UTF-8 -t CP950 "$tmp/s/t/$f" >"$tmp/s/b/$f"
	iconv -f UTF-8 -t GB18030 "$tmp/s/u/$f" >"$tmp/s/g/$f"
done
for x in u t b g; do
	(cd "$tmp/s" && "$rb" report $m $x -o $x.out) >/dev/null 2>"$tmp/s/$x.diag"
	echo $? >"$tmp/s/$x.rc"
done
w='warning: not UTF-8: read as Big5 (traditional Chinese, as Excel in Taiwan and Hong Kong saves it); if the text looks wrong, export the file as "CSV UTF-8"; if it is right, rename the file'
printf '%s\n' "b/sales/$m/events.csv: $w events.big5.csv to say it is Big5" \
    "b/sales/$m/incidents.csv: $w incidents.big5.csv to say it is Big5" \
    "b/staff.csv: $w staff.big5.csv to say it is Big5" >"$tmp/s/b.want"
if [ "$(cat "$tmp/s/b.rc")" = 0 ] && cmp -s "$tmp/s/b.want" "$tmp/s/b.diag"; then ok
else ko "Big5 month: exit $(cat "$tmp/s/b.rc"): $(diff "$tmp/s/b.want" "$tmp/s/b.diag" | head -6)"; fi
for x in u t g; do
	if [ "$(cat "$tmp/s/$x.rc")" = 0 ] && [ ! -s "$tmp/s/$x.diag" ]; then ok
	else ko "$x month: $(head -3 "$tmp/s/$x.diag")"; fi
done
r=reports/$m
for f in $r.html $r.pdf $r-pay.csv $r-pay.xlsx; do
	if cmp -s "$tmp/s/t.out/$f" "$tmp/s/b.out/$f"; then ok
	else ko "Big5 month: $f is not the traditional UTF-8 run's"; fi
	if cmp -s "$tmp/s/u.out/$f" "$tmp/s/g.out/$f"; then ok
	else ko "GB18030 month: $f is not the UTF-8 run's"; fi
done
# the payroll: every figure the sample's, the names in traditional form
cut -d, -f2 "$tmp/s/u.out/$r-pay.csv" | opencc -c s2t >"$tmp/s/u.names"
cut -d, -f2 "$tmp/s/b.out/$r-pay.csv" >"$tmp/s/b.names"
cut -d, -f1,3- "$tmp/s/u.out/$r-pay.csv" >"$tmp/s/u.fig"
cut -d, -f1,3- "$tmp/s/b.out/$r-pay.csv" >"$tmp/s/b.fig"
if [ "$(wc -l <"$tmp/s/u.fig")" -gt 10 ] && cmp -s "$tmp/s/u.fig" "$tmp/s/b.fig" &&
    cmp -s "$tmp/s/u.names" "$tmp/s/b.names" && grep -qx '張偉' "$tmp/s/b.names"; then ok
else ko "Big5 payroll: $(diff "$tmp/s/u.out/$r-pay.csv" "$tmp/s/b.out/$r-pay.csv" | head -4)"; fi
# the report's text: the sample's once converted back, with 王建國 in it
pdftotext -layout "$tmp/s/u.out/$r.pdf" "$tmp/s/u.txt"
pdftotext -layout "$tmp/s/b.out/$r.pdf" "$tmp/s/b.txt"
if grep -q '王建國' "$tmp/s/b.txt" && ! grep -q '王建国' "$tmp/s/b.txt" &&
    opencc -c t2s -i "$tmp/s/b.txt" -o "$tmp/s/b2s.txt" &&
    cmp -s "$tmp/s/u.txt" "$tmp/s/b2s.txt"; then ok
else ko "Big5 report text: $(diff "$tmp/s/u.txt" "$tmp/s/b2s.txt" | head -4)"; fi
# Declared by the name (.big5.csv): no warning, the same report (the
# names of the files it cites aside) and payroll.
cp -R "$tmp/s/b" "$tmp/s/d"
for f in staff sales/$m/events sales/$m/incidents; do
	mv "$tmp/s/d/$f.csv" "$tmp/s/d/$f.big5.csv"
done
(cd "$tmp/s" && "$rb" report $m d -o d.out) >/dev/null 2>"$tmp/s/d.diag"
if [ $? = 0 ] && [ ! -s "$tmp/s/d.diag" ] &&
    cmp -s "$tmp/s/t.out/$r-pay.csv" "$tmp/s/d.out/$r-pay.csv" &&
    grep -q 'incidents\.big5\.csv:4, 11, 32' "$tmp/s/d.out/$r.html" &&
    sed 's/\.big5\.csv/.csv/g' "$tmp/s/d.out/$r.html" | cmp -s - "$tmp/s/t.out/$r.html"; then ok
else ko "declared Big5: $(head -3 "$tmp/s/d.diag")"; fi
# Errors in a Big5 file are placed as in the UTF-8 one (line, column in
# characters); a declared Big5 file that is not: at its bad byte.
printf '%s\n' '2026-10-31,1001,visit,客戶甲,abc,備註' '2026-10-31,1001,拜訪,客戶乙,,' \
    >>"$tmp/s/t/sales/$m/events.csv"
iconv -f UTF-8 -t CP950 "$tmp/s/t/sales/$m/events.csv" >"$tmp/s/b/sales/$m/events.csv"
(cd "$tmp/s" && "$rb" check t) >/dev/null 2>"$tmp/s/t.err"
(cd "$tmp/s" && "$rb" check b) >/dev/null 2>"$tmp/s/b.err"
if grep -qx "t/sales/$m/events.csv:312:27: error: amount 'abc' on a visit: only contract rows have an amount" "$tmp/s/t.err" &&
    grep -v ': warning: not UTF-8: read as Big5' "$tmp/s/b.err" | sed 's,^b/,t/,' |
    cmp -s - "$tmp/s/t.err"; then ok
else ko "errors in a Big5 CSV: $(diff "$tmp/s/t.err" "$tmp/s/b.err" | head -6)"; fi
{ iconv -f UTF-8 -t CP950 "$tmp/s/t/sales/$m/incidents.csv"
  printf '2026-10-31,1001,late,,\261\151\377\n'; } >"$tmp/s/d/sales/$m/incidents.big5.csv"
(cd "$tmp/s" && "$rb" check d) >/dev/null 2>"$tmp/s/d.err"
if grep -qx "d/sales/$m/incidents.big5.csv:45:24: error: not valid Big5 (byte 0xFF); is the file really Big5? If it is UTF-8, drop the encoding from its name" "$tmp/s/d.err"; then ok
else ko "declared Big5, a bad byte: $(cat "$tmp/s/d.err")"; fi

# ---- the sample month with Chinese headers and values (工号,姓名,…;
# 上门, 签单, 迟到, 是), in simplified characters (z), then the headers
# and values alone converted by OpenCC to traditional characters in each
# standard (s2t, s2tw, s2hk: 工號, 類型, 上門, 簽單, 遲到; the names and
# notes as they are): each gives the English sample's report and payroll
# (u) byte for byte.  Before, each traditional header was an unknown
# column (a missing-column error) and each value an unknown type.
mkdir -p "$tmp/z"
cp -R "$top/content" "$tmp/z/z"
zh_head() {	# the Chinese header of file $1 (as docs/sales.md lists them)
	case $1 in
	staff.csv) echo '工号,姓名,岗位,团队,入职日期,离职日期' ;;
	*/events.csv) echo '日期,工号,类型,客户,金额,备注' ;;
	*/incidents.csv) echo '日期,工号,类别,豁免,备注' ;;
	*/targets.csv) echo '团队,目标金额' ;;
	esac
}
for f in staff.csv sales/$m/events.csv sales/$m/incidents.csv sales/$m/targets.csv; do
	{ zh_head $f
	  sed 1d "$top/content/$f" | awk -F, -v OFS=, -v f=$f '
	    BEGIN { split("visit 上门 invitation 邀约 design_agreement 设计协议 " \
		"contract 签单 late 迟到 leave 请假 comp_leave 调休 " \
		"phone_blocked 手机停机 transport_late 交通迟到 " \
		"missing_record 未做记录 yes 是", w, " ")
		for (i = 1; i < 24; i += 2) zh[w[i]] = w[i + 1] }
	    f ~ /events|incidents/ && ($3 in zh) { $3 = zh[$3] }
	    f ~ /incidents/ && ($4 in zh) { $4 = zh[$4] }
	    { print }'; } >"$tmp/z/z/$f"
done
if ! grep -q ',visit,\|,late,\|,yes,' "$tmp/z/z/sales/$m/events.csv" "$tmp/z/z/sales/$m/incidents.csv" &&
    [ "$(grep -c ',签单,' "$tmp/z/z/sales/$m/events.csv")" -ge 10 ] &&
    [ "$(grep -c ',是,' "$tmp/z/z/sales/$m/incidents.csv")" -ge 3 ]; then ok
else ko "the Chinese sample month: $(sed -n 1,3p "$tmp/z/z/sales/$m/incidents.csv")"; fi
# the header (line 1) and the value columns (3, and 4 of incidents) of
# the file converted by OpenCC, the rest of the line as it is
for c in s2t s2tw s2hk; do
	cp -R "$tmp/z/z" "$tmp/z/$c"
	for f in staff.csv sales/$m/events.csv sales/$m/incidents.csv sales/$m/targets.csv; do
		opencc -c $c -i "$tmp/z/z/$f" -o "$tmp/z/conv"
		awk -F, -v OFS=, -v f=$f 'NR == FNR { t[FNR] = $0; next }
		    { n = split(t[FNR], a, ",") }
		    FNR == 1 { print t[FNR]; next }
		    f ~ /events|incidents/ { $3 = a[3] }
		    f ~ /incidents/ { $4 = a[4] }
		    { print }' "$tmp/z/conv" "$tmp/z/z/$f" >"$tmp/z/$c/$f"
	done
done
# the whole files converted (the names too: 王建國), in UTF-8 (zt) and
# saved as Big5 (zb): the traditional English-header run's outputs (t)
cp -R "$tmp/z/z" "$tmp/z/zt"
cp -R "$tmp/z/z" "$tmp/z/zb"
for f in staff.csv sales/$m/events.csv sales/$m/incidents.csv sales/$m/targets.csv; do
	opencc -c s2t -i "$tmp/z/z/$f" -o "$tmp/z/zt/$f"
	iconv -f UTF-8 -t CP950 "$tmp/z/zt/$f" >"$tmp/z/zb/$f"
done
if grep -q '^日期,工號,類型,客戶,金額,備註$' "$tmp/z/s2t/sales/$m/events.csv" &&
    grep -q '^日期,工號,類型,客户,金額,備註$' "$tmp/z/s2hk/sales/$m/events.csv" &&
    grep -q '^2026-10-[0-9]*,[0-9]*,上門,' "$tmp/z/s2tw/sales/$m/events.csv" &&
    grep -q ',簽單,' "$tmp/z/s2t/sales/$m/events.csv" &&
    grep -q ',遲到,' "$tmp/z/s2hk/sales/$m/incidents.csv" &&
    grep -q '^團隊,目標金額' "$tmp/z/s2t/sales/$m/targets.csv" &&
    grep -q '^工號,姓名,崗位,團隊,入職日期,離職日期' "$tmp/z/s2t/staff.csv" &&
    grep -q '王建国' "$tmp/z/s2t/staff.csv"; then ok
else ko "the traditional month: $(sed -n 1,2p "$tmp/z/s2t/sales/$m/events.csv")"; fi
for x in z s2t s2tw s2hk zt zb; do
	(cd "$tmp/z" && "$rb" report $m $x -o $x.out) >/dev/null 2>"$tmp/z/$x.diag"
	rc=$?
	grep -v ': warning: not UTF-8: read as Big5 ' "$tmp/z/$x.diag" >"$tmp/z/$x.err"
	if [ $rc = 0 ] && [ ! -s "$tmp/z/$x.err" ]; then ok
	else ko "$x month (Chinese headers): exit $rc: $(head -3 "$tmp/z/$x.err")"; fi
	case $x in zt|zb) y=t ;; *) y=u ;; esac
	for f in $r.html $r.pdf $r-pay.csv $r-pay.xlsx; do
		if [ -s "$tmp/s/$y.out/$f" ] && cmp -s "$tmp/s/$y.out/$f" "$tmp/z/$x.out/$f"; then ok
		else ko "$x month (Chinese headers): $f is not the $y run's: $(diff "$tmp/s/$y.out/$r-pay.csv" "$tmp/z/$x.out/$r-pay.csv" 2>&1 | head -4)"; fi
	done
done
# Big5: a warning a file (all four hold Chinese now), no other diagnostic
if [ "$(grep -c ': warning: not UTF-8: read as Big5 ' "$tmp/z/zb.diag")" = 4 ]; then ok
else ko "Big5 month with Chinese headers: $(cat "$tmp/z/zb.diag")"; fi
# a traditional word that is not one stays refused, at its place
printf '2026-10-31,1001,拜訪,客戶乙,,\n' >>"$tmp/z/s2t/sales/$m/events.csv"
(cd "$tmp/z" && "$rb" check s2t) >/dev/null 2>"$tmp/z/bad.err"
if grep -q "^s2t/sales/$m/events.csv:312:17: error: .*拜訪" "$tmp/z/bad.err"; then ok
else ko "an unknown traditional type: $(cat "$tmp/z/bad.err")"; fi

# ---- a role saved as Big5 or GBK: the error names the encoding its bytes
# are in and the command that converts them (before, Big5 was told GBK),
# and that command gives the role back, which checks clean.
mkdir -p "$tmp/r"
cp -R "$tmp/tc" "$tmp/r/b5"
cp -R "$top/content" "$tmp/r/gb"
for f in roles/general-manager.md roles/project-manager.xml; do
	iconv -f UTF-8 -t CP950 "$tmp/tc/$f" >"$tmp/r/b5/$f"
	iconv -f UTF-8 -t GB18030 "$top/content/$f" >"$tmp/r/gb/$f"
done
(cd "$tmp/r" && "$rb" check b5; "$rb" check gb) >/dev/null 2>"$tmp/r/diag"
cat >"$tmp/r/want" <<'DIAG'
b5/roles/general-manager.md:3:8: error: invalid UTF-8 byte 0xC1: the file looks saved as Big5; save it as UTF-8 (or convert it: iconv -f CP950 -t UTF-8)
b5/roles/project-manager.xml:3:10: error: invalid UTF-8 byte 0xB6: the file looks saved as Big5; save it as UTF-8 (or convert it: iconv -f CP950 -t UTF-8)
gb/roles/general-manager.md:3:8: error: invalid UTF-8 byte 0xD7: the file looks saved as GBK; save it as UTF-8 (or convert it: iconv -f GBK -t UTF-8)
gb/roles/project-manager.xml:3:10: error: invalid UTF-8 byte 0xCF: the file looks saved as GBK; save it as UTF-8 (or convert it: iconv -f GBK -t UTF-8), or declare it: <?xml version="1.0" encoding="GBK"?>
DIAG
if cmp -s "$tmp/r/want" "$tmp/r/diag"; then ok
else ko "a role saved as Big5 or GBK: $(diff "$tmp/r/want" "$tmp/r/diag")"; fi
for f in roles/general-manager.md roles/project-manager.xml; do
	iconv -f CP950 -t UTF-8 "$tmp/r/b5/$f" >"$tmp/r/x" && mv "$tmp/r/x" "$tmp/r/b5/$f"
	iconv -f GBK -t UTF-8 "$tmp/r/gb/$f" >"$tmp/r/x" && mv "$tmp/r/x" "$tmp/r/gb/$f"
done
if cmp -s "$tmp/r/b5/roles/general-manager.md" "$tmp/tc/roles/general-manager.md" &&
    "$rb" -Werror check "$tmp/r/b5" >"$tmp/r/o" 2>&1 &&
    "$rb" -Werror check "$tmp/r/gb" >>"$tmp/r/o" 2>&1; then ok
else ko "the roles converted as told: $(head -3 "$tmp/r/o")"; fi

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
