/*
 * xml.c — writes the canonical XML of a role (docs/content-format.md,
 * "Roles in XML"): elements in the order of the spec, 2-space indentation,
 * attributes escaped, rich fields copied verbatim (they are canonical XHTML
 * fragments already), absent optional fields omitted, final newline.  The
 * output validates against schema/role.rng and loads back to an equal role.
 */
#include <string.h>
#include "../util/util.h"
#include "../model/fields.h"
#include "export.h"

/* Appends ` name="value"` when value is not NULL. */
static void
S_attr(struct buf *b, const char *name, const char *value)
{
	if (value == NULL)
		return;
	buf_putc(b, ' ');
	buf_puts(b, name);
	BUF_PUTSL(b, "=\"");
	buf_put_xml(b, value, 1);
	buf_putc(b, '"');
}

/* Appends `<tag>text</tag>` (plain text escaped) on its own line. */
static void
S_plain(struct buf *b, const char *indent, const char *tag, const char *s)
{
	if (s == NULL)
		return;
	buf_printf(b, "%s<%s>", indent, tag);
	buf_put_xml(b, s, 0);
	buf_printf(b, "</%s>\n", tag);
}

/* Appends `<tag>rich</tag>` on its own line; rich is written verbatim. */
static void
S_rich(struct buf *b, const char *tag, const char *rich)
{
	buf_printf(b, "    <%s>%s</%s>\n", tag, rich ? rich : "", tag);
}

/* Appends the targets of r. */
static void
S_targets(struct buf *b, const struct rb_role *r)
{
	size_t i;

	if (r->ntargets == 0)
		return;
	BUF_PUTSL(b, "  <targets>\n");
	for (i = 0; i < r->ntargets; i++) {
		BUF_PUTSL(b, "    <target");
		S_attr(b, "metric", r->targets[i].metric.s);
		S_attr(b, "value", r->targets[i].value.s);
		S_attr(b, "unit", r->targets[i].unit.s);
		S_attr(b, "period", r->targets[i].period.s);
		BUF_PUTSL(b, "/>\n");
	}
	BUF_PUTSL(b, "  </targets>\n");
}

/* Appends the duties of r, each with its sub-list. */
static void
S_duties(struct buf *b, const struct rb_role *r)
{
	size_t i, j;

	BUF_PUTSL(b, "  <duties>\n");
	for (i = 0; i < r->nduties; i++) {
		BUF_PUTSL(b, "    <duty");
		if (r->duties[i].share >= 0)
			buf_printf(b, " share=\"%d\"", r->duties[i].share);
		S_attr(b, "frequency", r->duties[i].frequency.s);
		buf_printf(b, ">%s", r->duties[i].text.s ?
		    r->duties[i].text.s : "");
		if (r->duties[i].nsubs > 0) {
			BUF_PUTSL(b, "<ol>");
			for (j = 0; j < r->duties[i].nsubs; j++)
				buf_printf(b, "<li>%s</li>",
				    r->duties[i].subs[j].s);
			BUF_PUTSL(b, "</ol>");
		}
		BUF_PUTSL(b, "</duty>\n");
	}
	BUF_PUTSL(b, "  </duties>\n");
}

/*
 * Appends scalar field f of r, as the field table (src/model/fields.c)
 * names it: plain text as <xml>text</xml>, a reference as <xml ref=""/>,
 * an integer as validated, a rich block verbatim.  Absent optional
 * fields are left out; required ones are written empty.
 */
static void
S_scalar(struct buf *b, const struct rb_role *r, int f)
{
	const struct rb_fielddef *fd = &rb_fields[f];
	const char *v = rb_field_cstr(r, f)->s;
	int n;

	if (v == NULL && !fd->required)
		return;
	switch (fd->kind) {
	case RB_FK_ROLE:
	case RB_FK_DEPT:
		buf_printf(b, "  <%s", fd->xml);
		S_attr(b, "ref", v ? v : "");
		BUF_PUTSL(b, "/>\n");
		break;
	case RB_FK_INT:
		if ((n = rb_field_ival(r, f)) >= 0)
			buf_printf(b, "  <%s>%d</%s>\n", fd->xml, n, fd->xml);
		break;
	case RB_FK_RICH:
		buf_printf(b, "  <%s>%s</%s>\n", fd->xml, v, fd->xml);
		break;
	default:
		S_plain(b, "  ", fd->xml, v ? v : "");
		break;
	}
}

void
export_role_xml(struct buf *b, const struct rb_role *r)
{
	size_t i;
	int f;

	BUF_PUTSL(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<role");
	S_attr(b, "id", r->id ? r->id : "");
	BUF_PUTSL(b, ">\n");
	/* The fields up to the duties in table order; lists by kind. */
	for (f = 0; f < RB_F_STANDARDS; f++) {
		if (rb_fields[f].off != 0)
			S_scalar(b, r, f);
		else if (f == RB_F_TARGETS)
			S_targets(b, r);
		else if (f == RB_F_DUTIES)
			S_duties(b, r);
	}
	if (r->nstandards) {
		BUF_PUTSL(b, "  <standards>\n");
		for (i = 0; i < r->nstandards; i++)
			S_rich(b, "standard", r->standards[i].s);
		BUF_PUTSL(b, "  </standards>\n");
	}
	if (r->nrelations) {
		BUF_PUTSL(b, "  <relations>\n");
		for (i = 0; i < r->nrelations; i++) {
			BUF_PUTSL(b, "    <relation");
			S_attr(b, "kind", rb_relkind_name[r->relations[i].kind]);
			buf_printf(b, ">%s</relation>\n",
			    r->relations[i].text.s ? r->relations[i].text.s : "");
		}
		BUF_PUTSL(b, "  </relations>\n");
	}
	if (r->nauthorities) {
		BUF_PUTSL(b, "  <authorities>\n");
		for (i = 0; i < r->nauthorities; i++)
			S_rich(b, "authority", r->authorities[i].s);
		BUF_PUTSL(b, "  </authorities>\n");
	}
	if (r->nquals) {
		BUF_PUTSL(b, "  <qualifications>\n");
		for (i = 0; i < r->nquals; i++) {
			BUF_PUTSL(b, "    <qualification");
			S_attr(b, "kind", rb_qualkind_name[r->quals[i].kind]);
			if (r->quals[i].label.s != NULL)
				S_attr(b, "label", r->quals[i].label.s);
			buf_printf(b, ">%s</qualification>\n",
			    r->quals[i].text.s ? r->quals[i].text.s : "");
		}
		BUF_PUTSL(b, "  </qualifications>\n");
	}
	if (r->nreports) {
		BUF_PUTSL(b, "  <reports>\n");
		for (i = 0; i < r->nreports; i++) {
			BUF_PUTSL(b, "    <report");
			S_attr(b, "name", r->reports[i].name.s ?
			    r->reports[i].name.s : "");
			S_attr(b, "frequency",
			    rb_freq_name[r->reports[i].frequency]);
			S_attr(b, "due", r->reports[i].due.s);
			S_attr(b, "to", r->reports[i].to.s);
			BUF_PUTSL(b, "/>\n");
		}
		BUF_PUTSL(b, "  </reports>\n");
	}
	for (i = 0; i < r->nsections; i++) {
		BUF_PUTSL(b, "  <section");
		S_attr(b, "title", r->sections[i].title.s ?
		    r->sections[i].title.s : "");
		buf_printf(b, ">%s</section>\n", r->sections[i].body.s ?
		    r->sections[i].body.s : "");
	}
	BUF_PUTSL(b, "</role>\n");
}
