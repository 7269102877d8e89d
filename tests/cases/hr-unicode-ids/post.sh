#!/bin/sh
# Unicode ids: output files named after them, links percent-encoded, the
# references by title and by department name resolved.
set -e
test -f out/handbook/roles/业务员.html
test -f out/handbook/roles/总经理.html
test -f out/handbook/departments/总经理室.html
grep -q 'href="roles/%E4%B8%9A%E5%8A%A1%E5%91%98.html"' out/handbook/index.html
# 业务员 reports to 业务经理 (a title), in 业务部 (a department's name)
grep -q 'href="../roles/%E4%B8%9A%E5%8A%A1%E7%BB%8F%E7%90%86.html"' out/handbook/roles/业务员.html
grep -q 'href="../departments/sales.html"' out/handbook/roles/业务员.html
# the report recipient 总经理 (a title) is linked
grep -q 'href="../roles/%E6%80%BB%E7%BB%8F%E7%90%86.html">总经理</a></td>' out/handbook/roles/业务经理.html
