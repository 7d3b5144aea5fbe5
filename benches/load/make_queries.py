#!/usr/bin/env python3
"""Draws real search queries from the vietnews corpus for the HTTP load test.

Half are word pairs and half are 3-4 word phrases taken from article titles; half of each keep
their diacritics and half are typed without them (đ -> d), as people do on phones. A fixed seed
makes runs comparable. Prints one URL path per line (/api/search?q=...).
"""
import json
import lzma
import random
import sys
import unicodedata
import urllib.parse


def strip_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main() -> None:
    path, count = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(20261122)
    titles = []
    with lzma.open(path, "rt", encoding="utf-8") as lines:
        for i, line in enumerate(lines):
            if i % 50 == 0:
                title = json.loads(line).get("title", "").replace("_", " ")
                words = [w for w in title.split() if any(c.isalpha() for c in w)]
                if len(words) >= 4:
                    titles.append(words)
            if len(titles) >= 5000:
                break
    seen = set()
    while len(seen) < count:
        words = rng.choice(titles)
        n = 2 if rng.random() < 0.5 else rng.choice([3, 4])
        start = rng.randrange(0, len(words) - n + 1)
        query = " ".join(words[start:start + n]).lower()
        if rng.random() < 0.5:
            query = strip_marks(query)
        if len(seen) % 4 == 3:
            query = f'"{query}"'
        seen.add(query)
    for query in sorted(seen):
        print("/api/search?" + urllib.parse.urlencode({"q": query}))


if __name__ == "__main__":
    main()
