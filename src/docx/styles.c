/*
 * styles.c — the fixed parts of a .docx, made from the PDF theme
 * (templates/theme.conf): word/styles.xml (the body font as w:eastAsia,
 * sizes, colours, heading styles with outline levels for Word's navigation
 * pane and TOC field), word/numbering.xml (bullets and one numbering per
 * <ol>, so each list starts at its own number) and word/settings.xml.
 * For internal use by the Word backend (src/docx) only.
 */
#include <stdio.h>
#include "../pdf/font.h"
#include "../pdf/pdf.h"
#include "docx_int.h"

/* Run fonts: every script slot to the first family of the theme's list
 * families (XML-escaped): Word has no fallback list. */
static void
S_fonts(struct buf *b, const char *families)
{
	const char *family = families;
	size_t n = 0;

	if (font_list_next(families, &family, &n) == NULL)
		n = 0;

	BUF_PUTSL(b, "<w:rFonts w:ascii=\"");
	docx_put_text(b, family, n, 1);
	BUF_PUTSL(b, "\" w:hAnsi=\"");
	docx_put_text(b, family, n, 1);
	BUF_PUTSL(b, "\" w:eastAsia=\"");
	docx_put_text(b, family, n, 1);
	BUF_PUTSL(b, "\" w:cs=\"");
	docx_put_text(b, family, n, 1);
	BUF_PUTSL(b, "\"/>");
}

/* Opens a paragraph style (closed by the caller with </w:style>), its
 * children in the schema's order (name, basedOn, next, qFormat), which
 * Word requires; next may be NULL (the same style). */
static void
S_pstyle(struct buf *b, const char *id, const char *name, const char *based,
    const char *next)
{
	buf_printf(b, "<w:style w:type=\"paragraph\" w:customStyle=\"%d\" "
	    "w:styleId=\"%s\"><w:name w:val=\"%s\"/>", id[0] == 'R' &&
	    id[1] == 'b', id, name);
	if (based)
		buf_printf(b, "<w:basedOn w:val=\"%s\"/>", based);
	if (next)
		buf_printf(b, "<w:next w:val=\"%s\"/>", next);
	BUF_PUTSL(b, "<w:qFormat/>");
}

/* Size in half points. */
static long
S_half(double pt)
{
	return (long)(pt * 2 + 0.5);
}

void
docx_styles(struct buf *b, const struct pdf_theme *th)
{
	const char *fam = th->font_em;
	size_t n;
	int i;

	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<w:styles xmlns:w=\"" DOCX_NS_W "\">");
	/* defaults: the body font for every script, the body size */
	BUF_PUTSL(b, "<w:docDefaults><w:rPrDefault><w:rPr>");
	S_fonts(b, th->font_body);
	buf_printf(b, "<w:color w:val=\"%06X\"/><w:sz w:val=\"%ld\"/>"
	    "<w:szCs w:val=\"%ld\"/><w:lang w:val=\"en-US\" "
	    "w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>",
	    (unsigned)th->color_text, S_half(th->size_body),
	    S_half(th->size_body));
	buf_printf(b, "<w:pPrDefault><w:pPr><w:spacing w:after=\"%ld\" "
	    "w:line=\"%ld\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
	    "</w:docDefaults>", docx_twips(th->par_space),
	    (long)(th->leading * 240 + 0.5));

	buf_printf(b, "<w:style w:type=\"paragraph\" w:default=\"1\" "
	    "w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
	    "<w:pPr><w:jc w:val=\"%s\"/></w:pPr></w:style>",
	    th->justify ? "both" : "left");
	BUF_PUTSL(b, "<w:style w:type=\"character\" w:default=\"1\" "
	    "w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default "
	    "Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/>"
	    "</w:style>");
	BUF_PUTSL(b, "<w:style w:type=\"table\" w:default=\"1\" "
	    "w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
	    "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/>"
	    "<w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" "
	    "w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right "
	    "w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>");

	/* headings 1-4: Word's built-in names, so Word and the importer
	 * know them; the outline level drives the navigation pane and TOC */
	for (i = 0; i < 4; i++) {
		char id[16], name[16];

		snprintf(id, sizeof(id), "Heading%d", i + 1);
		snprintf(name, sizeof(name), "heading %d", i + 1);
		S_pstyle(b, id, name, "Normal", "Normal");
		buf_printf(b, "<w:pPr><w:keepNext/>"
		    "<w:keepLines/>%s<w:spacing w:before=\"%ld\" "
		    "w:after=\"%ld\"/><w:jc w:val=\"left\"/>"
		    "<w:outlineLvl w:val=\"%d\"/></w:pPr><w:rPr><w:b/>"
		    "<w:bCs/><w:color w:val=\"%06X\"/><w:sz w:val=\"%ld\"/>"
		    "<w:szCs w:val=\"%ld\"/></w:rPr></w:style>",
		    i == 0 && th->h1_new_page ? "<w:pageBreakBefore/>" : "",
		    docx_twips(th->h_before * th->size_h[i]),
		    docx_twips(th->h_after * th->size_h[i]), i,
		    (unsigned)th->color_heading, S_half(th->size_h[i]),
		    S_half(th->size_h[i]));
	}
	S_pstyle(b, "Title", "Title", "Normal", "Normal");
	buf_printf(b, "<w:pPr><w:spacing "
	    "w:before=\"%ld\" w:after=\"%ld\"/><w:jc w:val=\"center\"/>"
	    "</w:pPr><w:rPr><w:b/><w:color w:val=\"%06X\"/><w:sz "
	    "w:val=\"%ld\"/></w:rPr></w:style>",
	    docx_twips(th->size_title), docx_twips(th->size_title),
	    (unsigned)th->color_heading, S_half(th->size_title));
	for (i = 0; i < 2; i++) {
		char id[16], name[16];	/* room for any int */

		snprintf(id, sizeof(id), "TOC%d", i + 1);
		snprintf(name, sizeof(name), "toc %d", i + 1);
		S_pstyle(b, id, name, "Normal", "Normal");
		buf_printf(b, "<w:pPr><w:tabs><w:tab "
		    "w:val=\"right\" w:leader=\"dot\" w:pos=\"%ld\"/></w:tabs>"
		    "<w:spacing w:after=\"%ld\"/><w:ind w:left=\"%d\"/>"
		    "<w:jc w:val=\"left\"/></w:pPr>%s</w:style>",
		    docx_twips(th->page_w - th->margin_left -
		    th->margin_right), docx_twips(th->par_space * (i ? 0.2 :
		    0.6)), i * DOCX_LIST_INDENT, i ? "" : "<w:rPr><w:b/></w:rPr>");
	}
	S_pstyle(b, "ListParagraph", "List Paragraph", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/>"
	    "</w:pPr></w:style>");
	S_pstyle(b, "RbTableText", "Table Text", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:spacing w:after=\"0\" w:line=\"300\" "
	    "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr></w:style>");
	S_pstyle(b, "RbTableHeading", "Table Heading", "RbTableText", NULL);
	BUF_PUTSL(b, "<w:pPr><w:keepNext/></w:pPr><w:rPr><w:b/><w:bCs/>"
	    "</w:rPr></w:style>");
	S_pstyle(b, "RbAfterTable", "After Table", "Normal", NULL);
	buf_printf(b, "<w:pPr><w:spacing w:after=\"0\" w:line=\"%ld\" "
	    "w:lineRule=\"exact\"/></w:pPr><w:rPr><w:sz w:val=\"2\"/>"
	    "</w:rPr></w:style>", docx_twips(th->par_space));
	S_pstyle(b, "RbTerm", "Definition Term", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:keepNext/><w:spacing w:after=\"0\"/>"
	    "<w:jc w:val=\"left\"/></w:pPr><w:rPr><w:b/><w:bCs/></w:rPr>"
	    "</w:style>");
	S_pstyle(b, "RbDefinition", "Definition", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:spacing w:after=\"0\"/></w:pPr></w:style>");
	S_pstyle(b, "RbQuote", "Quote", "Normal", NULL);
	buf_printf(b, "<w:pPr><w:ind w:left=\"%d\"/></w:pPr><w:rPr><w:color "
	    "w:val=\"%06X\"/></w:rPr></w:style>", DOCX_LIST_INDENT,
	    (unsigned)th->color_muted);
	S_pstyle(b, "RbCode", "Code", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:shd w:val=\"clear\" w:color=\"auto\" ");
	buf_printf(b, "w:fill=\"%06X\"/><w:spacing w:line=\"240\" "
	    "w:lineRule=\"auto\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr>",
	    (unsigned)th->color_code_bg);
	S_fonts(b, th->font_mono);
	buf_printf(b, "<w:sz w:val=\"%ld\"/></w:rPr></w:style>",
	    S_half(th->size_code));
	S_pstyle(b, "RbSmall", "Small", "Normal", NULL);
	buf_printf(b, "<w:pPr><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:color "
	    "w:val=\"%06X\"/><w:sz w:val=\"%ld\"/></w:rPr></w:style>",
	    (unsigned)th->color_muted, S_half(th->size_small));
	S_pstyle(b, "RbCenter", "Centered", "Normal", NULL);
	BUF_PUTSL(b, "<w:pPr><w:jc w:val=\"center\"/></w:pPr></w:style>");
	S_pstyle(b, "Header", "header", "Normal", NULL);
	buf_printf(b, "<w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"4\" "
	    "w:space=\"1\" w:color=\"%06X\"/></w:pBdr><w:spacing "
	    "w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:color "
	    "w:val=\"%06X\"/><w:sz w:val=\"%ld\"/></w:rPr></w:style>",
	    (unsigned)th->color_rule, (unsigned)th->color_muted,
	    S_half(th->size_header));
	S_pstyle(b, "Footer", "footer", "Normal", NULL);
	buf_printf(b, "<w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"4\" "
	    "w:space=\"1\" w:color=\"%06X\"/></w:pBdr><w:tabs><w:tab "
	    "w:val=\"right\" w:pos=\"%ld\"/></w:tabs><w:spacing "
	    "w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr><w:rPr><w:color "
	    "w:val=\"%06X\"/><w:sz w:val=\"%ld\"/></w:rPr></w:style>",
	    (unsigned)th->color_rule, docx_twips(th->page_w -
	    th->margin_left - th->margin_right), (unsigned)th->color_muted,
	    S_half(th->size_header));
	buf_printf(b, "<w:style w:type=\"character\" w:styleId=\"Hyperlink\">"
	    "<w:name w:val=\"Hyperlink\"/><w:rPr><w:color w:val=\"%06X\"/>"
	    "<w:u w:val=\"single\"/></w:rPr></w:style>",
	    (unsigned)th->color_link);
	BUF_PUTSL(b, "<w:style w:type=\"character\" w:customStyle=\"1\" "
	    "w:styleId=\"RbCodeChar\"><w:name w:val=\"Code Char\"/><w:rPr>");
	S_fonts(b, th->font_mono);
	buf_printf(b, "<w:shd w:val=\"clear\" w:color=\"auto\" "
	    "w:fill=\"%06X\"/></w:rPr></w:style>",
	    (unsigned)th->color_code_bg);
	BUF_PUTSL(b, "<w:style w:type=\"character\" w:customStyle=\"1\" "
	    "w:styleId=\"RbEmphasis\"><w:name w:val=\"Emphasis\"/><w:rPr>");
	buf_printf(b, "<w:rFonts w:eastAsia=\"");
	if (font_list_next(th->font_em, &fam, &n) == NULL)
		n = 0;
	docx_put_text(b, fam, n, 1);
	BUF_PUTSL(b, "\"/><w:i/><w:iCs/></w:rPr></w:style>");
	BUF_PUTSL(b, "</w:styles>");
}

/* One abstract numbering, nine levels: bullets (fmt 0) or numbers as
 * enum docx_fmt says, the same forms as the PDF's list labels. */
static void
S_abstract(struct buf *b, int fmt)
{
	static const char *const nfmt[] = { "bullet", "decimal", "decimal",
	    "chineseCounting", "chineseCounting" };
	/* %%%d stands for the level's number */
	static const char *const text[] = { "\xe2\x80\xa2", "%%%d.", "(%%%d)",
	    "%%%d\xe3\x80\x81", "\xef\xbc\x88%%%d\xef\xbc\x89" };
	int l;

	buf_printf(b, "<w:abstractNum w:abstractNumId=\"%d\">"
	    "<w:multiLevelType w:val=\"hybridMultilevel\"/>", fmt);
	for (l = 0; l < DOCX_LIST_LEVELS; l++) {
		buf_printf(b, "<w:lvl w:ilvl=\"%d\"><w:start w:val=\"1\"/>"
		    "<w:numFmt w:val=\"%s\"/><w:lvlText w:val=\"", l, nfmt[fmt]);
		buf_printf(b, text[fmt], l + 1);
		buf_printf(b, "\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind "
		    "w:left=\"%d\" w:hanging=\"%d\"/></w:pPr></w:lvl>",
		    (l + 1) * DOCX_LIST_INDENT, DOCX_LIST_INDENT);
	}
	BUF_PUTSL(b, "</w:abstractNum>");
}

void
docx_numbering(struct buf *b, const struct docx_doc *dd)
{
	size_t i;

	buf_puts(b, DOCX_XML_DECL);
	BUF_PUTSL(b, "<w:numbering xmlns:w=\"" DOCX_NS_W "\">");
	S_abstract(b, 0);
	S_abstract(b, DOCX_FMT_DECIMAL);
	S_abstract(b, DOCX_FMT_PAREN);
	S_abstract(b, DOCX_FMT_CN);
	S_abstract(b, DOCX_FMT_CN_PAREN);
	buf_printf(b, "<w:num w:numId=\"%d\"><w:abstractNumId w:val=\"0\"/>"
	    "</w:num>", DOCX_NUM_BULLET);
	/* each <ol> its own numbering, restarted at its first number on
	 * every level (the list's level is where it is used) */
	for (i = 0; i < dd->nol; i++) {
		int l;

		buf_printf(b, "<w:num w:numId=\"%zu\"><w:abstractNumId "
		    "w:val=\"%d\"/>", DOCX_NUM_OL0 + i, dd->olfmt[i]);
		for (l = 0; l < DOCX_LIST_LEVELS; l++)
			buf_printf(b, "<w:lvlOverride w:ilvl=\"%d\">"
			    "<w:startOverride w:val=\"%ld\"/></w:lvlOverride>",
			    l, dd->olstart[i]);
		BUF_PUTSL(b, "</w:num>");
	}
	BUF_PUTSL(b, "</w:numbering>");
}

void
docx_settings(struct buf *b, const struct docx_doc *dd)
{
	buf_puts(b, DOCX_XML_DECL);
	/* in the schema's order, which Word requires */
	buf_printf(b, "<w:settings xmlns:w=\"" DOCX_NS_W "\">"
	    "<w:zoom w:percent=\"100\"/><w:defaultTabStop w:val=\"%d\"/>"
	    "<w:characterSpacingControl w:val=\"compressPunctuation\"/>",
	    DOCX_LIST_INDENT);
	/* Word fills the contents' page numbers (PAGEREF) when it opens
	 * the file; a line ended by <br/> is not stretched when justified */
	if (dd->toc)
		BUF_PUTSL(b, "<w:updateFields w:val=\"true\"/>");
	BUF_PUTSL(b, "<w:compat><w:doNotExpandShiftReturn/>"
	    "<w:compatSetting w:name=\"compatibilityMode\" "
	    "w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>"
	    "</w:compat></w:settings>");
}
