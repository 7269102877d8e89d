/*
 * limit.c — the resource limits of one run, by name, with their defaults
 * (docs/security.md, "Limits").  A user raises one with `--limit NAME=N`
 * (rb_limit_set() from the CLI); every diagnostic about a limit ends
 * with rb_limit_hint(), which names it and says how to raise it.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util.h"
#include "diag.h"

struct S_limit {
	const char		*name;
	unsigned long long	 def;
	unsigned long long	 max;	/* largest value a user may set */
	int			 size;	/* takes K, M, G suffixes (KiB…) */
};

/*
 * The maxima keep arithmetic in the users of a limit within int or size_t
 * and recursion within the stack: depth stays below the document tree's
 * fixed 256 levels (src/doc/parse.c) with room for the templates' own.
 */
static const struct S_limit S_limits[RB_LIM__MAX] = {
	[RB_LIM_FILE]		= { "file-size", 8ULL << 20, 1ULL << 30, 1 },
	[RB_LIM_DATA]		= { "data-size", 16ULL << 20, 1ULL << 30, 1 },
	[RB_LIM_DEPTH]		= { "depth", 100, 200, 0 },
	[RB_LIM_ROLES]		= { "roles", 50000, 10000000, 0 },
	[RB_LIM_TABLE]		= { "table-cells", 10000, 10000000, 0 },
	[RB_LIM_ROWS]		= { "csv-rows", 100000, 100000000, 0 },
	[RB_LIM_STAFF]		= { "staff", 10000, 10000000, 0 },
	[RB_LIM_TMPL_STEPS]	= { "tmpl-steps", 50000000, 1ULL << 40, 0 },
	[RB_LIM_TMPL_MEMORY]	= { "tmpl-memory", 64ULL << 20, 1ULL << 40, 1 },
	[RB_LIM_TMPL_MS]	= { "tmpl-ms", 1000, 86400000, 0 },
	[RB_LIM_OUTPUT]		= { "output-size", 256ULL << 20, 1ULL << 40, 1 },
	[RB_LIM_TOC]		= { "toc-entries", 200000, 100000000, 0 },
	[RB_LIM_CHART]		= { "chart-cells", 100000, 100000000, 0 },
};

static unsigned long long S_val[RB_LIM__MAX];
/* Per thread: role files are loaded in threads (src/load/site.c). */
static _Thread_local char S_hint[RB_LIM__MAX][96];

unsigned long long
rb_limit(enum rb_limit l)
{
	return S_val[l] ? S_val[l] : S_limits[l].def;
}

int
rb_limit_given(enum rb_limit l)
{
	return S_val[l] != 0;
}

unsigned long long
rb_limit_max(enum rb_limit l)
{
	return S_limits[l].max;
}

const char *
rb_limit_name(enum rb_limit l)
{
	return S_limits[l].name;
}

const char *
rb_limit_hint(enum rb_limit l)
{
	char v[32];

	rb_limit_str(l, v, sizeof(v));
	snprintf(S_hint[l], sizeof(S_hint[l]), "limit %s=%s; raise it with "
	    "--limit %s=N", S_limits[l].name, v, S_limits[l].name);
	return S_hint[l];
}

char *
rb_limit_str(enum rb_limit l, char *out, size_t n)
{
	unsigned long long v = rb_limit(l);

	if (S_limits[l].size && v >= (1ULL << 30) && v % (1ULL << 30) == 0)
		snprintf(out, n, "%lluG", v >> 30);
	else if (S_limits[l].size && v >= (1ULL << 20) && v % (1ULL << 20) == 0)
		snprintf(out, n, "%lluM", v >> 20);
	else if (S_limits[l].size && v >= 1024 && v % 1024 == 0)
		snprintf(out, n, "%lluK", v >> 10);
	else
		snprintf(out, n, "%llu", v);
	return out;
}

int
rb_limit_set(const char *spec, char *err, size_t errlen)
{
	const char *eq = strchr(spec, '=');
	unsigned long long v;
	char *end, names[256];
	int i, sh = 0;

	for (i = 0; eq != NULL && i < RB_LIM__MAX; i++)
		if (strlen(S_limits[i].name) == (size_t)(eq - spec) &&
		    strncmp(S_limits[i].name, spec, (size_t)(eq - spec)) == 0)
			break;
	if (eq == NULL || i == RB_LIM__MAX) {
		rb_limit_names(names, sizeof(names));
		snprintf(err, errlen, "expected NAME=N, NAME one of: %s "
		    "(see docs/security.md)", names);
		return -1;
	}
	errno = 0;
	v = isdigit((unsigned char)eq[1]) ? strtoull(eq + 1, &end, 10) : 0;
	if (v > 0 && S_limits[i].size && end[0] != '\0' && end[1] == '\0') {
		sh = strchr("kK", *end) ? 10 : strchr("mM", *end) ? 20 :
		    strchr("gG", *end) ? 30 : -1;
		if (sh > 0 && v <= (~0ULL >> sh)) {
			v <<= sh;
			end++;
		}
	}
	if (v == 0 || errno || *end != '\0' || v > S_limits[i].max) {
		if (S_limits[i].size)
			snprintf(err, errlen, "N must be a size from 1 to "
			    "%lluG (in bytes, or ending in K, M or G)",
			    S_limits[i].max >> 30);
		else
			snprintf(err, errlen, "N must be a number from 1 to "
			    "%llu", S_limits[i].max);
		return -1;
	}
	S_val[i] = v;
	return 0;
}

void
rb_limit_reset(void)
{
	memset(S_val, 0, sizeof(S_val));
}

void
rb_limit_names(char *out, size_t n)
{
	size_t off = 0;
	int i;

	if (n == 0)
		return;
	out[0] = '\0';
	for (i = 0; i < RB_LIM__MAX && off < n; i++)
		off += (size_t)snprintf(out + off, n - off, "%s%s",
		    i ? ", " : "", S_limits[i].name);
}

int
rb_limit_output(struct diag *d, const char *dir, const char *rel, size_t len)
{
	char v[32], *path;

	if (len <= rb_limit(RB_LIM_OUTPUT))
		return 0;
	path = xasprintf("%s/%s", dir, rel);
	diag_at(d, DIAG_ERROR, path, 0, 0, "%zu bytes to write, more than %s "
	    "(%s)", len, rb_limit_str(RB_LIM_OUTPUT, v, sizeof(v)),
	    rb_limit_hint(RB_LIM_OUTPUT));
	free(path);
	return -1;
}
