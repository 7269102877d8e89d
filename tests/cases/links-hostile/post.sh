#!/bin/sh
# Issue 17 finding 1: no javascript:, vbscript:, data:, file: link and no
# raw control character in any HTML page or PDF (PDF read through qpdf);
# the allowed links are kept in both; the dropped links keep their text.
set -e
python3 ../../scan-links.py out --want 'https://example.com/a?b=1#c' \
    --want 'mailto:hr@example.com' --want boss.html
grep -q '点甲、乙、丙' out/handbook/roles/lead.html
pdftotext out/roles/seller.pdf - | tr -d '\n' | grep -q '实体：a、b、d、h'
