#!/usr/bin/env python3
"""Refreshes every snippet of docs/extending.md from its source, as GuideSnippetsTest cuts it.

A snippet is a fenced block right after <!-- snippet: path[#region] -->: the whole file, or the lines between
tag::region[] and end::region[], without marker lines and with their common indentation removed.
Run from the repository root: python3 examples/guide/update-snippets.py
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "extending.md"
SNIPPET = re.compile(r"(<!-- snippet: ([^#\s]+)(?:#([\w-]+))? -->\n```[\w-]*\n)(.*?)(\n```)", re.S)
MARKER = re.compile(r".*\b(tag|end)::[\w-]+\[\].*")


def cut(path, region):
    lines = (ROOT / path).read_text().split("\n")
    if region:
        start = next(i for i, l in enumerate(lines) if f"tag::{region}[]" in l)
        end = next(i for i, l in enumerate(lines) if f"end::{region}[]" in l)
        lines = lines[start + 1:end]
    kept = [l for l in lines if not MARKER.fullmatch(l)]
    indent = min((len(l) - len(l.lstrip()) for l in kept if l.strip()), default=0)
    return "\n".join("" if not l.strip() else l[indent:] for l in kept).strip()


def main():
    text = GUIDE.read_text()
    updated = SNIPPET.sub(lambda m: m.group(1) + cut(m.group(2), m.group(3)) + m.group(5), text)
    GUIDE.write_text(updated)
    print(f"{len(SNIPPET.findall(text))} snippets refreshed", file=sys.stderr)


if __name__ == "__main__":
    main()
