#!/bin/sh
# tests/check-fuzz-regress.sh — every input a fuzzer ever crashed or hung
# on (tests/fuzz/regress/) replayed through its harness on the normal build;
# make check-asan replays them again under ASan + UBSan.
exec sh "$(dirname "$0")/fuzz/replay.sh" obj
