#!/usr/bin/env python3
"""Lists C++ function definitions longer than a limit (default 80 lines) below the given folders.

Usage: tools/dev/long_functions.py [--limit N] [DIR ...]      (default DIR: lib)
Prints `lines<TAB>file:first-last<TAB>name`, longest first. A function's length runs from the line
of its name to its closing brace. Lambdas and local classes count as part of their function.

A brace scanner, not a compiler: comments, string and character literals are blanked first, then
each `{` at namespace or class scope whose header looks like `name(...) [qualifiers] [: inits]` opens
a function. Brace initialisers in constructor init-lists are recognised (`member_{x}`). Good enough
for this code base's style (clang-format'ed); check odd results by eye.
"""
import argparse
import os
import re
import sys

KEYWORDS_NOT_FUNCTIONS = ("if", "for", "while", "switch", "catch", "return", "sizeof", "decltype")


def blank(text):
    """Replaces comments and literals by spaces, keeping newlines (and so line numbers)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == '_')):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if m:
                end = text.find(")" + m.group(1) + '"', i)
                end = n if end < 0 else end + len(m.group(1)) + 2
                out.append(re.sub(r"[^\n]", " ", text[i:end]))
                i = end
            else:
                out.append(c)
                i += 1
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isdigit():  # digit separator 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(" " * (j + 1 - i))
            i = j + 1
        elif c == "#" and (i == 0 or text[i - 1] == "\n"):
            j = i
            while True:  # preprocessor line, with continuations
                k = text.find("\n", j)
                k = n if k < 0 else k
                if k > 0 and text[k - 1] == "\\":
                    j = k + 1
                    continue
                break
            out.append(re.sub(r"[^\n]", " ", text[i:k]))
            i = k
        else:
            out.append(c)
            i += 1
    return "".join(out)


def classify(header):
    """Returns 'namespace', 'class', 'function', 'init' or 'block' for the text before a `{`."""
    h = header.strip()
    if re.search(r"\b(namespace)\b", h) or re.match(r'extern\s*$', h):
        return "namespace"
    if re.search(r"\b(class|struct|union|enum)\b[^()]*$", h):
        return "class"
    if "(" not in h:
        return "block"
    # Constructor init-list brace initialiser: `... ) : a_(x), b_{` (ends in an identifier).
    if re.search(r"\)\s*:[^;]*[A-Za-z_0-9>]\s*$", h) and not re.search(
            r"\)\s*(const|noexcept|override|final|mutable)?\s*$", h):
        return "init"
    if "=" in re.sub(r"\([^()]*\)", "", h.split("(")[0]) and "operator" not in h:
        return "block"  # initialiser such as `x = Foo{`
    m = re.search(r"([A-Za-z_~][A-Za-z_0-9:<>~]*|operator\s*[^\s(]+)\s*\(", h)
    if not m or m.group(1).split("::")[-1] in KEYWORDS_NOT_FUNCTIONS:
        return "block"
    return "function"


def function_name(header):
    h = re.sub(r"\s+", " ", header.strip())
    m = re.search(r"((?:[A-Za-z_][A-Za-z_0-9]*(?:<[^()]*>)?::)*(?:operator\s*[^\s(]+|~?[A-Za-z_][A-Za-z_0-9]*))\s*\(", h)
    return m.group(1) if m else h[:60]


def scan(path, limit):
    text = blank(open(path, encoding="utf-8", errors="replace").read())
    found = []
    stack = []  # (kind, header_start_line, name)
    header_start = 0  # offset where the current statement/header began
    line = 1
    for i, c in enumerate(text):
        if c == "\n":
            line += 1
        if c == "{":
            in_function = any(k == "function" for k, _, _ in stack)
            header = text[header_start:i]
            kind = "block" if in_function else classify(header)
            first = line - header.rstrip().count("\n") if kind != "function" else None
            if kind == "function":
                name = function_name(header)
                # line of the name: count newlines from the name's position to the brace
                pos = header.rfind(name.split("::")[-1] + "(") if name else -1
                if pos < 0:
                    pos = len(header) - len(header.lstrip())
                first = line - header[pos:].count("\n")
                stack.append(("function", first, name))
            else:
                stack.append((kind, first, None))
            if kind != "init":
                header_start = i + 1
        elif c == "}":
            if not stack:
                continue
            kind, first, name = stack.pop()
            if kind == "function" and not any(k == "function" for k, _, _ in stack):
                length = line - first + 1
                if length > limit:
                    found.append((length, path, first, line, name))
            if kind != "init":
                header_start = i + 1
        elif c == ";" and not any(k == "function" for k, _, _ in stack):
            if not (stack and stack[-1][0] == "init"):
                header_start = i + 1
        elif c == ":" and not any(k == "function" for k, _, _ in stack):
            # access specifiers `public:` end a header
            if re.search(r"\b(public|private|protected)\s*$", text[header_start:i]):
                header_start = i + 1
    return found


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=80)
    ap.add_argument("dirs", nargs="*", default=["lib"])
    args = ap.parse_args()
    rows = []
    for d in args.dirs:
        if os.path.isfile(d):
            rows += scan(d, args.limit)
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith((".cpp", ".hpp", ".h", ".cc")):
                    rows += scan(os.path.join(root, f), args.limit)
    rows.sort(key=lambda r: (-r[0], r[1], r[2]))
    for length, path, first, last, name in rows:
        print(f"{length}\t{path}:{first}-{last}\t{name}")
    print(f"{len(rows)} functions over {args.limit} lines", file=sys.stderr)


if __name__ == "__main__":
    main()
