#!/bin/sh
# tests/check-scale.sh — issue 16's promises on a generated corpus larger
# than the sample: scripts/check-scale on 60 roles (tagcheck.py on the
# handbook and every sheet, pdfinfo -struct-text of every sheet and of the
# handbook, Preflight on the --pdf-a handbook and every sheet, axe-core on
# the index, the calendar, the 10 department pages and 12 role pages, two
# builds the same bytes; a synthetic month of 30 people and 6,000 events:
# its report tagged, valid PDF/A-1b, clean for axe; keys.js on the
# department page with the most org chart links; readers.py on the
# handbook and two sheets; a second --pdf-a build the same bytes; the org
# chart's /Alt names every role; about 45 s).  The
# 1,000-role run is
# scripts/check-scale (docs/accessibility.md, "At scale").  Prints
# "scale: N passed, N failed".
. "$(dirname "$0")/lib.sh"
ROLEBOOK=$(cd "$(dirname "$rb")" && pwd)/$(basename "$rb") scripts/check-scale --axe-roles 10 \
    --keep "$tmp/w" 60 >"$tmp/out" 2>&1
rc=$?
sed -n 's/^\(ok\|FAIL\) \([a-z/-]*\):.*/\1 \2/p' "$tmp/out" >"$tmp/v"
[ "$(grep -c "^ok" "$tmp/v")" = 11 ] && [ $rc = 0 ] && ok || ko "$(grep -v '^ok' "$tmp/out" | head -8)"
echo "scale: $pass passed, $fail failed"
[ $fail = 0 ]
