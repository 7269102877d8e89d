#!/bin/sh
# A month with an error leaves the earlier report set exactly as it was.
set -e
for f in 2026-10.html 2026-10.pdf 2026-10-pay.csv style.css; do
	cmp old/reports/$f out/reports/$f
done
test "$(ls out/reports | sort | tr '\n' ' ')" = "2026-10-pay.csv 2026-10.html 2026-10.pdf style.css "
