#!/usr/bin/env python3
"""tests/msgs.py — keeps the message catalogue (src/model/msg.{h,c}) the one
place where role content is worded (issue 12; docs/diagnostics.md).

Checks, reading the C source as text:
 1. every id of enum rb_msg has exactly one entry in rb_msgs[], no entry names
    an id that is not in the enum, and the entry's level fits its id's prefix
    (MSG_E_ error, MSG_W_ warning, MSG_F_ fatal, MSG_N_ note);
 2. every id is reported somewhere in src/ (no dead entry);
 3. every call of rb_msg(), rb_msg_at(), load_xml_msg() and
    load_xml_attr_msg() passes as many arguments as its id's text takes
    (printf conversions, '*' counted); an id chosen at run time (a ? b : c)
    has each of its ids checked;
 4. no module of role content (src/load, src/validate, src/model) words a
    diagnostic itself: no call of diag_at(), diag_pos(), diag_vpos(),
    load_xml_diag() or load_xml_attr_diag() outside the catalogue, except in
    the functions listed in PENDING.

Prints one line per problem and exits 1 if any; --self-test runs the checks
on bad samples and exits 1 unless each is caught.
"""
import os
import re
import sys

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Functions allowed a free-form call, by file (none: every message of role
# content is in the catalogue).
PENDING = {}
FREE_FORM = ('diag_at', 'diag_pos', 'diag_vpos', 'load_xml_diag',
             'load_xml_attr_diag')
# function: (index of the id argument, arguments before the text's own)
REPORTERS = {'rb_msg': (1, 3), 'rb_msg_at': (1, 5), 'load_xml_msg': (2, 3),
             'load_xml_attr_msg': (4, 5)}
LEVELS = {'E': 'DIAG_ERROR', 'W': 'DIAG_WARNING', 'F': 'DIAG_FATAL',
          'N': 'DIAG_NOTE'}
STR = r'"(?:[^"\\\n]|\\.)*"'


def strip_comments(src):
    """src with comments blanked (strings and newlines kept)."""
    out, i, n = [], 0, len(src)
    while i < n:
        c = src[i]
        if src.startswith('/*', i):
            j = src.find('*/', i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r'[^\n]', ' ', src[i:j]))
            i = j
        elif src.startswith('//', i):
            j = src.find('\n', i)
            j = n if j < 0 else j
            out.append(' ' * (j - i))
            i = j
        elif c in '"\'':
            j = i + 1
            while j < n and src[j] != c:
                j += 2 if src[j] == '\\' else 1
            out.append(src[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def c_string(lit):
    """The value of a C string literal's body (escapes kept as written;
    only '%' matters here)."""
    return lit[1:-1]


def macros(paths):
    """#define NAME "..." (continued lines joined) in the given headers."""
    found = {}
    for p in paths:
        text = open(p, encoding='utf-8').read().replace('\\\n', ' ')
        for m in re.finditer(r'^#define\s+(\w+)\s+((?:' + STR + r'\s*)+)$',
                             text, re.M):
            found[m.group(1)] = ''.join(c_string(s) for s in
                                        re.findall(STR, m.group(2)))
    return found


def conversions(fmt):
    """Arguments a printf format takes, or None when it cannot tell."""
    n, i = 0, 0
    while True:
        i = fmt.find('%', i)
        if i < 0:
            return n
        m = re.compile(r'%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d+))?'
                       r'(hh|h|ll|l|z|j|t|L)?([diouxXcspfeEgGaA%])').match(
                           fmt, i)
        if m is None:
            return None
        if m.group(5) != '%':
            n += 1 + (m.group(2) == '*') + (m.group(3) == '*')
        i = m.end()


def catalogue(h_text, c_text, defs):
    """(ids in enum order, {id: (level, text or None)}, problems)"""
    problems = []
    body = re.search(r'enum rb_msg\s*\{(.*?)\};', h_text, re.S)
    ids = re.findall(r'^\s*(MSG_\w+)\s*,', body.group(1), re.M) if body else []
    ids = [i for i in ids if i != 'MSG__MAX']
    entries = {}
    for m in re.finditer(r'\[(MSG_\w+)\]\s*=\s*\{\s*(DIAG_\w+)\s*,'
                         r'((?:\s*(?:' + STR + r'|[A-Z_][A-Z0-9_]*))+)\s*\}',
                         c_text):
        ident, level, parts = m.group(1), m.group(2), m.group(3)
        text = ''
        for part in re.findall(STR + r'|[A-Z_][A-Z0-9_]*', parts):
            if part.startswith('"'):
                text += c_string(part)
            elif part in defs:
                text += defs[part]
            else:
                problems.append('%s: text uses %s, not a string macro '
                                'this check knows' % (ident, part))
                text = None
                break
        if ident in entries:
            problems.append('%s: two entries in rb_msgs[]' % ident)
        entries[ident] = (level, text)
    for ident in ids:
        if ident not in entries:
            problems.append('%s: in enum rb_msg, no entry in rb_msgs[]' %
                            ident)
        elif LEVELS.get(ident.split('_')[1]) != entries[ident][0]:
            problems.append('%s: level %s does not fit the id\'s prefix' %
                            (ident, entries[ident][0]))
    for ident in entries:
        if ident not in ids:
            problems.append('%s: entry in rb_msgs[], not in enum rb_msg' %
                            ident)
    return ids, entries, problems


def split_args(text, start):
    """Arguments of the call whose '(' is at start: (list, end offset)."""
    depth, i, args, cur = 0, start, [], start + 1
    while i < len(text):
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < len(text) and text[j] != c:
                j += 2 if text[j] == '\\' else 1
            i = j
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
            if depth == 0:
                args.append(text[cur:i].strip())
                return args, i
        elif c == ',' and depth == 1:
            args.append(text[cur:i].strip())
            cur = i + 1
        i += 1
    return args, i


def functions(text):
    """[(offset, name)] of the function definitions (BSD style: the name
    at the start of a line, the type on the line before)."""
    return [(m.start(), m.group(1)) for m in
            re.finditer(r'^([A-Za-z_]\w*)\(', text, re.M)]


def enclosing(funcs, off):
    name = None
    for o, f in funcs:
        if o > off:
            break
        name = f
    return name


def check_file(rel, text, entries, pending, free_form_banned):
    """Problems of one C file; also returns the ids it reports."""
    problems, used = [], set()
    text = strip_comments(text)
    funcs = functions(text)
    line = lambda off: text.count('\n', 0, off) + 1
    names = '|'.join(list(REPORTERS) + list(FREE_FORM))
    for m in re.finditer(r'\b(' + names + r')\s*\(', text):
        fn = m.group(1)
        where = enclosing(funcs, m.start())
        if where == fn:	# its own definition
            continue
        if fn in FREE_FORM:
            if free_form_banned and where not in pending:
                problems.append('%s:%d: %s() in %s(): word it in the '
                                'catalogue (src/model/msg.c) and report '
                                'its id' % (rel, line(m.start()), fn, where))
            continue
        args, _ = split_args(text, m.end() - 1)
        idx, fixed = REPORTERS[fn]
        if len(args) <= idx:
            continue	# a declaration or a prototype
        ids = re.findall(r'\bMSG_\w+', args[idx]) or \
            RUNTIME_IDS.get((rel, where), [])
        if not ids:
            problems.append('%s:%d: %s() with id %s: name the id' %
                            (rel, line(m.start()), fn, args[idx]))
        for ident in ids:
            if ident not in entries:
                problems.append('%s:%d: %s is not in the catalogue' %
                                (rel, line(m.start()), ident))
                continue
            want = conversions(entries[ident][1] or '')
            got = len(args) - fixed
            if entries[ident][1] is not None and want != got:
                problems.append('%s:%d: %s takes %s argument(s), %d given' %
                                (rel, line(m.start()), ident, want, got))
    used.update(re.findall(r'\bMSG_[A-Z]\w*', text))
    return problems, used


# Reporters whose id is a variable, by file and function: the ids it can
# hold, each checked against the arguments.
RUNTIME_IDS = {('src/load/xml.c', 'load_xml_close'):
               ['MSG_E_SCHEMA', 'MSG_E_SCHEMA_MISMATCH']}


def run(top):
    defs = macros([os.path.join(top, 'src', d, f)
                   for d in ('util', 'model') for f in
                   sorted(os.listdir(os.path.join(top, 'src', d)))
                   if f.endswith('.h')])
    h = open(os.path.join(top, 'src/model/msg.h'), encoding='utf-8').read()
    c = open(os.path.join(top, 'src/model/msg.c'), encoding='utf-8').read()
    ids, entries, problems = catalogue(strip_comments(h), strip_comments(c),
                                       defs)
    used = set()
    for d in sorted(os.listdir(os.path.join(top, 'src'))):
        sub = os.path.join(top, 'src', d)
        if not os.path.isdir(sub):
            continue
        for f in sorted(os.listdir(sub)):
            rel = 'src/%s/%s' % (d, f)
            if not f.endswith('.c') or rel == 'src/model/msg.c':
                continue
            p, u = check_file(rel, open(os.path.join(sub, f),
                                        encoding='utf-8').read(), entries,
                              PENDING.get(rel, set()),
                              d in ('load', 'validate', 'model'))
            problems += p
            used |= u
    for ident in ids:
        if ident not in used:
            problems.append('%s: in the catalogue, reported nowhere' % ident)
    return problems


def self_test():
    """Each bad sample must be caught."""
    h = 'enum rb_msg {\n\tMSG_E_A,\n\tMSG_W_B,\n\tMSG_E_C,\n\tMSG__MAX\n};'
    c = ('[MSG_E_A] = { DIAG_ERROR, "a %s and %.*s" },\n'
         '[MSG_W_B] = { DIAG_ERROR, "b" X },\n')
    ids, entries, problems = catalogue(h, c, {'X': ' 100%% %d'})
    want = ['MSG_W_B: level', 'MSG_E_C: in enum rb_msg, no entry']
    bad = [w for w in want if not any(p.startswith(w) for p in problems)]
    src = ('static void\nS_f(void)\n{\n'
           '\tdiag_pos(d, DIAG_ERROR, &p, "free %s", s);\n'
           '\trb_msg(d, MSG_E_A, &p, s);\n'
           '\trb_msg(d, x ? MSG_E_A : MSG_W_B, &p, s, 1, t);\n'
           '\tload_xml_attr_msg(xs, n, "id", 1, MSG_W_B, 3);\n'
           '\trb_msg(d, MSG_E_Z, &p);\n'
           '\trb_msg(d, id, &p);\n}\n')
    problems, used = check_file('src/load/x.c', src, entries, set(), True)
    want = ['src/load/x.c:4: diag_pos()', 'src/load/x.c:5: MSG_E_A takes 3',
            'src/load/x.c:6: MSG_W_B takes 1', 'src/load/x.c:8: MSG_E_Z is',
            'src/load/x.c:9: rb_msg() with id id']
    bad += [w for w in want if not any(p.startswith(w) for p in problems)]
    if len(problems) != len(want):
        bad.append('%d problems, want %d: %s' % (len(problems), len(want),
                                                  problems))
    problems, _ = check_file('src/load/x.c', src, entries, {'S_f'}, True)
    if any('diag_pos' in p for p in problems):
        bad.append('a pending function was not spared')
    for b in bad:
        print('self-test: not caught: %s' % b)
    return 1 if bad else 0


if __name__ == '__main__':
    if sys.argv[1:] == ['--self-test']:
        sys.exit(self_test())
    found = run(TOP)
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
