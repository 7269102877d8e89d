#!/bin/sh
# The committed sample data (scripts/gen-sales) for 2026-09, the quarter's
# last month: 1005's three monthly championships, Q3 champion, team tiers.
cmp out/reports/2026-09-pay.csv expect-pay.csv
