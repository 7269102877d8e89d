#!/bin/sh
test ! -e out/reports/2026-12-pay.csv
