#!/bin/sh
# An events.csv in GBK whose name does not declare it (as Excel on Chinese
# Windows saves it): detected and read, the payroll written.
set -e
test -s out/reports/2026-10-pay.csv
test "$(wc -l <out/reports/2026-10-pay.csv)" -gt 1
