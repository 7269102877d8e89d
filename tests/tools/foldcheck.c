/*
 * foldcheck.c — the traditional forms of the words rolebook matches
 * (tests/check-trad.sh).
 *   foldcheck words   every word the look-ups match (rb_words, imp_words,
 *                     imp_web_words, imp_docx_words, sales_words: the
 *                     sales CSV readers' headers and values)
 *                     that has a Han character, once, one a line
 *   foldcheck sales   the same, of sales_words alone
 *   foldcheck pairs   reads "SIMPLIFIED<TAB>OTHER" lines (OTHER: the same
 *                     word in traditional characters, as OpenCC writes
 *                     it); prints each pair whose OTHER does not match
 *                     SIMPLIFIED (rb_name_eq) and exits 1 if any; else
 *                     prints "N pairs, M in other forms, all match"
 *   foldcheck table   the fold table: "TRADITIONAL<TAB>SIMPLIFIED" lines
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/util.h"
#include "model/fields.h"
#include "import/import.h"
#include "sales/sales.h"

static char	**S_seen;
static size_t	  S_nseen;

static void
S_word(const char *w, void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; w[i] && (unsigned char)w[i] < 0x80; i++)
		;
	if (w[i] == '\0')
		return;
	for (i = 0; i < S_nseen; i++)
		if (strcmp(S_seen[i], w) == 0)
			return;
	S_seen = xgrow(S_seen, S_nseen, sizeof(*S_seen));
	S_seen[S_nseen++] = xstrdup(w);
	printf("%s\n", w);
}

int
main(int argc, char **argv)
{
	char line[1024], *tab;
	size_t n;
	int pairs = 0, other = 0, bad = 0;
	uint32_t c, s;
	struct buf b = BUF_INIT;

	if (argc == 2 && strcmp(argv[1], "words") == 0) {
		rb_words(S_word, NULL);
		imp_words(S_word, NULL);
		imp_web_words(S_word, NULL);
		imp_docx_words(S_word, NULL);
		sales_words(S_word, NULL);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "sales") == 0) {
		sales_words(S_word, NULL);
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "table") == 0) {
		for (c = 0x3400; c <= 0x9FFF; c++)
			if ((s = rb_simplify(c)) != c) {
				buf_reset(&b);
				buf_put_utf8(&b, c);
				buf_putc(&b, '\t');
				buf_put_utf8(&b, s);
				printf("%s\n", b.data);
			}
		buf_free(&b);
		return 0;
	}
	if (argc != 2 || strcmp(argv[1], "pairs") != 0) {
		fprintf(stderr, "usage: foldcheck words | sales | pairs | table\n");
		return 2;
	}
	while (fgets(line, sizeof(line), stdin) != NULL) {
		n = strcspn(line, "\r\n");
		line[n] = '\0';
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab++ = '\0';
		pairs++;
		if (strcmp(line, tab) != 0)
			other++;
		if (!rb_name_eq(tab, strlen(tab), line)) {
			printf("%s\t%s\n", line, tab);
			bad++;
		}
	}
	if (bad)
		return 1;
	printf("%d pairs, %d in other forms, all match\n", pairs, other);
	return 0;
}
