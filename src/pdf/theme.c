/*
 * theme.c — the PDF theme: defaults and the theme file (templates/
 * theme.conf), lines of `key = value` with `#` comments.  Lengths take mm,
 * cm, in or pt (bare numbers are points), colours are #rrggbb, switches
 * yes/no.  Errors go to the diagnostics at file:line:col, with a
 * suggestion for misspelt keys.  Used by the build and dump-layout.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "../util/util.h"
#include "font.h"
#include "pdf.h"

enum S_type { T_LEN, T_NUM, T_STR, T_COLOR, T_BOOL, T_PAGE, T_HALF };

struct S_key {
	const char	*name;
	enum S_type	 type;
	size_t		 off;
	double		 lo, hi;	/* allowed range (numbers, lengths) */
};

#define O(f)	offsetof(struct pdf_theme, f)

static const struct S_key S_keys[] = {
	{ "page.size",			T_PAGE,  O(page_w), 0, 0 },
	{ "page.margin-top",		T_LEN,   O(margin_top), 20, 300 },
	{ "page.margin-bottom",		T_LEN,   O(margin_bottom), 20, 300 },
	{ "page.margin-left",		T_LEN,   O(margin_left), 0, 300 },
	{ "page.margin-right",		T_LEN,   O(margin_right), 0, 300 },
	{ "font.body",			T_STR,   O(font_body), 0, 0 },
	{ "font.em",			T_STR,   O(font_em), 0, 0 },
	{ "font.mono",			T_STR,   O(font_mono), 0, 0 },
	{ "size.body",			T_NUM,   O(size_body), 4, 72 },
	{ "size.small",			T_NUM,   O(size_small), 4, 72 },
	{ "size.code",			T_NUM,   O(size_code), 4, 72 },
	{ "size.h1",			T_NUM,   O(size_h[0]), 4, 72 },
	{ "size.h2",			T_NUM,   O(size_h[1]), 4, 72 },
	{ "size.h3",			T_NUM,   O(size_h[2]), 4, 72 },
	{ "size.h4",			T_NUM,   O(size_h[3]), 4, 72 },
	{ "size.header",		T_NUM,   O(size_header), 4, 72 },
	{ "size.title",			T_NUM,   O(size_title), 4, 144 },
	{ "line-height",		T_NUM,   O(leading), 1, 4 },
	{ "space.paragraph",		T_LEN,   O(par_space), 0, 72 },
	{ "heading.space-before",	T_NUM,   O(h_before), 0, 10 },
	{ "heading.space-after",	T_NUM,   O(h_after), 0, 10 },
	{ "h1.new-page",		T_BOOL,  O(h1_new_page), 0, 0 },
	{ "text.justify",		T_BOOL,  O(justify), 0, 0 },
	{ "text.line-start-bracket",	T_HALF,  O(bracket_half), 0, 0 },
	{ "list.indent",		T_NUM,   O(list_indent), 0, 10 },
	{ "table.cell-padding",		T_LEN,   O(cell_pad), 0, 36 },
	{ "rule.width",			T_LEN,   O(rule_width), 0, 10 },
	{ "color.text",			T_COLOR, O(color_text), 0, 0 },
	{ "color.heading",		T_COLOR, O(color_heading), 0, 0 },
	{ "color.link",			T_COLOR, O(color_link), 0, 0 },
	{ "color.muted",		T_COLOR, O(color_muted), 0, 0 },
	{ "color.rule",			T_COLOR, O(color_rule), 0, 0 },
	{ "color.th-background",	T_COLOR, O(color_th_bg), 0, 0 },
	{ "color.code-background",	T_COLOR, O(color_code_bg), 0, 0 },
	{ "signature.space",		T_LEN,   O(sign_space), 0, 200 },
	{ "chart.height",		T_LEN,   O(chart_height), 20, 700 },
};

void
pdf_theme_default(struct pdf_theme *t)
{
	memset(t, 0, sizeof(*t));
	t->page_w = 595.276;		/* A4: 210 x 297 mm */
	t->page_h = 841.89;
	t->margin_top = 72;		/* about 25 mm */
	t->margin_bottom = 72;
	t->margin_left = 62;
	t->margin_right = 62;
	t->font_body = xstrdup("Noto Sans CJK SC, " FONT_SANS);
	t->font_em = xstrdup("Noto Serif CJK SC, " FONT_SERIF);
	t->font_mono = xstrdup("Noto Sans Mono CJK SC, " FONT_SANS " Mono");
	t->size_body = 10.5;
	t->size_small = 9;
	t->size_code = 9.5;
	t->size_h[0] = 18;
	t->size_h[1] = 14;
	t->size_h[2] = 12;
	t->size_h[3] = 10.5;
	t->size_header = 9;
	t->size_title = 26;
	t->leading = 1.6;
	t->par_space = 6;
	t->h_before = 1.0;
	t->h_after = 0.5;
	t->h1_new_page = 0;
	t->justify = 1;
	t->list_indent = 2;
	t->cell_pad = 4;
	t->rule_width = 0.5;
	t->color_text = 0x1a1a1a;
	t->color_heading = 0x1f3a5f;
	t->color_link = 0x1f4e9a;
	t->color_muted = 0x666666;
	t->color_rule = 0x9a9a9a;
	t->color_th_bg = 0xe8edf3;
	t->color_code_bg = 0xf2f2f2;
	t->sign_space = 36;
	t->chart_height = 220;
}

void
pdf_theme_free(struct pdf_theme *t)
{
	free(t->font_body);
	free(t->font_em);
	free(t->font_mono);
	t->font_body = t->font_em = t->font_mono = NULL;
}

/* Parses a length in points; -1 on error. */
static int
S_length(const char *v, double *out)
{
	char *end;
	double x = strtod(v, &end);

	if (end == v)
		return -1;
	while (*end == ' ')
		end++;
	if (*end == '\0' || strcmp(end, "pt") == 0)
		;
	else if (strcmp(end, "mm") == 0)
		x = x * 72 / 25.4;
	else if (strcmp(end, "cm") == 0)
		x = x * 72 / 2.54;
	else if (strcmp(end, "in") == 0)
		x = x * 72;
	else
		return -1;
	*out = x;
	return 0;
}

static int
S_color(const char *v, uint32_t *out)
{
	size_t i;

	if (v[0] != '#' || strlen(v) != 7)
		return -1;
	for (i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)v[i]))
			return -1;
	*out = (uint32_t)strtoul(v + 1, NULL, 16);
	return 0;
}

/* Sets one key; returns an error message (static) or NULL. */
static const char *
S_set(struct pdf_theme *t, const struct S_key *k, const char *v)
{
	char *base = (char *)t + k->off;
	double x;
	char *end;

	switch (k->type) {
	case T_PAGE:
		if (strcmp(v, "A4") == 0) {
			t->page_w = 595.276;
			t->page_h = 841.89;
		} else if (strcmp(v, "A5") == 0) {
			t->page_w = 419.528;
			t->page_h = 595.276;
		} else if (strcmp(v, "letter") == 0) {
			t->page_w = 612;
			t->page_h = 792;
		} else
			return "page.size must be A4, A5 or letter";
		return NULL;
	case T_LEN:
		if (S_length(v, &x) == -1)
			return "expected a length such as 25mm or 10pt";
		if (x < k->lo || x > k->hi)
			return "length out of range";
		*(double *)(void *)base = x;
		return NULL;
	case T_NUM:
		x = strtod(v, &end);
		if (end == v || *end != '\0')
			return "expected a number";
		if (x < k->lo || x > k->hi)
			return "number out of range";
		*(double *)(void *)base = x;
		return NULL;
	case T_STR:
		if (*v == '\0')
			return "expected a font family name (or several, separated by commas)";
		free(*(char **)(void *)base);
		*(char **)(void *)base = xstrdup(v);
		return NULL;
	case T_COLOR:
		if (S_color(v, (uint32_t *)(void *)base) == -1)
			return "expected a colour #rrggbb";
		return NULL;
	case T_BOOL:
		if (strcmp(v, "yes") == 0)
			*(int *)(void *)base = 1;
		else if (strcmp(v, "no") == 0)
			*(int *)(void *)base = 0;
		else
			return "expected yes or no";
		return NULL;
	case T_HALF:
		if (strcmp(v, "full") == 0)
			*(int *)(void *)base = 0;
		else if (strcmp(v, "half") == 0)
			*(int *)(void *)base = 1;
		else
			return "expected full or half";
		return NULL;
	}
	return NULL;
}

int
pdf_theme_parse(struct diag *d, const char *path, const char *text,
    size_t len, struct pdf_theme *t)
{
	const char *p = text, *end = text + len, *eol, *eq, *ks, *ke, *vs, *ve;
	int line = 0, errors = 0;
	size_t i;

	for (; p < end; p = eol + 1) {
		const struct S_key *k = NULL;
		char key[64], *val;
		const char *msg;

		line++;
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		for (ks = p; ks < eol && (*ks == ' ' || *ks == '\t'); ks++)
			continue;
		if (ks == eol || *ks == '#' || *ks == '\r')
			continue;
		if ((eq = memchr(ks, '=', (size_t)(eol - ks))) == NULL) {
			diag_at(d, DIAG_ERROR, path, line, (int)utf8_count(p,
			    (size_t)(ks - p)) + 1, "expected 'key = value'");
			errors++;
			continue;
		}
		for (ke = eq; ke > ks && (ke[-1] == ' ' || ke[-1] == '\t');)
			ke--;
		for (vs = eq + 1; vs < eol && (*vs == ' ' || *vs == '\t');)
			vs++;
		for (ve = eol; ve > vs && (ve[-1] == ' ' || ve[-1] == '\t' ||
		    ve[-1] == '\r');)
			ve--;
		if ((size_t)(ke - ks) < sizeof(key)) {
			memcpy(key, ks, (size_t)(ke - ks));
			key[ke - ks] = '\0';
			for (i = 0; i < sizeof(S_keys) / sizeof(S_keys[0]); i++)
				if (strcmp(S_keys[i].name, key) == 0)
					k = &S_keys[i];
		} else
			key[0] = '\0';
		if (k == NULL) {
			const char *best = NULL;
			int bd = 3;

			for (i = 0; i < sizeof(S_keys) / sizeof(S_keys[0]);
			    i++) {
				int dd = str_distance(key, S_keys[i].name);

				if (dd < bd) {
					bd = dd;
					best = S_keys[i].name;
				}
			}
			diag_at(d, DIAG_ERROR, path, line, (int)utf8_count(p,
			    (size_t)(ks - p)) + 1, "unknown theme key '%.*s'%s%s%s",
			    (int)(ke - ks), ks, best ? "; did you mean '" : "",
			    best ? best : "", best ? "'?" : "");
			errors++;
			continue;
		}
		val = xstrndup(vs, (size_t)(ve - vs));
		if ((msg = S_set(t, k, val)) != NULL) {
			diag_at(d, DIAG_ERROR, path, line, (int)utf8_count(p,
			    (size_t)(vs - p)) + 1, "%s: %s, not '%s'", key, msg,
			    val);
			errors++;
		}
		free(val);
	}
	if (t->margin_left + t->margin_right > t->page_w - 72 ||
	    t->margin_top + t->margin_bottom > t->page_h - 72) {
		diag_at(d, DIAG_ERROR, path, 0, 0, "the margins leave less "
		    "than one inch for the text");
		errors++;
	}
	return errors ? -1 : 0;
}

int
pdf_theme_load(struct diag *d, const char *path, struct pdf_theme *t)
{
	char *data;
	size_t len;
	int rc;

	if (file_read(path, 1 << 20, &data, &len) == -1) {
		diag_at(d, DIAG_FATAL, path, 0, 0, "cannot read the theme");
		return -1;
	}
	rc = pdf_theme_parse(d, path, data, len, t);
	free(data);
	return rc;
}
