/*
 * font.c — fonts for the PDF backend (see font.h).  STUB: the real
 * implementation lands shortly; this keeps the interface compiling.
 */
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "font.h"

struct font {
	char	*family;
	int	 bold;
};

struct font *
font_open(struct diag *d, const char *family, int bold)
{
	diag_at(d, DIAG_FATAL, NULL, 0, 0, "font '%s': fonts not implemented yet",
	    family);
	return NULL;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	free(f->family);
	free(f);
}

const char *font_family(const struct font *f) { return f->family; }
const char *font_file(const struct font *f) { return ""; }
int font_index(const struct font *f) { return 0; }
int font_synthetic_bold(const struct font *f) { return 0; }
int font_has(struct font *f, uint32_t cp) { return 0; }
int font_advance(struct font *f, uint32_t cp) { return 0; }
double font_text_width(struct font *f, const char *s, size_t n, double size) { return 0; }
int font_ascent(const struct font *f) { return 800; }
int font_descent(const struct font *f) { return -200; }
void font_use(struct font *f, uint32_t cp) { }
void font_use_utf8(struct font *f, const char *s, size_t n) { }
size_t font_nused(const struct font *f) { return 0; }
HPDF_Font font_embed(struct font *f, struct diag *d, HPDF_Doc pdf) { return NULL; }
void font_reset_use(struct font *f) { }

void
font_missing_diag(struct diag *d, const struct rb_pos *pos, uint32_t cp,
    const struct font *f)
{
	diag_pos(d, DIAG_ERROR, pos, "character U+%04X is not in font '%s'",
	    (unsigned)cp, f->family);
}
