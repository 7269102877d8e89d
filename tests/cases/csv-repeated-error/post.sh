#!/bin/sh
# Errors: no report may be written.
test ! -e out/reports/2026-10-pay.csv
