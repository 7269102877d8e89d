#!/usr/bin/env python3
"""tests/scan-links.py DIR [--want URL]... — checks every link rolebook wrote
under DIR: each href/src/xlink:href of every .html/.svg file (HTML entities
decoded) and each /URI action of every .pdf (read through qpdf --qdf, PDF
string escapes decoded).  A link fails when, after removing ASCII control
characters and spaces as browsers do, it starts with javascript:, vbscript:,
data:, file: (any case), or when it holds a raw control character.  Each
--want URL must appear among the links of both the HTML and the PDF files
(when there are any).  Prints the counts; exits 1 on any failure."""
import html, os, re, subprocess, sys

BAD = ("javascript:", "vbscript:", "data:", "file:")


def bad(u):
    s = "".join(ch for ch in u if ord(ch) > 0x20 and ord(ch) != 0x7f).lower()
    if s.startswith(BAD):
        return "forbidden scheme"
    if any(ord(ch) < 0x20 or ord(ch) == 0x7f for ch in u):
        return "control character"
    return None


def pdf_string(b, i):
    """The literal string starting after '(' at b[i]; returns (bytes, end)."""
    out, depth = bytearray(), 1
    while i < len(b):
        c = b[i]
        if c == 0x5c:  # backslash
            i += 1
            e = b[i]
            m = {0x6e: 10, 0x72: 13, 0x74: 9, 0x62: 8, 0x66: 12}
            if e in m:
                out.append(m[e])
            elif 0x30 <= e <= 0x37:
                j = i
                while j < i + 3 and j < len(b) and 0x30 <= b[j] <= 0x37:
                    j += 1
                out.append(int(b[i:j], 8) & 0xFF)
                i = j - 1
            elif e in (0x0a, 0x0d):
                pass
            else:
                out.append(e)
        elif c == 0x28:
            depth += 1
            out.append(c)
        elif c == 0x29:
            depth -= 1
            if depth == 0:
                return bytes(out), i
            out.append(c)
        else:
            out.append(c)
        i += 1
    return bytes(out), i


def pdf_links(path):
    q = subprocess.run(["qpdf", "--qdf", "--object-streams=disable", path,
                        "-"], stdout=subprocess.PIPE, check=False).stdout
    if not q:
        raise SystemExit("qpdf could not read " + path)
    links = []
    for m in re.finditer(rb"/URI\s*\(", q):
        s, _ = pdf_string(q, m.end())
        links.append(s.decode("latin-1"))
    # qpdf writes a string holding unprintable bytes in hex
    for m in re.finditer(rb"/URI\s*<([0-9A-Fa-f\s]*)>", q):
        h = re.sub(rb"\s", b"", m.group(1))
        links.append(bytes.fromhex((h + b"0" * (len(h) % 2)).decode())
                     .decode("latin-1"))
    # script and launch actions are never written
    for kw in (rb"/JavaScript", rb"/JS\b", rb"/Launch"):
        if re.search(kw, q):
            links.append("javascript:(PDF action %s)" % kw.decode())
    return links


def html_links(path):
    t = open(path, encoding="utf-8", errors="replace").read()
    return [html.unescape(m.group(2)) for m in
            re.finditer(r'\s(href|src|xlink:href)="([^"]*)"', t)]


def main():
    top, want = sys.argv[1], []
    args = sys.argv[2:]
    while args:
        if args[0] == "--want":
            want.append(args[1])
            args = args[2:]
        else:
            raise SystemExit("usage: scan-links.py DIR [--want URL]...")
    seen = {"html": set(), "pdf": set()}
    n = {"html": 0, "pdf": 0}
    fails = 0
    for d, _, files in os.walk(top):
        for f in sorted(files):
            p = os.path.join(d, f)
            if f.endswith((".html", ".svg")):
                kind, links = "html", html_links(p)
            elif f.endswith(".pdf"):
                kind, links = "pdf", pdf_links(p)
            else:
                continue
            for u in links:
                n[kind] += 1
                seen[kind].add(u)
                why = bad(u)
                if why:
                    print("FAIL: %s: %s link %r" % (p, why, u))
                    fails += 1
    for u in want:
        for kind in ("html", "pdf"):
            if n[kind] and u not in seen[kind]:
                print("FAIL: no %s link %r" % (kind, u))
                fails += 1
    print("scan-links: %d HTML links, %d PDF links, %d bad"
          % (n["html"], n["pdf"], fails))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
