"""The reference server: a real, persistent implementation of openapi.yaml (Starlette, uvicorn, SQLite).

``app`` assembles it: the four operations (``endpoints``), who is asking (``auth``, ``rate_limit``),
Buffer's error codes (``errors``), and the one seam a test kit plugs into (``hooks``). Its parts:

- ``forms/``: the update's body: read (``body``, within ``limits``), decoded (``decoder``),
  checked against the spec (``validation``) and the posting caps;
- ``storage/``: the SQLite file (``store``), checked at start, read through a cache that the
  WAL index keeps current, checkpointed in a thread, and its failures told to clients;
- ``serving/``: uvicorn for it: the HTTP guards (``protocol``), the one configuration, token-free
  logs, the process's memory.

``__main__`` is ``buffer-profiles-server``; ``background`` runs the app in a thread (tests,
benchmarks, the contract suite); ``demo`` and ``fixtures`` hold and load data; ``spec`` loads the
spec whose schemas the server validates with.
"""
