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

/*
 * Appends list field f of r as the field table describes its items
 * (src/model/fields.c): <xml> holding one <elem> per item, its attributes
 * as written (a share as validated, an enumerated one by its name), its
 * rich text verbatim, then its sub-list as an <ol>.  An empty list is left
 * out, unless required.
 */
static void
S_list(struct buf *b, const struct rb_role *r, int f)
{
	const struct rb_itemdef *id = rb_fields[f].item;
	const struct rb_attrdef *a;
	const struct rb_str *t, *subs;
	size_t i, j, n = rb_list_len(r, id), nsubs;
	const void *it;
	int k, v;

	if (n == 0 && !rb_fields[f].required)
		return;
	buf_printf(b, "  <%s>\n", rb_fields[f].xml);
	for (i = 0; i < n; i++) {
		it = rb_list_item(r, id, i);
		buf_printf(b, "    <%s", id->elem);
		for (k = 0; k < id->nattrs; k++) {
			a = &id->attrs[k];
			v = a->kind == RB_AK_PCT || a->kind == RB_AK_ENUM ?
			    *rb_item_int(it, a) : 0;
			if (a->kind == RB_AK_PCT && v >= 0)
				buf_printf(b, " %s=\"%d\"", a->name, v);
			else if (a->kind == RB_AK_ENUM)
				S_attr(b, a->name, a->names[v]);
			else if (a->kind == RB_AK_ROLE && a->roff != 0 &&
			    *(struct rb_role *const *)(const void *)
			    ((const char *)it + a->roff) != NULL)
				S_attr(b, a->name, (*(struct rb_role *const *)
				    (const void *)((const char *)it +
				    a->roff))->id);	/* resolved: its id */
			else if (a->kind != RB_AK_PCT)
				S_attr(b, a->name, rb_item_str(it, a)->s == NULL &&
				    (a->flags & RB_AF_REQUIRED) ? "" :
				    rb_item_str(it, a)->s);
		}
		if ((t = rb_item_text(it, id)) == NULL) {
			BUF_PUTSL(b, "/>\n");
			continue;
		}
		buf_printf(b, ">%s", t->s ? t->s : "");
		if ((subs = rb_item_subs(it, id, &nsubs)) != NULL &&
		    nsubs > 0) {
			BUF_PUTSL(b, "<ol>");
			for (j = 0; j < nsubs; j++)
				buf_printf(b, "<li>%s</li>", subs[j].s);
			BUF_PUTSL(b, "</ol>");
		}
		buf_printf(b, "</%s>\n", id->elem);
	}
	buf_printf(b, "  </%s>\n", rb_fields[f].xml);
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
		/* a reference by title or name resolved: its id */
		if (fd->kind == RB_FK_ROLE && r->superior != NULL)
			v = r->superior->id;
		else if (fd->kind == RB_FK_DEPT && r->dept != NULL)
			v = r->dept->id;
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
	/* Every field in table order. */
	for (f = 0; f < RB_F__MAX; f++)
		if (rb_fields[f].off != 0)
			S_scalar(b, r, f);
		else if (rb_fields[f].item != NULL)
			S_list(b, r, f);
	for (i = 0; i < r->nsections; i++) {
		BUF_PUTSL(b, "  <section");
		S_attr(b, "title", r->sections[i].title.s ?
		    r->sections[i].title.s : "");
		buf_printf(b, ">%s</section>\n", r->sections[i].body.s ?
		    r->sections[i].body.s : "");
	}
	BUF_PUTSL(b, "</role>\n");
}
