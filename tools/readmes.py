#!/usr/bin/env python3
"""Writes each crate's README.md (shown by crates.io) from its crate documentation,
src/lib.md (shown by docs.rs, with intra-doc links and hidden doc-test lines).

crates.io renders plain Markdown: intra-doc links (``[`Client`]``) would show as raw
brackets and hidden doc-test lines (``# async fn run() …``) as code. So the README is
the same text with the links turned into code spans and the hidden lines dropped.

    python3 tools/readmes.py          # rewrite the READMEs
    python3 tools/readmes.py --check  # fail if one is out of date (CI)
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = "<!-- Generated from src/lib.md by tools/readmes.py: edit that file instead. -->\n\n"
# [`Item`] not followed by a link target: an intra-doc link.
INTRA_DOC = re.compile(r"\[(`[^`\]]+`)\](?![(\[])")
# [text](a::rust::Path): an intra-doc link with an explicit path.
PATH_LINK = re.compile(r"\[([^\]]+)\]\((?:crate|self|super|Self|[A-Za-z_][A-Za-z0-9_]*)(?:::[A-Za-z0-9_]+)*\)")


def readme_of(doc: str) -> str:
    out, in_rust = [], False
    for line in doc.splitlines():
        fence = line.strip().startswith("```")
        if fence and not in_rust:
            info = line.strip()[3:].strip()
            # rustdoc reads an unlabelled block, or one labelled rust…, as Rust.
            if info == "" or info.split(",")[0] == "rust":
                in_rust = True
                out.append(line.replace(info, "rust") if info else line)
                continue
        elif fence and in_rust:
            in_rust = False
        elif in_rust and (line.strip() == "#" or line.lstrip().startswith("# ")):
            continue  # a hidden doc-test line
        if not in_rust:
            line = PATH_LINK.sub(r"\1", INTRA_DOC.sub(r"\1", line))
        out.append(line)
    return HEADER + "\n".join(out) + "\n"


# The provider crates' docs open with the `[dependencies]` lines a new user copies:
# they must name the version being published (a 0.x crate by "0.minor").
PROVIDERS = ["lmt-bulksms", "allmysms", "smsadvert", "smseco", "connect-mobile"]


def requirement() -> str:
    cargo = (ROOT / "Cargo.toml").read_text()
    section = cargo.split("[workspace.package]", 1)[1]
    version = re.search(r'^version = "(\d+)\.(\d+)\.\d+', section, re.M)
    major, minor = version.groups()
    return f"{major}.{minor}" if major == "0" else major


def wrong_dependency_lines() -> list:
    wanted = requirement()
    return [
        f"{crate}/src/lib.md: no line `{crate} = \"{wanted}\"`"
        for crate in PROVIDERS
        if f'\n{crate} = "{wanted}"\n' not in (ROOT / crate / "src/lib.md").read_text()
    ]


def main() -> int:
    check = "--check" in sys.argv[1:]
    wrong = wrong_dependency_lines()
    if wrong:
        print(*wrong, sep="\n")
        return 1
    stale = []
    for doc_path in sorted(ROOT.glob("*/src/lib.md")):
        readme_path = doc_path.parent.parent / "README.md"
        wanted = readme_of(doc_path.read_text())
        current = readme_path.read_text() if readme_path.exists() else ""
        if current != wanted:
            stale.append(readme_path.relative_to(ROOT))
            if not check:
                readme_path.write_text(wanted)
    if check and stale:
        print("out of date (run python3 tools/readmes.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
