"""Classify the differences between two generated clients' public Python APIs, with griffe.

griffe's breaking-change check (``griffe.find_breaking_changes``) finds removed objects and changed
signatures. Three things it does not see are added here, on griffe's own object model:

- attrs model classes have no ``__init__`` in their source (``@define`` writes it at import time),
  so one is built from their fields, as ``attrs`` does, and griffe then compares constructors like
  any other function: a field removed, made required or moved is a changed signature;
- griffe leaves annotations of attributes and return values uncompared; here any change of one
  counts as breaking (``Profile.default: bool`` becoming ``bool | Unset`` breaks every reader);
- additions (non-breaking, a minor release) and docstring changes (annotations, a patch).
"""

from collections.abc import Iterator
from pathlib import Path

import griffe

from changes.model import Change, Level

PACKAGE = "buffer_profiles_client"
ATTRS_DECORATORS = frozenset({"_attrs_define", "define", "attrs.define", "attr.s", "attrs.frozen"})


def load_client(project: Path) -> griffe.Module:
    """The generated package under ``project``, read statically (never imported)."""
    package = griffe.load(PACKAGE, search_paths=[project], allow_inspection=False, try_relative_path=False)
    assert isinstance(package, griffe.Module)
    return with_attrs_constructors(package)


def with_attrs_constructors(package: griffe.Module) -> griffe.Module:
    """``package`` with an ``__init__`` on each attrs class, as attrs would write it."""
    for model in _attrs_classes(package):
        _add_attrs_init(model)
    return package


def _walk(obj: griffe.Object) -> Iterator[griffe.Object]:
    """Every public object defined in ``obj`` (imports are not definitions)."""
    for name, member in obj.members.items():
        if member.is_alias or (name.startswith("_") and not (name.startswith("__") and name.endswith("__"))):
            continue
        assert isinstance(member, griffe.Object)
        yield member
        yield from _walk(member)


def _attrs_classes(package: griffe.Module) -> Iterator[griffe.Class]:
    for obj in _walk(package):
        if isinstance(obj, griffe.Class) and any(str(d.value) in ATTRS_DECORATORS for d in obj.decorators):
            yield obj


def _add_attrs_init(model: griffe.Class) -> None:
    parameters = [griffe.Parameter("self", kind=griffe.ParameterKind.positional_or_keyword)]
    for name, member in model.members.items():
        if not isinstance(member, griffe.Attribute) or member.annotation is None or "property" in member.labels:
            continue
        value = None if member.value is None else str(member.value)
        if value is not None and "init=False" in value.replace(" ", ""):
            continue
        parameters.append(
            griffe.Parameter(
                name, annotation=member.annotation, kind=griffe.ParameterKind.positional_or_keyword, default=value
            )
        )
    if "__init__" not in model.members:
        model.set_member("__init__", griffe.Function("__init__", parameters=griffe.Parameters(*parameters)))


def _describe(breakage: griffe.Breakage) -> str:
    parameter = next((v for v in (breakage.old_value, breakage.new_value) if isinstance(v, griffe.Parameter)), None)
    if parameter is not None:
        return f"{breakage.kind.value.lower()}: {parameter.name}"
    old, new = breakage._format_old_value(colors=False), breakage._format_new_value(colors=False)
    return f"{breakage.kind.value.lower()}{f': {old} -> {new}' if old or new else ''}"


def _where(obj: griffe.Object, package: griffe.Module) -> str:
    return obj.path.removeprefix(f"{package.path}.")


def _surface(package: griffe.Module) -> dict[str, griffe.Object]:
    return {_where(obj, package): obj for obj in _walk(package)}


def _signature_parameters(obj: griffe.Object) -> dict[str, griffe.Parameter]:
    return {p.name: p for p in obj.parameters} if isinstance(obj, griffe.Function) else {}


def compare_clients(old: griffe.Module, new: griffe.Module) -> list[Change]:
    """Every difference of the public API from ``old`` to ``new``, most severe first."""
    found: set[Change] = set()
    moved: dict[str, list[str]] = {}
    for breakage in griffe.find_breaking_changes(old, new):
        where = breakage.obj.path.removeprefix(f"{new.path}.").removeprefix(f"{old.path}.")
        if isinstance(breakage, griffe.ParameterMovedBreakage):
            moved.setdefault(where, []).append(breakage.new_value.name)
        else:
            found.add(Change(Level.BREAKING, where, _describe(breakage)))
    for where, names in moved.items():
        found.add(Change(Level.BREAKING, where, f"positional parameters moved: {', '.join(sorted(names))}"))
    before, after = _surface(old), _surface(new)
    added = after.keys() - before.keys()
    for where in sorted(added):
        if where.rpartition(".")[0] not in added:  # a new module's functions come with it
            found.add(Change(Level.NON_BREAKING, where, f"{after[where].kind.value} added"))
    for where in sorted(before.keys() & after.keys()):
        found.update(_changed(where, before[where], after[where]))
    return sorted(found, key=lambda change: (-change.level, change.where, change.what))


def _changed(where: str, old: griffe.Object, new: griffe.Object) -> Iterator[Change]:
    if isinstance(old, griffe.Attribute) and isinstance(new, griffe.Attribute) and old.annotation != new.annotation:
        yield Change(Level.BREAKING, where, f"type changed: {old.annotation} -> {new.annotation}")
    if isinstance(old, griffe.Function) and isinstance(new, griffe.Function):
        if old.returns is not None and str(old.returns) != str(new.returns):
            yield Change(Level.BREAKING, where, f"return type changed: {old.returns} -> {new.returns}")
        old_parameters, new_parameters = _signature_parameters(old), _signature_parameters(new)
        for name in sorted(new_parameters.keys() - old_parameters.keys()):
            if not new_parameters[name].required:
                yield Change(Level.NON_BREAKING, where, f"optional parameter {name} added")
        # Constructors built from attrs fields repeat the fields' own type changes.
        shared = new_parameters.keys() & old_parameters.keys() if new.lineno is not None else set()
        for name in sorted(shared):
            before, after = old_parameters[name].annotation, new_parameters[name].annotation
            if str(before) != str(after):
                # A parameter type cannot be ordered from its text: a changed one may refuse old arguments.
                yield Change(Level.BREAKING, where, f"parameter {name} type changed: {before} -> {after}")
    old_doc = old.docstring.value if old.docstring else ""
    new_doc = new.docstring.value if new.docstring else ""
    if old_doc != new_doc:
        yield Change(Level.ANNOTATION, where, "docstring changed")
