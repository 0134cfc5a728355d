"""What the templates need from the spec that openapi-python-client does not hand them.

The generator gives templates its parsed endpoints and models, but drops the operations' ``x-``
extensions, the ``servers`` list and the order of ``enum`` values (it keeps a set). This module
reads them from the spec and writes them as a Jinja template of plain values,
``sdk_layout.jinja``, that the templates import:

- ``default_base_url``: the first entry of ``servers``;
- ``operations``: for each operationId, whether it may be sent again after it may have been acted on
  (``x-idempotent``, else true for GET, HEAD, OPTIONS, PUT and DELETE, as RFC 9110 defines them);
- ``resources``: the client object's resource tree, each resource with its methods (from each
  operation's ``x-sdk-method``, e.g. ``profiles.schedules.update``; without one, the operation's first
  tag and its operationId) and its sub-resources;
- ``enum_orders``: the values of each ``enum`` in the order the spec lists them, keyed by the
  sorted values joined with ``|`` (the generator's own order is alphabetical).
"""

import keyword
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

METHOD_EXTENSION = "x-sdk-method"
IDEMPOTENT_EXTENSION = "x-idempotent"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
# RFC 9110, section 9.2.2.
IDEMPOTENT_METHODS = frozenset({"get", "head", "options", "put", "delete", "trace"})
# Attributes every generated resource has; no method or sub-resource may take these names.
RESERVED_NAMES = frozenset({"with_raw_response"})


class LayoutError(ValueError):
    """The spec asks for a client layout that cannot be generated; the message names the operation."""


@dataclass
class Resource:
    path: tuple[str, ...]
    methods: dict[str, str] = field(default_factory=dict)  # method name -> operationId
    children: dict[str, "Resource"] = field(default_factory=dict)

    @property
    def class_name(self) -> str:
        return "".join(part.title().replace("_", "") for part in self.path)

    def as_template_value(self) -> dict[str, Any]:
        return {
            "class": self.class_name,
            "path": ".".join(self.path),
            "attribute": self.path[-1],
            "methods": [{"name": name, "operation": operation} for name, operation in self.methods.items()],
            "children": [{"attribute": name, "class": child.class_name} for name, child in self.children.items()],
        }


def _operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec.get("paths", {}).items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def _checked_name(name: str, where: str) -> str:
    if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_") or name in RESERVED_NAMES:
        raise LayoutError(f"{where}: {name!r} cannot name a resource or method (a public Python identifier is needed)")
    return name


def _method_path(method: str, path: str, operation: dict[str, Any]) -> tuple[tuple[str, ...], str, str]:
    operation_id = operation.get("operationId")
    where = f"{method.upper()} {path}"
    if not operation_id:
        raise LayoutError(f"{where}: an operation needs an operationId to get a client method")
    given = operation.get(METHOD_EXTENSION)
    if given is None:
        tags = operation.get("tags") or ["default"]
        parts = [str(tags[0]), str(operation_id)]
    else:
        parts = str(given).split(".")
        if len(parts) < 2:
            raise LayoutError(
                f"{where}: {METHOD_EXTENSION} {given!r} needs a resource and a method, e.g. 'profiles.list'"
            )
    names = tuple(_checked_name(part, f"{where} ({operation_id})") for part in parts)
    return names[:-1], names[-1], str(operation_id)


def resource_tree(spec: dict[str, Any]) -> dict[str, Resource]:
    """The top-level resources, each holding its methods and sub-resources."""
    roots: dict[str, Resource] = {}
    for path, method, operation in _operations(spec):
        resource_path, method_name, operation_id = _method_path(method, path, operation)
        level, resource = roots, None
        for depth in range(len(resource_path)):
            name = resource_path[depth]
            resource = level.setdefault(name, Resource(resource_path[: depth + 1]))
            level = resource.children
        assert resource is not None
        if method_name in resource.methods or method_name in resource.children:
            raise LayoutError(f"{'.'.join(resource_path)}.{method_name} is named by two operations")
        resource.methods[method_name] = operation_id
    for resource in _walk(roots):
        clash = resource.methods.keys() & resource.children.keys()
        if clash:
            raise LayoutError(f"{'.'.join(resource.path)}.{min(clash)} names both a method and a resource")
    return roots


def _walk(level: dict[str, Resource]) -> Iterator[Resource]:
    """Every resource, each before its sub-resources."""
    for resource in level.values():
        yield resource
        yield from _walk(resource.children)


def _enums(node: Any) -> Iterator[list[Any]]:
    if isinstance(node, dict):
        if isinstance(node.get("enum"), list):
            yield node["enum"]
        for value in node.values():
            yield from _enums(value)
    elif isinstance(node, list):
        for value in node:
            yield from _enums(value)


def layout(spec: dict[str, Any]) -> dict[str, Any]:
    """The values ``sdk_layout.jinja`` sets, by name."""
    roots = resource_tree(spec)
    servers = spec.get("servers") or [{"url": "/"}]
    return {
        "default_base_url": str(servers[0]["url"]),
        "operations": {
            str(operation["operationId"]): {
                "idempotent": bool(operation.get(IDEMPOTENT_EXTENSION, method in IDEMPOTENT_METHODS)),
            }
            for _, method, operation in _operations(spec)
        },
        "resources": [resource.as_template_value() for resource in _walk(roots)],
        "roots": [{"attribute": name, "class": resource.class_name} for name, resource in roots.items()],
        "enum_orders": {
            "|".join(sorted(str(value) for value in values)): [str(value) for value in values]
            for values in _enums(spec)
            if all(isinstance(value, str) for value in values)
        },
    }


def write_template(spec: dict[str, Any], templates: Path) -> None:
    """Write ``sdk_layout.jinja`` for the OpenAPI document ``spec`` into the template folder ``templates``."""
    # Python literals of str, bool, list and dict are Jinja literals too.
    lines = [f"{{% set {name} = {value!r} %}}" for name, value in layout(spec).items()]
    (templates / "sdk_layout.jinja").write_text("\n".join(lines) + "\n", encoding="utf-8")
