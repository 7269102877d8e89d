#!/bin/sh
# Every list with text has sub-lists (（1） … under 1、 …), here read from
# XML (the export of hr-sublist-all-md): the HTML nests an
# <ol class="paren sub"> in the standard, relation, authority and
# qualification as in the duty; the PDF numbers them (1); Word numbers
# them one level down.
set -e
f=out/handbook/roles/seller.html
test "$(grep -c '<ol class="paren sub">' $f)" = 5
for t in '每月邀约不少于 6 组；' '业务经理' '对报价有建议权。' '大专以上学历；'; do
	grep -q "$t<ol class=\"paren sub\">" $f || { echo "no sub-list after $t"; exit 1; }
done
grep -q '^<li>每周汇报；</li>$' $f
pdftotext out/roles/seller.pdf out/seller.txt
for t in '含上门；' '每周汇报；' '限公司价目表内；' '须书面报批。' '市场营销专业优先；'; do
	grep -q "^(.) $t\$" out/seller.txt || { echo "PDF: no (n) $t"; exit 1; }
done
unzip -p out/handbook.docx word/document.xml >out/doc.xml
grep -q '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="[0-9]*"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">含上门；' out/doc.xml
