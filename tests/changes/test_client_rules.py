"""The client-side rules on small packages: what griffe finds, and what is added to it here."""

from collections.abc import Mapping

import griffe

from changes.client_diff import compare_clients, with_attrs_constructors
from changes.model import Change, Level

MODEL = '''
from attrs import define as _attrs_define
from .types import UNSET, Unset


@_attrs_define
class Thing:
    """A thing."""

    name: str
    """Its name."""
    note: str | Unset = UNSET
'''
OPERATION = '''
from .thing import Thing


def sync(*, client: object) -> Thing | None:
    """Get a thing."""
'''


def compare(old: Mapping[str, str], new: Mapping[str, str]) -> list[Change]:
    with (
        griffe.temporary_visited_package("pkg", old) as before,
        griffe.temporary_visited_package("pkg", new) as after,
    ):
        return compare_clients(with_attrs_constructors(before), with_attrs_constructors(after))


def package(model: str = MODEL, operation: str = OPERATION) -> dict[str, str]:
    return {"thing.py": model, "get_thing.py": operation, "types.py": "UNSET = object()\nUnset = type(UNSET)\n"}


def lines(changes: list[Change]) -> list[str]:
    return [change.line() for change in changes]


def test_same_package_has_no_changes() -> None:
    assert compare(package(), package()) == []


def test_return_type_change_is_breaking() -> None:
    changes = compare(package(), package(operation=OPERATION.replace("-> Thing | None", "-> Thing")))
    assert lines(changes) == ["[breaking] get_thing.sync: return type changed: Thing | None -> Thing"]


def test_optional_model_field_made_required_breaks_the_constructor() -> None:
    changes = compare(package(), package(model=MODEL.replace("note: str | Unset = UNSET", "note: str")))
    assert "[breaking] thing.Thing.__init__: parameter is now required: note" in lines(changes)
    assert "[breaking] thing.Thing.note: type changed: str | Unset -> str" in lines(changes)


def test_new_optional_field_and_new_module_are_additions() -> None:
    model = MODEL + "    extra: int | Unset = UNSET\n"
    changes = compare(package(), {**package(model=model), "list_things.py": "def sync() -> None: ...\n"})
    assert lines(changes) == [
        "[non-breaking] list_things: module added",
        "[non-breaking] thing.Thing.__init__: optional parameter extra added",
        "[non-breaking] thing.Thing.extra: attribute added",
    ]
    assert all(change.level is Level.NON_BREAKING for change in changes)


def test_docstring_change_is_an_annotation() -> None:
    changes = compare(package(), package(operation=OPERATION.replace("Get a thing.", "Read one thing.")))
    assert lines(changes) == ["[annotation] get_thing.sync: docstring changed"]
