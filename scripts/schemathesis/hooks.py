"""Schemathesis hooks for tracuu (loaded by scripts/schemathesis.sh through SCHEMATHESIS_HOOKS)."""

import schemathesis

# Codes of the rules that openapi.json describes in words because a schema cannot state them.
RULES_THE_SCHEMA_CANNOT_STATE = {
    "invalid_query",  # the query language: unknown field, filter without a value, nothing to search
    "page_too_deep",  # page × per_page ≤ 10,000
    "invalid_date",  # from ≤ to
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
