#!/bin/sh
# The report of a small hand-made month, checked by its figures (the whole
# HTML is also compared with expect/out/reports/2026-10.html).
set -e
h=out/reports/2026-10.html
flat=$(tr -d '\n' <"$h" | sed 's#</*small>##g')
has() { case $flat in *"$1"*) ;; *) echo "missing in $h: $1"; exit 1 ;; esac; }
# team-1: 128,000.00 + 99,999.99 against 200,000.00: the 110 % tier
has '<td class="num">227,999.99</td><td class="num met">113.99%</td><td class="num">1,000.00</td>'
# against last month (team-1 signed 150,000.00 of 180,000.00 in September)
has '<td class="num">150,000.00</td><td class="num">83.33%</td><td class="num">+77,999.99<br>+52.0%</td>'
# the champion, by name, with the bonus
has '<tr data-person="1003"><td>月冠军</td><td>张伟（1003）</td><td class="num">128,000.00</td><td class="num">1</td><td class="num">500.00</td>'
# pay totals (the same as the payroll export) and the fund
has '<td class="num" data-total="996871">9,968.71</td>'
has '本月罚款 30.00 元全部进入部门活动经费'
# forfeits, fines and warnings with their reasons
has '全勤奖扣发：非豁免迟到 3 次（10-06、10-19、10-27），达到 3 次'
has '第 3 次各罚 30.00，共 30.00'
has '2026-10/incidents.csv:3'
# the leaver: prorated base
has '底薪按在职天数折算：1000.00 × 20/31 天 = 645.16（离职 2026-10-20）'
# role targets of the manager (from roles/business-manager.md)
has '<tr data-person="1001"><td>王建国（1001）</td><td>业务经理</td>'
# the data problem
has "unknown column 'channel' is ignored"
has '<div class="sign"><span class="sign-line"></span><span class="sign-label">批准</span>'
# the payroll export agrees with the HTML totals
tail -n +2 out/reports/2026-10-pay.csv | awk -F, '{ s += $NF * 100 } END { if (s != 996871) exit 1 }'
# the PDF: written with the rest, the same figures in its text
test -s out/reports/2026-10.pdf
pdftotext -layout out/reports/2026-10.pdf pdf.txt 2>/dev/null
for s in 月冠军 张伟 113.99% 9,968.71 部门活动经费 批准 "645.16"; do
	grep -qF -- "$s" pdf.txt || { echo "missing in the PDF: $s"; exit 1; }
done
