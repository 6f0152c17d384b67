#!/usr/bin/env python3
"""Writes a huge generated Dockerfile to stdout, for measuring how lint time and memory grow with size.

The files are multi-megabyte, so they are generated on demand and never committed. Kinds:

  heredoc       one `RUN <<EOF` whose body holds N lines `echo line I && true` (2N commands)
  continuation  one shell-form RUN of N commands joined by `&& \\` continuations
  instructions  N `RUN echo line I` instructions
  findings      N `RUN apt-get install fooI` instructions (several findings each: DL3008, DL3015, ...)

Usage: make_large_dockerfile.py KIND N > big.Dockerfile
(`heredoc 400000` writes the ~10 MB, 800,000-command file that issue 9 measures.)
"""

import sys


def generate(kind: str, n: int) -> str:
    head = "FROM debian:12.5\n"
    if kind == "heredoc":
        body = "".join(f"echo line {i} && true\n" for i in range(n))
        return head + "RUN <<EOF\n" + body + "EOF\n"
    if kind == "continuation":
        body = " && \\\n".join(f"    echo line {i}" for i in range(n))
        return head + "RUN " + body.lstrip() + "\n"
    if kind == "instructions":
        return head + "".join(f"RUN echo line {i}\n" for i in range(n))
    if kind == "findings":
        return head + "".join(f"RUN apt-get install foo{i}\n" for i in range(n))
    raise SystemExit(f"unknown kind {kind!r} (heredoc, continuation, instructions, findings)")


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    sys.stdout.write(generate(sys.argv[1], int(sys.argv[2])))


if __name__ == "__main__":
    main()
