"""Display values for the human API page, read from the same OpenAPI document the API
serves, so the page can never list an endpoint that does not exist (or miss one that does)."""

from dataclasses import dataclass
from functools import cache

from drf_spectacular.generators import SchemaGenerator

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class EndpointRow:
    method: str
    path: str
    summary: str
    public: bool
    parameters: tuple[str, ...]


@cache
def openapi_document() -> dict:
    # The document depends only on code, so one build per process is enough.
    return SchemaGenerator().get_schema(request=None, public=True)


def api_endpoints() -> list[EndpointRow]:
    rows = []
    for path, operations in openapi_document()["paths"].items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            rows.append(
                EndpointRow(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    # No requirement, or an empty one among the options, means no sign-in.
                    public=not operation.get("security") or {} in operation["security"],
                    parameters=tuple(
                        p["name"] for p in operation.get("parameters", []) if p["in"] == "query"
                    ),
                )
            )
    return rows
