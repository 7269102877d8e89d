#!/bin/sh
# Every team-1 row of staff.csv has a day-first hired date: the cause is
# reported once (with its count and lines).  What follows from it is not:
# targets.csv's team-1 (no valid staff row is in it) and the events and
# incidents of those four people.  Errors: no report may be written.
test ! -e out/reports/2026-10-pay.csv
