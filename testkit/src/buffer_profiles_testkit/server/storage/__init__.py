"""Where the server keeps its state: one SQLite file in WAL mode, its read cache, its checkpoints, its failures."""
