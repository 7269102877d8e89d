#!/bin/sh
# The PDF handbook lists a department's roles in reporting order, as the
# HTML does: in 业务部, 业务经理 (ids sort it last) comes before the two
# roles reporting to it, 组长 (lead) and 业务员, in id order.  Each role's
# section opens with its "上级：…" line.
set -e
pdftotext out/handbook.pdf out/handbook.txt
grep '^上级：' out/handbook.txt >out/order.txt
printf '上级：总经理 · 下级：组长、业务员\n上级：业务经理\n上级：业务经理\n' |
    cmp -s - out/order.txt || { cat out/order.txt; exit 1; }
