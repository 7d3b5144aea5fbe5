"""Runs Python trafilatura on pages for `score-extraction`, which scores its output beside tracuu's.

Reads JSON Lines on stdin, one page a line: {"id", "url", "html"} (the same decoded text tracuu gets).
Writes JSON Lines on stdout: {"id", "body", "title", "author", "date", "seconds"}, where `seconds` is
the time of `bare_extraction` alone (body and metadata, comments excluded, as the AEB harness runs it).
The first pages are extracted once untimed as a warm-up, as tracuu's are.
"""

import json
import logging
import sys
import time

import trafilatura

WARM_UP = 5


def run(page):
    return trafilatura.bare_extraction(
        page["html"], url=page.get("url") or None, include_comments=False, with_metadata=True
    )


def main():
    logging.disable(logging.CRITICAL)
    pages = [json.loads(line) for line in sys.stdin if line.strip()]
    for page in pages[:WARM_UP]:
        run(page)
    out = sys.stdout
    for page in pages:
        start = time.perf_counter()
        doc = run(page)
        seconds = time.perf_counter() - start
        row = {"id": page["id"], "seconds": seconds, "version": trafilatura.__version__}
        if doc is not None:
            row.update(body=doc.text or "", title=doc.title, author=doc.author, date=doc.date)
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
