"""Which column of a file goes into which field: suggestions from the headers.

Lists arrive with their own column names ("Ragione sociale", "P.IVA", "Prov."...).
Each resource declares the usual names of its fields; a header is compared after
``header_key`` (case, accents, spaces and punctuation ignored), so "P. IVA", "p.iva"
and "PIVA" are the same. A saved preset wins over the built-in names.
"""

from network.municipalities import normalise


def header_key(text: str) -> str:
    return normalise(text or "")


def suggest_mapping(resource: str, headers: list[str], preset: dict[str, str] | None = None) -> dict[int, str]:
    """Column index → field name; each field is suggested for one column at most (the first)."""
    from imports.resources import RESOURCES

    resource_class = RESOURCES[resource]
    known = dict(resource_class.targets())
    index = resource_class.alias_index()
    mapping: dict[int, str] = {}
    used: set[str] = set()
    for position, header in enumerate(headers):
        key = header_key(header)
        if not key:
            continue
        name = (preset or {}).get(key) or index.get(key)
        if name and name in known and name not in used:
            mapping[position] = name
            used.add(name)
    return mapping
