"""Classify the differences between two OpenAPI 3.1 documents, as their users feel them.

A schema is read in the direction its data travels. In a request, what the API stops accepting
(a narrower type, a new required field, a tighter pattern or bound, fewer enum values) breaks
callers, while accepting more does not. In a response it is the other way round: what the API may
now send (a field that may be missing or null, a new enum value) breaks readers, while sending less
variety does not. Added fields are the exception: a new response field or a new optional request
field breaks nobody. Descriptions, examples, summaries and ``x-`` extensions are annotations.
Marking something ``deprecated`` changes no behaviour either, but SemVer 2.0.0 (item 7) asks for a
minor release when public API is deprecated, so that is non-breaking, as is withdrawing it.

Where a change cannot be ordered (a pattern or format replaced by another), it counts as breaking:
this check errs towards asking for a major release rather than missing one.
"""

import enum
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from changes.model import Change, Level

Document = Mapping[str, Any]

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# Keywords that only document: a change to them is an annotation wherever it is.
ANNOTATION_KEYWORDS = frozenset(
    {
        "description",
        "summary",
        "title",
        "example",
        "examples",
        "externalDocs",
        "$comment",
        "tags",
        "links",
        "servers",
        "contact",
        "license",
        "termsOfService",
        "externalValue",
    }
)
# Marks what users should move off: no behaviour changes, but the release is a minor one (see above).
DEPRECATION_KEYWORD = "deprecated"
# Keywords that change no behaviour: compared as documentation only, wherever they are.
DOCUMENTING_KEYWORDS = ANNOTATION_KEYWORDS | {DEPRECATION_KEYWORD}
# Maps whose keys are names chosen by the author, never keywords (a property may be called "description").
NAME_MAPS = frozenset(
    {
        "paths",
        "properties",
        "patternProperties",
        "$defs",
        "schemas",
        "responses",
        "parameters",
        "requestBodies",
        "headers",
        "content",
        "securitySchemes",
        "encoding",
        "variables",
        "mapping",
        "callbacks",
        "webhooks",
        "pathItems",
    }
)
LOWER_BOUNDS = ("minimum", "exclusiveMinimum", "minLength", "minItems", "minProperties", "minContains")
UPPER_BOUNDS = ("maximum", "exclusiveMaximum", "maxLength", "maxItems", "maxProperties", "maxContains")
# Keywords compared by hand below, or whose change is judged elsewhere.
HANDLED_SCHEMA_KEYWORDS = frozenset(
    {
        "$ref",
        "type",
        "nullable",
        "enum",
        "const",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "prefixItems",
        "allOf",
        "anyOf",
        "oneOf",
        "uniqueItems",
        "pattern",
        "format",
        "default",
        "readOnly",
        "writeOnly",
        *LOWER_BOUNDS,
        *UPPER_BOUNDS,
    }
)


class Direction(enum.Enum):
    REQUEST = "requests"
    RESPONSE = "responses"

    @property
    def narrowing(self) -> Level:
        """The level of accepting or sending less than before."""
        return Level.BREAKING if self is Direction.REQUEST else Level.NON_BREAKING

    @property
    def widening(self) -> Level:
        """The level of accepting or sending more than before."""
        return Level.NON_BREAKING if self is Direction.REQUEST else Level.BREAKING


def readable_path(parts: tuple[str | int, ...]) -> str:
    """``paths["/profiles.json"].get.description`` rather than an escaped JSON pointer."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_$][\w$-]*", part):
            text += f".{part}" if text else part
        else:
            text += f"[{json.dumps(part)}]"
    return text or "(document)"


def _listed(values: Iterable[str]) -> str:
    return f"[{', '.join(sorted(values))}]"


def _show(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _resolve(document: Document, node: Any) -> tuple[Any, str | None]:
    """Follow local ``$ref``s; return the target and the last reference followed."""
    reference = None
    for _ in range(32):
        if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and node["$ref"].startswith("#/")):
            break
        reference = node["$ref"]
        target: Any = document
        for token in reference[2:].split("/"):
            target = target[token.replace("~1", "/").replace("~0", "~")]
        node = target
    return node, reference


@dataclass
class _Comparison:
    old: Document
    new: Document
    found: set[Change] = field(default_factory=set)
    seen: set[tuple[str, str, Direction]] = field(default_factory=set)

    def add(self, level: Level, where: str, what: str) -> None:
        self.found.add(Change(level, where, what))

    # --- schemas -------------------------------------------------------------------------------

    def schema(self, old_raw: Any, new_raw: Any, where: str, direction: Direction) -> None:
        old, old_ref = _resolve(self.old, old_raw)
        new, new_ref = _resolve(self.new, new_raw)
        old_inner, new_inner = _nullable_of(old), _nullable_of(new)
        if old_inner is not None or new_inner is not None:
            # `anyOf: [X, {type: "null"}]` is X made nullable: compare X with X, and say what null does.
            if old_inner is None:
                self.add(direction.widening, where, f"type widened: may now be null in {direction.value}")
            elif new_inner is None:
                self.add(direction.narrowing, where, f"type narrowed: no longer null in {direction.value}")
            inner_old = old_raw if old_inner is None else old_inner
            inner_new = new_raw if new_inner is None else new_inner
            self.schema(inner_old, inner_new, where, direction)
            return
        if old_ref or new_ref:
            where = (new_ref or old_ref or "").removeprefix("#/").replace("/", ".")
            visit = (old_ref or "", new_ref or "", direction)
            if visit in self.seen:
                return
            self.seen.add(visit)
        if old is True or new is True or old is False or new is False:
            if old != new:
                level = direction.widening if new is True or old is False else direction.narrowing
                self.add(level, where, f"schema changed from {_show(old)} to {_show(new)} in {direction.value}")
            return
        if not isinstance(old, Mapping) or not isinstance(new, Mapping):
            return
        self._types(old, new, where, direction)
        self._values(old, new, where, direction)
        self._bounds(old, new, where, direction)
        self._objects(old, new, where, direction)
        self._arrays(old, new, where, direction)
        self._compositions(old, new, where, direction)
        self._unhandled(old, new, where, direction)

    def _types(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        def types(schema: Mapping[str, Any]) -> set[str] | None:
            if "type" not in schema:
                return None
            declared = schema["type"]
            found = set(declared) if isinstance(declared, list) else {declared}
            return found | {"null"} if schema.get("nullable") is True else found

        before, after = types(old), types(new)
        if before == after:
            return
        if before is None or after is None:
            level = direction.narrowing if before is None else direction.widening
            self.add(level, where, f"type changed from {_listed(before or ['any'])} to {_listed(after or ['any'])}")
            return
        if after - before:
            reason = "may now be null" if after - before == {"null"} else f"now also {_listed(after - before)}"
            self.add(direction.widening, where, f"type widened: {reason} in {direction.value}")
        if before - after:
            self.add(
                direction.narrowing, where, f"type narrowed: no longer {_listed(before - after)} in {direction.value}"
            )

    def _values(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        def allowed(schema: Mapping[str, Any]) -> set[str] | None:
            if "const" in schema:
                return {_show(schema["const"])}
            if "enum" in schema:
                return {_show(value) for value in schema["enum"]}
            return None

        before, after = allowed(old), allowed(new)
        if before != after:
            if before is None or after is None:
                level = direction.narrowing if before is None else direction.widening
                limit = "now limited to" if before is None else "no longer limited to"
                self.add(level, where, f"values {limit} {_listed(after or before or set())} in {direction.value}")
            else:
                if after - before:
                    self.add(direction.widening, where, f"values added {_listed(after - before)} in {direction.value}")
                if before - after:
                    self.add(
                        direction.narrowing, where, f"values removed {_listed(before - after)} in {direction.value}"
                    )
        for keyword in ("pattern", "format"):
            if old.get(keyword) != new.get(keyword):
                if keyword not in old:
                    level = direction.narrowing
                elif keyword not in new:
                    level = direction.widening
                else:  # neither order is known: assume the worse one
                    level = Level.BREAKING
                self.add(
                    level,
                    where,
                    f"{keyword} {_show(old.get(keyword))} -> {_show(new.get(keyword))} in {direction.value}",
                )
        if old.get("default") != new.get("default"):
            # A request default is what the server assumes when the field is left out.
            level = Level.BREAKING if direction is Direction.REQUEST else Level.ANNOTATION
            self.add(level, where, f"default {_show(old.get('default'))} -> {_show(new.get('default'))}")

    def _bounds(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        for keyword in (*LOWER_BOUNDS, *UPPER_BOUNDS):
            before, after = old.get(keyword), new.get(keyword)
            if before == after or isinstance(before, bool) or isinstance(after, bool):
                continue  # booleans are OpenAPI 3.0's exclusiveMinimum/Maximum flags
            lower = keyword in LOWER_BOUNDS
            if before is None or after is None:
                tighter = before is None
            elif lower:
                tighter = after > before
            else:
                tighter = after < before
            level = direction.narrowing if tighter else direction.widening
            self.add(level, where, f"{keyword} {_show(before)} -> {_show(after)} in {direction.value}")
        if bool(old.get("uniqueItems")) != bool(new.get("uniqueItems")):
            level = direction.narrowing if new.get("uniqueItems") else direction.widening
            self.add(level, where, f"uniqueItems {_show(old.get('uniqueItems'))} -> {_show(new.get('uniqueItems'))}")

    def _objects(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        old_properties: Mapping[str, Any] = old.get("properties", {})
        new_properties: Mapping[str, Any] = new.get("properties", {})
        old_required, new_required = set(old.get("required", [])), set(new.get("required", []))
        for name in sorted(old_properties.keys() - new_properties.keys()):
            self.add(Level.BREAKING, f"{where}.{name}", f"field removed (was sent in {direction.value})")
        for name in sorted(new_properties.keys() - old_properties.keys()):
            required = name in new_required and direction is Direction.REQUEST
            level = Level.BREAKING if required else Level.NON_BREAKING
            self.add(
                level, f"{where}.{name}", f"{'required' if required else 'optional'} field added in {direction.value}"
            )
        for name in sorted(old_properties.keys() & new_properties.keys()):
            self.schema(old_properties[name], new_properties[name], f"{where}.{name}", direction)
            if name in new_required and name not in old_required:
                self.add(direction.narrowing, f"{where}.{name}", f"field now required in {direction.value}")
            if name in old_required and name not in new_required:
                self.add(direction.widening, f"{where}.{name}", f"field now optional in {direction.value}")
        old_extra, new_extra = old.get("additionalProperties"), new.get("additionalProperties")
        if isinstance(old_extra, Mapping) and isinstance(new_extra, Mapping):
            self.schema(old_extra, new_extra, f"{where}.additionalProperties", direction)
        elif old_extra != new_extra:
            closed = new_extra is False or (isinstance(new_extra, Mapping) and old_extra in (None, True))
            level = direction.narrowing if closed else direction.widening
            self.add(level, where, f"additionalProperties {_show(old_extra)} -> {_show(new_extra)}")

    def _arrays(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        if "items" in old and "items" in new:
            self.schema(old["items"], new["items"], f"{where}[]", direction)
        elif ("items" in old) != ("items" in new):
            level = direction.narrowing if "items" in new else direction.widening
            self.add(level, where, f"items {'added' if 'items' in new else 'removed'}")
        for index, (before, after) in enumerate(
            zip(old.get("prefixItems", []), new.get("prefixItems", []), strict=False)
        ):
            self.schema(before, after, f"{where}[{index}]", direction)
        if len(old.get("prefixItems", [])) != len(new.get("prefixItems", [])):
            self.add(Level.BREAKING, where, "prefixItems changed length")

    def _compositions(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        for keyword in ("allOf", "anyOf", "oneOf"):
            before: list[Any] = old.get(keyword, [])
            after: list[Any] = new.get(keyword, [])
            for index, (left, right) in enumerate(zip(before, after, strict=False)):
                self.schema(left, right, f"{where}.{keyword}[{index}]", direction)
            if len(before) == len(after):
                continue
            # More alternatives accept more; more allOf parts accept less.
            more = len(after) > len(before)
            wider = more if keyword != "allOf" else not more
            level = direction.widening if wider else direction.narrowing
            self.add(level, where, f"{keyword} went from {len(before)} to {len(after)} schemas in {direction.value}")

    def _unhandled(self, old: Mapping[str, Any], new: Mapping[str, Any], where: str, direction: Direction) -> None:
        for keyword in sorted((old.keys() | new.keys()) - HANDLED_SCHEMA_KEYWORDS - DOCUMENTING_KEYWORDS):
            if keyword.startswith("x-") or old.get(keyword) == new.get(keyword):
                continue
            self.add(Level.BREAKING, where, f"{keyword} changed (not classified, so assumed breaking)")

    # --- operations ----------------------------------------------------------------------------

    def document(self) -> None:
        old_operations, new_operations = dict(_operations(self.old)), dict(_operations(self.new))
        for key in sorted(old_operations.keys() - new_operations.keys()):
            self.add(Level.BREAKING, _name(key), "operation removed")
        for key in sorted(new_operations.keys() - old_operations.keys()):
            self.add(Level.NON_BREAKING, _name(key), "operation added")
        for key in sorted(old_operations.keys() & new_operations.keys()):
            self._operation(_name(key), old_operations[key], new_operations[key])
        self._security_schemes()

    def _operation(self, where: str, old: "_Operation", new: "_Operation") -> None:
        old_id, new_id = old.body.get("operationId"), new.body.get("operationId")
        if old_id != new_id:
            self.add(Level.BREAKING, where, f"operationId {old_id} -> {new_id} (the client's function is renamed)")
        self._parameters(where, old, new)
        self._request_body(where, old.body.get("requestBody"), new.body.get("requestBody"))
        self._responses(where, old.body.get("responses", {}), new.body.get("responses", {}))
        self._security(where, old, new)

    def _parameters(self, where: str, old: "_Operation", new: "_Operation") -> None:
        before, after = old.parameters(self.old), new.parameters(self.new)
        for key in sorted(before.keys() - after.keys()):
            self.add(Level.BREAKING, f"{where} {key[0]} parameter {key[1]}", "parameter removed")
        for key in sorted(after.keys() - before.keys()):
            required = bool(after[key].get("required"))
            level = Level.BREAKING if required else Level.NON_BREAKING
            self.add(
                level,
                f"{where} {key[0]} parameter {key[1]}",
                f"{'required' if required else 'optional'} parameter added",
            )
        for key in sorted(before.keys() & after.keys()):
            place = f"{where} {key[0]} parameter {key[1]}"
            if after[key].get("required") and not before[key].get("required"):
                self.add(Level.BREAKING, place, "parameter now required")
            if before[key].get("required") and not after[key].get("required"):
                self.add(Level.NON_BREAKING, place, "parameter now optional")
            for keyword in ("style", "explode", "allowReserved", "allowEmptyValue"):
                if before[key].get(keyword) != after[key].get(keyword):
                    self.add(
                        Level.BREAKING, place, f"{keyword} {before[key].get(keyword)} -> {after[key].get(keyword)}"
                    )
            self.schema(before[key].get("schema", {}), after[key].get("schema", {}), place, Direction.REQUEST)

    def _request_body(self, where: str, old_raw: Any, new_raw: Any) -> None:
        old, _ = _resolve(self.old, old_raw)
        new, _ = _resolve(self.new, new_raw)
        place = f"{where} request body"
        if old is None or new is None:
            if old is not None:
                self.add(Level.BREAKING, place, "request body removed")
            elif new is not None:
                required = bool(new.get("required"))
                self.add(Level.BREAKING if required else Level.NON_BREAKING, place, "request body added")
            return
        if new.get("required") and not old.get("required"):
            self.add(Level.BREAKING, place, "request body now required")
        if old.get("required") and not new.get("required"):
            self.add(Level.NON_BREAKING, place, "request body now optional")
        self._content(place, old.get("content", {}), new.get("content", {}), Direction.REQUEST, success=True)

    def _content(
        self,
        where: str,
        old: Mapping[str, Any],
        new: Mapping[str, Any],
        direction: Direction,
        *,
        success: bool,
    ) -> None:
        # Fewer request types or other success types break callers; error bodies are an open set.
        removed_level = Level.BREAKING if direction is Direction.REQUEST or success else Level.NON_BREAKING
        added_level = Level.BREAKING if direction is Direction.RESPONSE and success else Level.NON_BREAKING
        for media_type in sorted(old.keys() - new.keys()):
            self.add(removed_level, f"{where} {media_type}", "media type removed")
        for media_type in sorted(new.keys() - old.keys()):
            self.add(added_level, f"{where} {media_type}", "media type added")
        for media_type in sorted(old.keys() & new.keys()):
            place = f"{where} {media_type}"
            before, after = old[media_type], new[media_type]
            if _without_annotations(before.get("encoding")) != _without_annotations(after.get("encoding")):
                self.add(Level.BREAKING, place, "encoding changed (the wire format of the body)")
            self.schema(before.get("schema", {}), after.get("schema", {}), place, direction)

    def _responses(self, where: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> None:
        for status in sorted(old.keys() - new.keys()):
            success = str(status).startswith("2")
            level = Level.BREAKING if success else Level.NON_BREAKING
            self.add(level, f"{where} response {status}", "status removed")
        for status in sorted(new.keys() - old.keys()):
            # A client meets a success status it does not know how to read.
            success = str(status).startswith("2")
            level = Level.BREAKING if success else Level.NON_BREAKING
            self.add(level, f"{where} response {status}", "status added")
        for status in sorted(old.keys() & new.keys()):
            before, _ = _resolve(self.old, old[status])
            after, _ = _resolve(self.new, new[status])
            place = f"{where} response {status}"
            success = str(status).startswith("2")
            self._content(
                place, before.get("content", {}), after.get("content", {}), Direction.RESPONSE, success=success
            )
            old_headers, new_headers = before.get("headers", {}), after.get("headers", {})
            for name in sorted(old_headers.keys() - new_headers.keys()):
                self.add(Level.BREAKING if success else Level.NON_BREAKING, f"{place} header {name}", "header removed")
            for name in sorted(new_headers.keys() - old_headers.keys()):
                self.add(Level.NON_BREAKING, f"{place} header {name}", "header added")
            for name in sorted(old_headers.keys() & new_headers.keys()):
                old_header, _ = _resolve(self.old, old_headers[name])
                new_header, _ = _resolve(self.new, new_headers[name])
                self.schema(
                    old_header.get("schema", {}),
                    new_header.get("schema", {}),
                    f"{place} header {name}",
                    Direction.RESPONSE,
                )

    def _security(self, where: str, old: "_Operation", new: "_Operation") -> None:
        before, after = old.security(self.old), new.security(self.new)
        for alternative in sorted(before - after, key=sorted):
            self.add(Level.BREAKING, f"{where} security", f"no longer accepts {_alternative(alternative)}")
        for alternative in sorted(after - before, key=sorted):
            self.add(Level.NON_BREAKING, f"{where} security", f"now also accepts {_alternative(alternative)}")

    def _security_schemes(self) -> None:
        old = self.old.get("components", {}).get("securitySchemes", {})
        new = self.new.get("components", {}).get("securitySchemes", {})
        for name in sorted(old.keys() - new.keys()):
            self.add(Level.BREAKING, f"securitySchemes.{name}", "security scheme removed")
        for name in sorted(new.keys() - old.keys()):
            self.add(Level.NON_BREAKING, f"securitySchemes.{name}", "security scheme added")
        for name in sorted(old.keys() & new.keys()):
            if _without_annotations(old[name]) != _without_annotations(new[name]):
                self.add(Level.BREAKING, f"securitySchemes.{name}", "security scheme changed (how the token travels)")


@dataclass(frozen=True)
class _Operation:
    body: Mapping[str, Any]
    path_item: Mapping[str, Any]

    def parameters(self, document: Document) -> dict[tuple[str, str], Mapping[str, Any]]:
        found: dict[tuple[str, str], Mapping[str, Any]] = {}
        for raw in [*self.path_item.get("parameters", []), *self.body.get("parameters", [])]:
            parameter, _ = _resolve(document, raw)
            found[(parameter["in"], parameter["name"])] = parameter
        return found

    def security(self, document: Document) -> set[frozenset[str]]:
        requirements = self.body.get("security", document.get("security", []))
        return {frozenset(requirement) for requirement in requirements} or {frozenset()}


def _operations(document: Document) -> Iterator[tuple[tuple[str, str], _Operation]]:
    for path, raw_item in document.get("paths", {}).items():
        item, _ = _resolve(document, raw_item)
        for method in METHODS:
            if method in item:
                yield (path, method), _Operation(item[method], item)


def _name(key: tuple[str, str]) -> str:
    return f"{key[1].upper()} {key[0]}"


def _alternative(names: frozenset[str]) -> str:
    return " + ".join(sorted(names)) if names else "anonymous requests"


def _nullable_of(schema: Any) -> Any:
    """The X of a schema that only says ``anyOf`` (or ``oneOf``) ``[X, {type: "null"}]``, else ``None``."""
    if not isinstance(schema, Mapping):
        return None
    for keyword in ("anyOf", "oneOf"):
        alternatives = schema.get(keyword)
        if not isinstance(alternatives, list) or len(alternatives) != 2:
            continue
        others = [a for a in alternatives if _without_annotations(a) != {"type": "null"}]
        rest = {key for key in _without_annotations(schema) if key != keyword}
        if len(others) == 1 and not rest:
            return others[0]
    return None


def _without_annotations(node: Any) -> Any:
    if isinstance(node, Mapping):
        return {
            key: _without_annotations(value)
            for key, value in node.items()
            if key not in DOCUMENTING_KEYWORDS and not key.startswith("x-")
        }
    if isinstance(node, list):
        return [_without_annotations(value) for value in node]
    return node


def _documentation_changes(old: Any, new: Any, parts: tuple[str | int, ...], names: bool) -> Iterator[Change]:
    """Annotations and deprecations, found on the documents as written (before references are followed)."""
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in sorted(old.keys() | new.keys()):
            here = (*parts, key)
            if here == ("info", "version"):
                continue  # the version is the verdict's business, not a change
            documentary = not names and (key in DOCUMENTING_KEYWORDS or key.startswith("x-"))
            if documentary and old.get(key) != new.get(key):
                if key == DEPRECATION_KEYWORD and bool(old.get(key)) != bool(new.get(key)):
                    what = "deprecated" if new.get(key) else "no longer deprecated"
                    yield Change(Level.NON_BREAKING, _deprecated_thing(parts), what)
                    continue
                state = "added" if key not in old else "removed" if key not in new else "changed"
                yield Change(Level.ANNOTATION, readable_path(here), state)
            elif not documentary and key in old and key in new:
                yield from _documentation_changes(old[key], new[key], here, names=not names and key in NAME_MAPS)
    elif isinstance(old, list) and isinstance(new, list):
        for index, (left, right) in enumerate(zip(old, new, strict=False)):
            yield from _documentation_changes(left, right, (*parts, index), names=False)


def _deprecated_thing(parts: tuple[str | int, ...]) -> str:
    """An operation by its method and path, like the operation changes; anything else by its place."""
    if len(parts) == 3 and parts[0] == "paths" and parts[2] in METHODS:
        return _name((str(parts[1]), str(parts[2])))
    return readable_path(parts)


def compare_specs(old: Document, new: Document) -> list[Change]:
    """Every classified difference from ``old`` to ``new``, most severe first."""
    comparison = _Comparison(old, new)
    comparison.document()
    comparison.found.update(_documentation_changes(old, new, (), names=False))
    return sorted(comparison.found, key=lambda change: (-change.level, change.where, change.what))
