#!/bin/sh
# A duty's sub-list (（1） … under 1、 …) is laid out nested under the duty
# in the role sheet, numbered (1) (2), a sub-item's second line indented
# with it; a （1） line under a standard is the standard's sub-list too.
set -e
pdftotext out/roles/seller.pdf out/seller.txt
sed -n '/^1 负责建立/,/^二、绩效标准/p' out/seller.txt | grep -v '^$' \
    >out/duties.txt
cat >out/want.txt <<'W'
1 负责建立并维护客户跟踪表，
每周五前交业务经理。
(1) 记录每次上门；
(2) 记录每次邀约，
并注明来源。
2 负责客户回访。
20%
(1) 电话回访；
(2) 上门回访。
3 负责整理资料。
每月
(1) 合同；
(2) 图纸。
4 完成上级交办的其他工作。
二、绩效标准
W
cmp -s out/want.txt out/duties.txt || { diff out/want.txt out/duties.txt; exit 1; }
sed -n '/^二、绩效标准/,/^2\. /p' out/seller.txt >out/std.txt
printf '二、绩效标准\n1. 每月有效客户邀约不少于 6 组；\n(1) 含上门；\n2. 每月设计协议不少于 2 份。\n' >out/want.txt
cmp -s out/want.txt out/std.txt || { diff out/want.txt out/std.txt; exit 1; }
