"""The vendored GraphQL schema is Buffer's published copy, and the load step mends exactly its two faults."""

import hashlib

import pytest
from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLObjectType,
    GraphQLSyntaxError,
    build_schema,
    validate_schema,
)

from buffer_profiles_testkit.graphql_schema import (
    LOST_TYPES,
    SCHEMA_FILE,
    SCHEMA_SHA256,
    SnapshotChangedError,
    buffer_schema,
    loadable_sdl,
    vendored_sdl,
)

TITLE_LINES = range(1, 8)  # the free-standing description the snapshot opens with


def test_the_vendored_file_is_the_published_snapshot_byte_for_byte() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256


def test_as_published_it_does_not_build() -> None:
    with pytest.raises(GraphQLSyntaxError, match="Unexpected BlockString") as raised:
        build_schema(vendored_sdl())
    assert raised.value.locations is not None
    assert raised.value.locations[0].line == 9  # the first scalar's description, after the title


def test_the_load_step_changes_the_title_and_the_five_lost_types_and_nothing_else() -> None:
    published = vendored_sdl().split("\n")
    loaded = loadable_sdl(vendored_sdl()).split("\n")

    pairs = enumerate(zip(published, loaded, strict=True), start=1)
    changed = {number: (before, after) for number, (before, after) in pairs if before != after}
    assert [(before, after) for number, (before, after) in changed.items() if number in TITLE_LINES] == [
        (line, f"# {line}".rstrip()) for line in published[: len(TITLE_LINES)]
    ]
    lost = [pair for number, pair in changed.items() if number not in TITLE_LINES]
    assert len(lost) == len(LOST_TYPES) == vendored_sdl().count("Unknown") == 5
    for before, after in lost:
        assert any(after == before.replace("[Unknown!]!", lost_type) for lost_type in LOST_TYPES.values())
    assert "Unknown" not in "\n".join(loaded)


def test_the_built_schema_is_valid_and_has_what_the_client_reads() -> None:
    schema = buffer_schema()

    assert validate_schema(schema) == []
    query = schema.query_type
    assert query is not None
    assert {"account", "channel", "channels"} <= set(query.fields)
    channel = schema.get_type("Channel")
    assert isinstance(channel, GraphQLObjectType)
    assert str(channel.fields["postingSchedule"].type) == "[ScheduleV2!]!"
    day = schema.get_type("DayOfWeek")
    assert isinstance(day, GraphQLEnumType)
    assert list(day.values) == ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for (input_type, field), type_name in LOST_TYPES.items():
        owner = schema.get_type(input_type)
        assert isinstance(owner, GraphQLInputObjectType)
        assert str(owner.fields[field].type) == type_name


def test_no_mutation_sets_posting_schedules() -> None:
    mutation = buffer_schema().mutation_type

    assert mutation is not None
    assert sorted(mutation.fields) == ["createIdea", "createPost", "deletePost", "editPost"]
    assert not [name for name in mutation.fields if "schedul" in name.lower()]


def test_it_is_built_once_per_process() -> None:
    assert buffer_schema() is buffer_schema()


def test_a_snapshot_without_the_title_is_refused_by_name() -> None:
    without_title = vendored_sdl().split('"""\n\n', 1)[1]  # opens with the first scalar's description

    with pytest.raises(SnapshotChangedError, match="the opening description now describes a definition"):
        loadable_sdl(without_title)
    with pytest.raises(SnapshotChangedError, match="no longer opens with a free-standing description"):
        loadable_sdl("scalar AccountId\n")


def test_a_snapshot_whose_lost_type_was_restored_is_refused_by_name() -> None:
    restored = vendored_sdl().replace("  indices: [Unknown!]!", "  indices: [Int!]!")

    with pytest.raises(SnapshotChangedError, match=r"no longer typed Unknown: AnnotationInputFacebook\.indices$"):
        loadable_sdl(restored)


def test_errors_name_the_same_line_in_the_published_file() -> None:
    broken = loadable_sdl(vendored_sdl()).replace("type ScheduleV2 {", "type ScheduleV2 {{", 1)
    line = 1 + vendored_sdl().split("\n").index("type ScheduleV2 {")

    with pytest.raises(GraphQLError) as raised:
        build_schema(broken)
    assert raised.value.locations is not None
    assert raised.value.locations[0].line == line
