#!/usr/bin/env python3
"""tests/docx/order.py FILE.docx... — used by tests/check-docx.sh: the
children of the WordprocessingML elements rolebook writes come in the
order the schema (ECMA-376 Part 1, transitional wml.xsd) requires, which
Word enforces (it calls a file with misordered children corrupt, where
LibreOffice reads it anyway).  Each sequence lists the schema's order of
the children rolebook may write; a child not listed is an error too, so a
new element has to be added here, in its place.  Exits 1 on any."""
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SEQ = {
    "style": "name basedOn next uiPriority semiHidden qFormat pPr rPr tblPr",
    "pPr": "pStyle keepNext keepLines pageBreakBefore numPr pBdr shd tabs "
           "spacing ind jc outlineLvl",
    "rPr": "rStyle rFonts b bCs i iCs color sz szCs u shd lang",
    "tblPr": "tblStyle tblW jc tblInd tblBorders shd tblLayout tblCellMar tblLook",
    "tcPr": "tcW gridSpan vMerge tcBorders shd vAlign",
    "tblBorders": "top left bottom right insideH insideV",
    "tblCellMar": "top left bottom right",
    "pBdr": "top left bottom right",
    "sectPr": "headerReference footerReference pgSz pgMar titlePg",
    "settings": "zoom defaultTabStop characterSpacingControl updateFields compat",
    "compat": "doNotExpandShiftReturn compatSetting",
    "numbering": "abstractNum num",
    "abstractNum": "multiLevelType lvl",
    "lvl": "start numFmt lvlText lvlJc pPr",
    "num": "abstractNumId lvlOverride",
    "tbl": "tblPr tblGrid tr",
    "tr": "trPr tc",
    "tc": "tcPr p tbl",
    "docDefaults": "rPrDefault pPrDefault",
}
SEQ = {k: v.split() for k, v in SEQ.items()}
# interleaved: header/footer references share one place; tc's blocks too
SAME = {("sectPr", "headerReference"): "footerReference",
        ("tc", "tbl"): "p", ("tr", "tc"): "tc"}
bad = []
for f in sys.argv[1:]:
    z = zipfile.ZipFile(f)
    for part in z.namelist():
        if not part.startswith("word/") or not part.endswith(".xml"):
            continue
        for e in ET.fromstring(z.read(part)).iter():
            tag = e.tag.replace(W, "")
            if tag not in SEQ or (tag == "rPr" and False):
                continue
            seq, last = SEQ[tag], -1
            for c in e:
                ct = c.tag.replace(W, "")
                ct = SAME.get((tag, ct), ct)
                if ct not in seq:
                    bad.append(f"{f}:{part}: <{tag}> holds <{ct}>, not in the list")
                    break
                k = seq.index(ct)
                if k < last:
                    bad.append(f"{f}:{part}: <{ct}> after <{seq[last]}> in <{tag}>")
                    break
                last = k
for b in sorted(set(bad))[:20]:
    print(b)
sys.exit(1 if bad else 0)
