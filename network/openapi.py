"""OpenAPI 3 description of the HSDS API (placeholder while it is written)."""


def openapi_document(*, server_url: str) -> dict:
    return {"openapi": "3.1.0", "info": {"title": "SIL HSDS API", "version": "1.0"}, "paths": {}}
