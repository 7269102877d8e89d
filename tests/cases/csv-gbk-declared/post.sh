#!/bin/sh
# The payroll export, byte for byte.
cmp out/reports/2026-10-pay.csv expect-pay.csv
