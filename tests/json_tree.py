"""Reading nested JSON (dicts, lists and values) in tests."""


def json_objects(value):
    """Every dict in `value` and below it, depth first, the outer before the inner."""
    if isinstance(value, dict):
        yield value
        for item in value.values():
            yield from json_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from json_objects(item)
