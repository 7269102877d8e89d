#!/bin/sh
# A duty's sub-list is an <ol class="paren sub"> inside the duty's cell,
# after its text (style.css numbers it (1) (2)).
set -e
f=out/handbook/roles/seller.html
sed -n '/<td>负责建立/,/<\/td>/p' $f >out/duty1.txt
cat >out/want.txt <<'W'
<td>负责建立并维护客户跟踪表，<br>每周五前交业务经理。<ol class="paren sub">
<li>记录每次上门；</li>
<li>记录每次邀约，<br>并注明来源。</li>
</ol>
</td>
W
cmp -s out/want.txt out/duty1.txt || { diff out/want.txt out/duty1.txt; exit 1; }
# and a standard's (every list with text has sub-lists)
test "$(grep -c '<ol class="paren sub">' $f)" = 4
grep -A1 '<li>每月有效客户邀约不少于 6 组；<ol class="paren sub">' $f |
    grep -q '^<li>含上门；</li>$'
grep -q '^ol.paren > li::before { content: "(" counter(paren) ")"' out/handbook/style.css
