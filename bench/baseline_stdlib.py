#!/usr/bin/env python3
"""Baseline for bench/scan.mjs: what a plain Python script with only the standard library does.

Reads an mbox with mailbox.mbox (or a maildir with mailbox.Maildir, for bench/maildir.mjs), parses each message's header block with
email.parser.BytesHeaderParser, and extracts the verdicts of the topmost Authentication-Results
(spf, first dkim, dmarc, arc), the same fields bench/scan.mjs checks against the generator's truth.

    python3 bench/baseline_stdlib.py MBOX|MAILDIR [--jsonl OUT]
"""
import json
import mailbox
import os
import re
import sys
from email.parser import BytesHeaderParser

METHOD = {m: re.compile(r"(?:^|[;\s])" + m + r"\s*=\s*([A-Za-z]+)", re.I) for m in ("spf", "dkim", "dmarc", "arc")}


COMMENT = re.compile(r"\([^()]*\)")


def verdicts(value):
    # RFC 8601 comments (ARC's "(i=1 spf=softfail ...)") are not results: drop them first.
    while value and "(" in value:
        stripped = COMMENT.sub("", value)
        if stripped == value:
            break
        value = stripped
    out = {}
    for m, rx in METHOD.items():
        hit = rx.search(value) if value else None
        out[m] = hit.group(1).lower() if hit else None
    return out


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    path = argv[1]
    out = open(argv[3], "w") if len(argv) > 3 and argv[2] == "--jsonl" else None
    maildir = os.path.isdir(path)
    box = mailbox.Maildir(path, factory=None, create=False) if maildir else mailbox.mbox(path, create=False)
    parser = BytesHeaderParser()
    counts = {"messages": 0, "spf": {}}
    for key in box.iterkeys():
        with box.get_file(key) as f:
            msg = parser.parse(f, headersonly=True)
        ar = msg.get_all("Authentication-Results") or []
        v = verdicts(str(ar[0]) if ar else "")
        counts["messages"] += 1
        counts["spf"][str(v["spf"])] = counts["spf"].get(str(v["spf"]), 0) + 1
        if out:
            # An mbox message by its From_ line's byte offset (box._toc holds each message's
            # (start, stop)); a maildir message by its file name.
            where = {"file": key} if maildir else {"offset": box._toc[key][0]}
            out.write(json.dumps({**where, **v}) + "\n")
    if out:
        out.close()
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
