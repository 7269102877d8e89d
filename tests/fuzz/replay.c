/* replay.c — a main() for the fuzz harnesses without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on each file named on the command line.
 * tests/fuzz/replay.sh links it with every harness to replay the
 * regression inputs in tests/fuzz/regress/ (make check, make check-asan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include "util/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
main(int argc, char *argv[])
{
	char *data;
	size_t len;
	int i;

	for (i = 1; i < argc; i++) {
		if (file_read(argv[i], 0, &data, &len) == -1) {
			perror(argv[i]);
			return 2;
		}
		LLVMFuzzerTestOneInput((const uint8_t *)data, len);
		free(data);
	}
	return 0;
}
