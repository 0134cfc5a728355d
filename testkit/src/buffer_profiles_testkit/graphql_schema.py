"""Buffer's GraphQL schema, as Buffer's API published it by introspection, loaded with graphql-core.

``buffer-schema.graphql`` beside this module is a byte-for-byte copy of the public snapshot
``graphql/buffer-schema.graphql`` in the repository github.com/api-evangelist/buffer, commit
175503f6c134b9048aafe75fcf45ebf67e15397f of 2026-06-14 (SHA-256 below). It is kept unchanged, so
that its hash proves where it came from; the client's tests validate every query the client sends
against it, and the test kit's GraphQL stand-in is built over it.

The copy does not build as it is, for two faults of its rendering. ``loadable_sdl`` mends exactly
these, on the text, keeping every line where it is (a GraphQL error names the same line in both):

1. It opens with a block string that describes nothing (the snapshot's own title: "Buffer GraphQL
   API Schema / Introspected from https://api.buffer.com/graphql ..."), followed by the description
   of the first scalar. GraphQL allows a description only before a definition, so graphql-core
   stops at the second one. Its lines become ``#`` comments.
2. Five fields of input types name a type ``Unknown``, which the schema does not define: the
   rendering lost their types. Each gets the type Buffer's own API reference
   (https://developers.buffer.com/reference.html, fetched 2026-08-13 and kept in the same
   repository as ``graphql/buffer-api-reference.md``) gives it, as ``LOST_TYPES`` lists. They
   are inputs of post mutations and filters, which nothing in this project sends.

Anything else in the file is left as Buffer published it. When a newer snapshot no longer has one of
these faults, ``loadable_sdl`` says so instead of guessing.
"""

from functools import cache
from pathlib import Path

from graphql import (
    GraphQLSchema,
    InputObjectTypeDefinitionNode,
    InputValueDefinitionNode,
    Visitor,
    build_schema,
    parse,
    print_ast,
    visit,
)

SCHEMA_FILE = Path(__file__).resolve().parent / "buffer-schema.graphql"
SOURCE_REPOSITORY = "https://github.com/api-evangelist/buffer"
SOURCE_PATH = "graphql/buffer-schema.graphql"
SOURCE_COMMIT = "175503f6c134b9048aafe75fcf45ebf67e15397f"
SOURCE_DATE = "2026-06-14"
SCHEMA_SHA256 = "6e7c0e4a4f60e0cabfefa9c58b2b43d74d61ae2211cf106691ecbcdf277e1231"

LOST_TYPE_NAME = "Unknown"
# (input type, field): the field's type as Buffer's API reference gives it.
LOST_TYPES = {
    ("AnnotationInputFacebook", "indices"): "[Int!]!",
    ("CreatePostInput", "assets"): "[AssetInput!]!",
    ("DailyPostingLimitsInput", "channelIds"): "[ChannelId!]!",
    ("TagComparator", "in"): "[TagId!]!",
    ("ThreadedPostInput", "assets"): "[AssetInput!]!",
}

_BLOCK_QUOTE = '"""'


class SnapshotChangedError(ValueError):
    """The SDL is not the snapshot ``loadable_sdl`` was written for: one of the faults it mends is gone."""


def vendored_sdl() -> str:
    """The vendored file as published."""
    return SCHEMA_FILE.read_text(encoding="utf-8")


def loadable_sdl(sdl: str) -> str:
    """``sdl`` with the snapshot's two faults mended (see the module's docs), every line kept in place."""
    return _with_lost_types(_with_title_as_comment(sdl))


@cache
def buffer_schema() -> GraphQLSchema:
    """Buffer's schema, built once per process from the vendored file."""
    return build_schema(loadable_sdl(vendored_sdl()))


def _with_title_as_comment(sdl: str) -> str:
    if not sdl.startswith(_BLOCK_QUOTE):
        raise SnapshotChangedError("the SDL no longer opens with a free-standing description")
    end = sdl.index(_BLOCK_QUOTE, len(_BLOCK_QUOTE)) + len(_BLOCK_QUOTE)
    rest = sdl[end:]
    if not rest.lstrip().startswith(_BLOCK_QUOTE):
        raise SnapshotChangedError("the opening description now describes a definition: keep it")
    title = "\n".join(f"# {line}".rstrip() for line in sdl[:end].split("\n"))
    return title + rest


class _LostTypeFinder(Visitor):
    """The source offsets of each listed input field's type, where that type names ``Unknown``."""

    def __init__(self) -> None:
        super().__init__()
        self.input_type = ""
        self.spans: dict[tuple[str, str], tuple[int, int]] = {}

    def enter_input_object_type_definition(self, node: InputObjectTypeDefinitionNode, *_: object) -> None:
        self.input_type = node.name.value

    def leave_input_object_type_definition(self, *_: object) -> None:
        self.input_type = ""  # arguments of object types' fields are input values too

    def enter_input_value_definition(self, node: InputValueDefinitionNode, *_: object) -> None:
        key = (self.input_type, node.name.value)
        if key in LOST_TYPES and LOST_TYPE_NAME in print_ast(node.type) and node.type.loc is not None:
            self.spans[key] = (node.type.loc.start, node.type.loc.end)


def _with_lost_types(sdl: str) -> str:
    finder = _LostTypeFinder()
    visit(parse(sdl), finder)
    missing = sorted(f"{owner}.{field}" for owner, field in LOST_TYPES.keys() - finder.spans.keys())
    if missing:
        raise SnapshotChangedError(f"no longer typed {LOST_TYPE_NAME}: {', '.join(missing)}")
    # From the end, so that the offsets still to be used stay valid.
    for key, (start, end) in sorted(finder.spans.items(), key=lambda item: item[1], reverse=True):
        sdl = sdl[:start] + LOST_TYPES[key] + sdl[end:]
    return sdl
