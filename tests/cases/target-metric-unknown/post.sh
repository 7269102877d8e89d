#!/bin/sh
# The metrics' Chinese names come from the field table, the same in the
# handbook as in the sales report (设计协议, not 新进设计协议); a metric
# it does not know is shown as written.
set -e
p=out/handbook/roles/seller.html
grep -q '有效客户邀约' "$p"
grep -q '设计协议' "$p"
! grep -q '新进设计协议' "$p"
grep -q 'signed_amount' "$p"
grep -q '每月' "$p"
grep -q 'gross_margin' out/handbook/roles/boss.html
grep -q '每年' out/handbook/roles/boss.html
