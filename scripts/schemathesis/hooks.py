"""Schemathesis hooks for tracuu (loaded by scripts/schemathesis.sh through SCHEMATHESIS_HOOKS)."""

import schemathesis

# Codes of the rules that openapi.json describes in words because a schema cannot state them.
RULES_THE_SCHEMA_CANNOT_STATE = {
    "invalid_query",  # the query language: unknown field, filter without a value, nothing to search
    "unknown_filter_value",  # province/type: a name in any spelling (marks, case), or one an article has
    "page_too_deep",  # page × per_page ≤ 10,000
    "invalid_date",  # from ≤ to
    "too_many_periods",  # /api/trends: at most 1,200 periods from the first match to the last
    "missing_query",  # /api/trends: a non-space query, as Unicode (not the schema's regex) defines space
}


@schemathesis.check
def valid_requests_are_refused_only_for_rules_the_schema_cannot_state(ctx, response, case):
    """A schema-valid request refused with a 400 must name one of the rules above."""
    meta = case.meta
    if meta is None or not meta.generation.mode.is_positive or response.status_code != 400:
        return None
    try:
        code = response.json()["error"]["code"]
    except Exception as err:  # noqa: BLE001 - any unreadable body is the failure
        raise AssertionError(f"a 400 without the JSON error shape: {err}") from err
    if code not in RULES_THE_SCHEMA_CANNOT_STATE:
        raise AssertionError(
            f"a schema-valid request was refused with '{code}', which openapi.json could state "
            f"in the schema instead: {response.text[:300]}"
        )
    return None


# --- Province and document-type filters ----------------------------------------------------------
#
# A `province` or `type` value must name one, in any spelling, or be one an article has
# (`unknown_filter_value`). Random strings would make most generated searches that 400 and leave
# the rest of each request unexercised, so three values in four are swapped for names in some
# spelling; the fourth stays random, to exercise the refusal. A swap that makes a negative case
# valid as sent is caught by `filter_failure` below, which judges what went on the wire.

import zlib

_NAMES = {
    "province": ["Quảng Nam", "quang nam", "Đà Nẵng", "HÀ NỘI", "Thành phố Hồ Chí Minh", "Huế", "khanh hoa"],
    "type": ["Nghị quyết", "nghi quyet", "Quyết định", "CHỈ THỊ", "Thông tư", "Công văn", "luat"],
}


def _named(value, names):
    if not isinstance(value, str):
        return value
    crc = zlib.crc32(value.encode("utf-8", "surrogatepass"))
    return names[crc % len(names)] if crc % 4 else value


@schemathesis.hook
def map_query(ctx, query):
    if not isinstance(query, dict):
        return query
    for name, names in _NAMES.items():
        value = query.get(name)
        if isinstance(value, list):
            query[name] = [_named(v, names) for v in value]
        elif value is not None:
            query[name] = _named(value, names)
    return query


# --- Negative cases that reach the wire as valid requests -------------------------------------
#
# Schemathesis marks a request "schema-violating" from how it mutated the generated values. In a
# query string some mutations do not survive serialization: a number given for an array of
# strings is sent as one string (`source=1.5e-38`), an object as its keys and values, a null is
# left out, a value emptied (`per_page=`, which the API reads as absent, as a GET form sends it).
# Such a request is valid as sent, so the server rightly accepts it. The hook below reads the
# query exactly as it went on the wire (from the request sent) and drops an ST201 failure only
# when every parameter, as sent, satisfies openapi.json (path parameters as generated: any string
# for `/api/documents/{ref}`); any other failure is kept.
# Each drop is printed, and Schemathesis counts them in its summary.

import json
import pathlib
from urllib.parse import parse_qsl, urlsplit

import jsonschema_rs  # Schemathesis's own JSON Schema validator

_OPENAPI = json.loads(
    (pathlib.Path(__file__).resolve().parents[2] / "crates/serve/openapi.json").read_text("utf-8")
)


def _validator(schema):
    return jsonschema_rs.validator_for(schema, validate_formats=True)


def _valid_as_sent(values, schema):
    # An empty value means the parameter is absent (openapi.json, info.description).
    values = [v for v in values if v != ""]
    if schema.get("type") == "array":
        items = _validator(schema.get("items", {}))
        return len(values) <= schema.get("maxItems", len(values)) and all(items.is_valid(v) for v in values)
    if len(values) != 1:
        return len(values) == 0
    value = values[0]
    if schema.get("type") == "integer":
        if not value.isdigit():
            return False
        value = int(value)
    return _validator(schema).is_valid(value)


@schemathesis.hook
def filter_failure(ctx, failure, case, response):
    if getattr(failure, "code", None) != "ST201":
        return True
    operation = _OPENAPI["paths"].get(case.operation.path, {}).get(case.method.lower())
    request = getattr(response, "request", None)
    if operation is None or request is None:
        return True
    # A path parameter is judged as generated (`/api/documents/{ref}`: any string is valid).
    in_path = {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "path"}
    for name, value in (case.path_parameters or {}).items():
        if name not in in_path or not _validator(in_path[name]).is_valid(value):
            return True
    declared = {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"}
    sent = {}
    try:
        pairs = parse_qsl(urlsplit(request.url).query, keep_blank_values=True, errors="strict")
    except ValueError:
        return True  # not UTF-8 as sent: the server refuses it, so a failure here is real
    for name, value in pairs:
        sent.setdefault(name, []).append(value)
    if any(name not in declared for name in sent):
        return True
    for name, schema in declared.items():
        if not _valid_as_sent(sent.get(name, []), schema):
            return True  # really invalid as sent: keep the failure
    # Valid as sent: Schemathesis's mutation did not reach the wire. Said, so a reader can check.
    print(f"hooks.py: dropped ST201 on {case.operation.path}: valid as sent: {request.url}"[:400], flush=True)
    return False
