#!/bin/sh
# tests/check-msgs.sh — the message catalogue stays the one place where
# role content is worded (issue 12, docs/diagnostics.md): tests/msgs.py
# first proves on bad samples that it catches each kind of mistake, then
# checks the tree (every id has one entry of the right level and is
# reported, every report passes the arguments its text takes, and no
# loader, rule or model function words a diagnostic itself).
# Prints "msgs: N passed, N failed".
. "$(dirname "$0")/lib.sh"

if python3 tests/msgs.py --self-test >"$tmp/o" 2>&1; then ok
else ko "msgs.py --self-test: $(cat "$tmp/o")"; fi
if python3 tests/msgs.py >"$tmp/o" 2>&1; then ok
else ko "the catalogue:
$(cat "$tmp/o")"; fi

echo "msgs: $pass passed, $fail failed"
[ "$fail" = 0 ]
