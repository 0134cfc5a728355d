"""The reference server: a real, persistent implementation of openapi.yaml (Starlette, uvicorn, SQLite)."""
