#!/usr/bin/env python3
"""Checks that every number a researcher reads comes from one set, on a running `tracuu serve`.

For each query (default: a list of topical searches, with and without marks, and the empty one):
- every value shown in every facet (the first --values of each), filtered on, gives a `total`
  equal to the value's count, with the same `match`;
- the year facet sums to `total`; each year's months in the histogram sum to its facet count;
- `year=none` gives the count of the facet's "none" bucket (articles without a date).

Usage: benches/facets/check.py [--values N] BASE_URL [QUERY ...]
  e.g. target/release/tracuu serve --index INDEX --addr 127.0.0.1:18130 &
       benches/facets/check.py http://127.0.0.1:18130
Prints each disagreement and a summary; exits 1 when anything disagrees.
"""
import argparse
import json
import sys
import urllib.parse
import urllib.request

QUERIES = [
    "",
    "tham nhung",
    "bảo hiểm xã hội",
    "o nhiem moi truong",
    "Quảng Nam",
    "ngân hàng nhà nước",
    "cải cách hành chính",
    "TP.HCM",
    "giao thong",
    "giáo dục",
    "nghị quyết",
    "nghị định",
    "quyết định",
    "thông tư",
    "Nghị quyết 36",
    "phòng chống dịch",
    "xay dung nong thon moi",
    "Hà Nội",
    "covid",
]


def search(base, params):
    url = base.rstrip("/") + "/api/search?" + urllib.parse.urlencode(params)
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def check_query(base, query, values):
    """Yields (kind, message) for each disagreement of one query; returns values checked."""
    response = search(base, {"q": query, "per_page": 1})
    checked = 0
    problems = []
    for facet, counts in response["facets"].items():
        for value in counts[:values]:
            filtered = search(base, {"q": query, "per_page": 1, facet: value["value"]})
            checked += 1
            if filtered["total"] != value["count"] or filtered["match"] != response["match"]:
                problems.append(
                    f"{query!r} {facet}={value['value']!r}: counted {value['count']}, "
                    f"filter gives {filtered['total']} ({filtered['match']})"
                )
    years = {v["value"]: v["count"] for v in response["facets"].get("year", [])}
    if years and sum(years.values()) != response["total"]:
        problems.append(f"{query!r}: year facet sums to {sum(years.values())}, total {response['total']}")
    months = {}
    for month in response["histogram"]:
        months[month["month"][:4]] = months.get(month["month"][:4], 0) + month["count"]
    for year in set(years) | set(months):
        if year != "none" and years.get(year, 0) != months.get(year, 0):
            problems.append(
                f"{query!r}: {year} counted {years.get(year, 0)}, its months {months.get(year, 0)}"
            )
    undated = search(base, {"q": query, "per_page": 1, "year": "none"})["total"]
    if undated != years.get("none", 0):
        problems.append(f"{query!r}: year=none gives {undated}, the bucket says {years.get('none', 0)}")
    return checked, problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", help="the server, e.g. http://127.0.0.1:18130")
    parser.add_argument("queries", nargs="*", help="queries (default: a built-in list)")
    parser.add_argument("--values", type=int, default=12, help="values checked per facet")
    args = parser.parse_args()
    total_checked = 0
    total_problems = 0
    for query in args.queries or QUERIES:
        checked, problems = check_query(args.base, query, args.values)
        total_checked += checked
        total_problems += len(problems)
        for problem in problems:
            print("DISAGREE", problem)
    queries = len(args.queries or QUERIES)
    print(f"{queries} queries, {total_checked} facet values filtered, {total_problems} disagreements")
    return 1 if total_problems else 0


if __name__ == "__main__":
    sys.exit(main())
