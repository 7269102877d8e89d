/*
 * css.c — the default stylesheet of the HTML backend: screen and A4 print
 * rules, a CJK font stack, tables, the TOC, charts, org charts and
 * signature lines.  The build writes it as out/handbook/style.css.
 */
#include "html_int.h"

static const char S_css[] =
"/* rolebook default stylesheet */\n"
"@page { size: A4; margin: 20mm 18mm 22mm 18mm; }\n"
"html { font-family: \"Noto Sans CJK SC\", \"WenQuanYi Zen Hei\", "
    "sans-serif; font-size: 16px; line-height: 1.6; color: #222;\n"
"  background: #fff; }\n"
"body { max-width: 60em; margin: 0 auto; padding: 1em 1.5em; }\n"
"h1, h2, h3, h4 { line-height: 1.3; margin: 1.4em 0 0.6em; "
    "page-break-after: avoid; break-after: avoid; }\n"
"h1 { font-size: 1.8em; border-bottom: 2px solid #4e79a7; "
    "padding-bottom: 0.2em; }\n"
"h2 { font-size: 1.4em; }\n"
"h3 { font-size: 1.15em; }\n"
"h4 { font-size: 1em; }\n"
"p, li, dd { orphans: 3; widows: 3; }\n"
"a { color: #1f5fa8; text-decoration: none; }\n"
"a:hover { text-decoration: underline; }\n"
"code, pre { font-family: \"Noto Sans Mono CJK SC\", monospace; "
    "font-size: 0.92em; }\n"
"pre { background: #f6f6f6; padding: 0.6em 0.8em; overflow-x: auto; "
    "white-space: pre-wrap; }\n"
"blockquote { margin: 1em 0; padding: 0.2em 1em; "
    "border-left: 4px solid #ccc; color: #555; }\n"
"hr { border: 0; border-top: 1px solid #ccc; margin: 1.5em 0; }\n"
"img { max-width: 100%; height: auto; }\n"
"table { border-collapse: collapse; width: 100%; margin: 1em 0; "
    "font-size: 0.95em; }\n"
"th, td { border: 1px solid #bbb; padding: 0.3em 0.6em; "
    "text-align: left; vertical-align: top; }\n"
"th { background: #eef2f7; }\n"
"thead { display: table-header-group; }\n"
"tr { page-break-inside: avoid; break-inside: avoid; }\n"
"dt { font-weight: bold; }\n"
"dd { margin: 0 0 0.5em 1.5em; }\n"
"nav.toc ol { list-style: none; padding-left: 0; }\n"
"nav.toc ol ol { padding-left: 1.5em; }\n"
"nav.toc li { margin: 0.2em 0; }\n"
".page-break { page-break-after: always; break-after: page; height: 0; }\n"
".chart, .orgchart { margin: 1em 0; page-break-inside: avoid; "
    "break-inside: avoid; }\n"
".chart svg, .orgchart svg { max-width: 100%; height: auto; }\n"
".chart text, .orgchart text { font-family: inherit; fill: #333; }\n"
".orgchart a:hover rect { fill: #eef2f7; }\n"
".signature { display: flex; flex-wrap: wrap; gap: 2em; "
    "margin: 3em 0 1em; page-break-inside: avoid; break-inside: avoid; }\n"
".sign { flex: 1 1 12em; }\n"
".sign-line { display: block; border-bottom: 1px solid #333; "
    "height: 2.5em; }\n"
".sign-label { display: block; margin-top: 0.3em; }\n"
".sign-sub { display: block; color: #666; font-size: 0.85em; }\n"
"@media print {\n"
"  html { font-size: 11pt; }\n"
"  body { max-width: none; padding: 0; }\n"
"  a { color: inherit; }\n"
"  nav.toc { page-break-after: always; break-after: page; }\n"
"  h1 { page-break-before: auto; }\n"
"}\n";

const char *
html_default_css(void)
{
	return S_css;
}
