#!/bin/sh
# tests/check-sales-exports.sh — sales data as CRMs and Excel export it
# (issue 14).  From the sample content, a copy is made in which every
# staff.csv and monthly CSV is rewritten the way exporters write it:
#   staff.csv       GBK, CRLF, Chinese header, role as its title (when one
#                   role has it), dates as 2023年2月20日, a trailing empty
#                   column;
#   events.csv      GBK (UTF-8 with a BOM in every other month), CRLF,
#                   Chinese header, types in Chinese (上门, 邀约, 设计协议,
#                   签单), dates as 2026/10/5 (every other month as a
#                   date-time, 2026/10/5 9:30), amounts as "￥71,714.51"
#                   (every other month " ￥71,714.51 ", Excel's accounting
#                   format),
#                   trailing empty lines;
#   incidents.csv   UTF-8 with a BOM, Chinese header and kinds, 是/否,
#                   dates as 2026.10.5;
#   targets.csv     GBK, Chinese header, amounts as "1,410,000.00元".
# The report of every sample month on that copy must give a payroll CSV and
# workbook byte-identical to the plain files', with no diagnostic; and
# `check` passes on it.  Prints "exports: N passed, N failed".
. "$(dirname "$0")/lib.sh"
cp -R content "$tmp/plain"
cp -R content "$tmp/excel"
if ! python3 - "$tmp/excel" <<'PY' 2>"$tmp/py"
import csv, glob, io, os, re, sys
top = sys.argv[1]

def read(p):
    return list(csv.reader(open(p, encoding="utf-8-sig", newline="")))

def write(p, rows, enc, trail=""):
    b = io.StringIO()
    w = csv.writer(b, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    text = b.getvalue() + trail
    data = text.encode("gb18030") if enc == "gbk" else ("\ufeff" + text).encode("utf-8")
    open(p, "wb").write(data)

def ymd(d):
    return tuple(int(x) for x in d.split("-"))

def money(s):
    if not s:
        return s
    y, f = s.split(".") if "." in s else (s, "00")
    return "{:,}".format(int(y)) + "." + f

# role titles, where one role has the title
titles = {}
for p in glob.glob(top + "/roles/*"):
    t = open(p, encoding="utf-8").read()
    m = re.search(r"^title:\s*(.+)$", t, re.M) or re.search(r"<title>([^<]+)</title>", t)
    rid = os.path.splitext(os.path.basename(p))[0]
    if m:
        titles.setdefault(m.group(1).strip(), []).append(rid)
title_of = {v[0]: k for k, v in titles.items() if len(v) == 1}

rows = read(top + "/staff.csv")
out = [["工号", "姓名", "岗位", "团队", "入职日期", "离职日期", ""]]
for r in rows[1:]:
    d = lambda s: "%d年%d月%d日" % ymd(s) if s else ""
    out.append([r[0], r[1], title_of.get(r[2], r[2]), r[3], d(r[4]), d(r[5]), ""])
write(top + "/staff.csv", out, "gbk")

EV = {"visit": "上门", "invitation": "邀约", "design_agreement": "设计协议", "contract": "签单"}
INC = {"late": "迟到", "leave": "请假", "comp_leave": "调休", "phone_blocked": "手机停机",
       "transport_late": "交通迟到", "missing_record": "未做记录"}
for i, mdir in enumerate(sorted(glob.glob(top + "/sales/*"))):
    p = mdir + "/events.csv"
    rows = read(p)
    h = rows[0]
    assert h[:6] == ["date", "person", "type", "client", "amount", "note"], h
    out = [["日期", "工号", "类型", "客户", "金额", "备注"] + h[6:]]
    for r in rows[1:]:
        r = list(r)
        # every other month as Excel writes a date-time cell
        r[0] = "%d/%d/%d" % ymd(r[0]) + (" 9:30" if i % 2 else "")
        r[2] = EV[r[2]]
        # (every other month as Excel's accounting format: " ￥71,714.51 ")
        r[4] = (" ￥%s " if i % 2 else "￥%s") % money(r[4]) if r[4] else ""
        out.append(r)
    write(p, out, "gbk" if i % 2 == 0 else "utf8", "\r\n\r\n")
    p = mdir + "/incidents.csv"
    if os.path.exists(p):
        rows = read(p)
        out = [["日期", "工号", "类别", "豁免", "备注"]]
        for r in rows[1:]:
            out.append(["%d.%d.%d" % ymd(r[0]), r[1], INC[r[2]],
                        {"yes": "是", "no": "否", "": ""}[r[3]], r[4]])
        write(p, out, "utf8")
    p = mdir + "/targets.csv"
    if os.path.exists(p):
        rows = read(p)
        out = [["团队", "目标金额"]] + [[r[0], money(r[1]) + "元"] for r in rows[1:]]
        write(p, out, "gbk")
PY
then ko "making the export-style copy: $(tail -3 "$tmp/py")"
else
	# the copy really is in the exporters' forms
	if head -c 40 "$tmp/excel/staff.csv" | iconv -f UTF-8 -t UTF-8 >/dev/null 2>&1; then
		ko "staff.csv of the copy is still UTF-8"
	elif ! grep -q "$(printf '\r')" "$tmp/excel/staff.csv"; then
		ko "staff.csv of the copy has no CRLF"
	else ok; fi
	for m in $(ls content/sales); do
		$rb report "$m" "$tmp/plain" -o "$tmp/po" >/dev/null 2>"$tmp/e1"
		$rb report "$m" "$tmp/excel" -o "$tmp/eo" >/dev/null 2>"$tmp/e2"
		if [ -s "$tmp/e2" ] && ! cmp -s "$tmp/e1" "$tmp/e2"; then
			ko "report $m of the exports: $(head -3 "$tmp/e2")"
		elif ! [ -s "$tmp/po/reports/$m-pay.csv" ] ||
		    ! cmp -s "$tmp/po/reports/$m-pay.csv" "$tmp/eo/reports/$m-pay.csv"; then
			ko "$m: the payroll CSV of the exports differs: $(diff "$tmp/po/reports/$m-pay.csv" "$tmp/eo/reports/$m-pay.csv" 2>&1 | head -4)"
		elif ! cmp -s "$tmp/po/reports/$m-pay.xlsx" "$tmp/eo/reports/$m-pay.xlsx"; then
			ko "$m: the payroll workbook of the exports differs"
		else ok; fi
	done
	if $rb check "$tmp/excel" >/dev/null 2>"$tmp/e" && [ ! -s "$tmp/e" ]; then ok
	else ko "check of the exports: $(head -3 "$tmp/e")"; fi
fi
echo "exports: $pass passed, $fail failed"
[ $fail = 0 ]
