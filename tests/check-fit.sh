#!/bin/sh
# tests/check-fit.sh — the HTML handbook fits its page: the sample, with
# what real job descriptions hold added to the salesperson (a long URL in
# the summary and in a duty, a 40-digit account number, a 79-letter word, a
# slash-joined list of tools), built and opened in headless Chromium
# (tests/browser/fit.js) at 1280 px (a desktop window), 673 px (an A4
# page's text width, as printed) and 390 px (a phone): no page runs past
# the window's right edge outside the org charts, and the index's
# department names are not broken across lines.  playwright-core is
# installed with npm into tests/node/ on first use, as check-html.sh does.
# Prints "fit: N passed, N failed".
. "$(dirname "$0")/lib.sh"

cp -R content "$tmp/c"
f=$tmp/c/roles/salesperson.md
sed -i 's|^负责所分配楼盘和区域的客户开发|负责https://erp.example.com/modules/customer-relationship-management/reports/monthly-summary?department=sales\&period=2026-10\&format=xlsx 及编号 ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 所涉楼盘和区域的客户开发|' "$f"
sed -i 's|^7\. 积极完成公司下达的各项业绩指标。|7. 核对账号 6222021234567890123456789012345678901234 的流水，熟悉Supercalifragilisticexpialidociouspneumonoultramicroscopicsilicovolcanoconiosis 与 https://intranet.example.com/departments/business-support/teams/data-engineering/members 系统。|' "$f"
sed -i 's|^- 技能：良好的沟通能力和服务意识|- 技能：熟练掌握Kubernetes/Terraform/Ansible/Prometheus/Grafana/Elasticsearch/Logstash/Kibana/PostgreSQL/ClickHouse/ApacheKafka，良好的沟通能力和服务意识|' "$f"
if [ "$(grep -c 'erp.example.com\|6222021234\|ApacheKafka' "$f")" = 3 ]; then ok
else ko "the long words were not put into $f (the sample changed?)"; fi
if $rb build "$tmp/c" -o "$tmp/o" --format html >"$tmp/out" 2>"$tmp/err"; then ok
else ko "build: $(head -3 "$tmp/err")"; fi

[ -d tests/node/node_modules/playwright-core ] ||
	npm install --silent --no-audit --no-fund --prefix tests/node vnu-jar playwright-core axe-core >/dev/null 2>&1
if [ ! -d tests/node/node_modules/playwright-core ]; then
	ko "playwright-core not installed (npm install --prefix tests/node playwright-core)"
elif node tests/browser/fit.js "$tmp/o/handbook" 1280,673,390 index.html \
    roles/salesperson.html roles/general-manager.html departments/sales.html \
    calendar.html >"$tmp/br" 2>&1; then ok
else ko "$(grep FAIL "$tmp/br" | head -8)"; fi
echo "fit: $pass passed, $fail failed"
[ $fail = 0 ]
