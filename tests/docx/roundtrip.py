#!/usr/bin/env python3
"""tests/docx/roundtrip.py ORG.xml ORIG.xml IMPORTED.xml — used by
tests/check-docx.sh: compares the canonical export of a sample role
(ORIG) with the export of what `rolebook import` made of its .docx
(IMPORTED).  The model must come back the same except for exactly the
differences docs/import.md lists ("Round trip"), which are applied to the
original here and nowhere else:

  1. the id: the imported file is named from the title;
  2. department and superior by name (import writes names; `rolebook
     check` resolves them), report recipients by title likewise;
  3. inline markup (emphasis, strong, links) is text;
  4. targets come back as an extra section 考核指标, one line
     "metric | value unit | period" a target, the first extra section;
  5. an extra section's content comes back as lines: a paragraph, a list
     item, a table row (cells joined " | ", the header row left out).

Prints the differences and exits 1 when there are any."""
import re
import sys
import xml.etree.ElementTree as ET

org, orig, imp = (ET.parse(f).getroot() for f in sys.argv[1:4])
titles = dict(a.split("=", 1) for a in sys.argv[4:])   # role id=title
depts = {d.get("id"): d.get("name") for d in org.iter("department")}


def text(e):
    return re.sub(r"\s+", " ", "".join(e.itertext())).strip()


def lines(sec):
    out = []
    for c in sec:
        if c.tag in ("ul", "ol"):
            out += [text(li) for li in c.iter("li")]
        elif c.tag == "table":
            for tr in c.iter("tr"):
                if tr in list(c.iter("thead")) or any(
                        tr in list(h) for h in c.iter("thead")):
                    continue
                out.append(" | ".join(text(td) for td in tr))
        else:
            out.append(text(c))
    return [x for x in out if x]


def model(r, original):
    m = []
    for c in r:
        if c.tag == "department":
            m.append(("department", depts.get(c.get("ref"), c.get("ref"))
                      if original else c.get("ref")))
        elif c.tag == "reports-to":
            m.append(("reports-to", titles.get(c.get("ref"), c.get("ref"))
                      if original else c.get("ref")))
        elif c.tag == "targets" and original:
            # as the sheet prints them: a 考核指标 section (placed below)
            m.append(("targets", len(list(c))))
        elif c.tag == "summary":
            m.append(("summary", [text(p) for p in c]))
        elif c.tag in ("duties", "standards", "authorities", "relations",
                       "qualifications"):
            m.append((c.tag, [(tuple(sorted(i.attrib.items())), text(i))
                              for i in c]))
        elif c.tag == "reports":
            rs = []
            for i in c:
                a = dict(i.attrib)
                if original and "to" in a:
                    a["to"] = titles.get(a["to"], a["to"])
                rs.append(tuple(sorted(a.items())))
            m.append(("reports", rs))
        elif c.tag == "section":
            m.append(("section", c.get("title"), lines(c)))
        else:
            m.append((c.tag, text(c), tuple(sorted(c.attrib.items()))))
    return m


a, b = model(orig, True), model(imp, False)
# 4: targets become the section 考核指标, one line each; a role's extra
# sections follow its fields in the export, in the document's order, and
# the sheet prints 考核指标 before the others
for i, x in enumerate(a):
    if x[0] == "targets":
        del a[i]
        k = next((j for j, y in enumerate(a) if y[0] == "section"), len(a))
        t = next((y for y in b if y[0] == "section" and y[1] == "考核指标"),
                 None)
        if t is None or len(t[2]) != x[1]:
            print("targets: no section 考核指标 of", x[1], "lines:", t)
            sys.exit(1)
        a.insert(k, t)
        break
bad = 0
for x, y in zip(a, b):
    if x != y:
        print("original:", x)
        print("imported:", y)
        bad = 1
if len(a) != len(b):
    print("original has", len(a), "parts, imported", len(b))
    print([x[0] for x in a])
    print([y[0] for y in b])
    bad = 1
sys.exit(bad)
