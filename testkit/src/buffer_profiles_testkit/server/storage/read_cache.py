"""The answers of recent reads, kept until anyone commits to the database.

A statement is a transaction, with its locks and a walk through SQLite, and costs far more than
the rest of a GET. So reads are kept, and each request first compares the wal-index header
(``wal_index``) with the one seen when they were read: any commit, by this server or by
another process (a test kit adding users, a tool), empties the cache. The server's own update
is the exception: when the header shows that it was the one commit in between, only what it
changed is dropped (the profile's document and schedules, and its user's list), and who owns
which token and profile is kept, so that an update after an update does not read them again.

Without a readable wal-index, or while a commit writes it, reads go to the store and nothing is kept.
"""

from typing import Any

from buffer_profiles_testkit.server.storage.store import ProfileField, Schedule, Store, token_digest
from buffer_profiles_testkit.server.storage.wal_index import WalIndex, commits_between

MAX_ENTRIES = 100_000
MAX_BYTES = 64 * 1024 * 1024  # lists of profiles can be megabytes each


class ReadCache:
    def __init__(self, store: Store, wal_index: WalIndex | None) -> None:
        self._store = store
        self._wal_index = wal_index
        self._seen: bytes | None = None  # the header when what is kept was read
        self._users: dict[str, str] = {}  # token digest -> user id; unknown tokens are not kept
        self._services: dict[tuple[str, str], str | None] = {}  # (user, profile) -> service, None if no such profile
        self._answers: dict[tuple[str, str, str], Any] = {}  # (user, profile or "", field) -> answer, None if none
        self._bytes = 0

    def user_of_token(self, token: str) -> str | None:
        """As :meth:`Store.user_for_token`."""
        self._look_for_commits()
        digest = token_digest(token)
        user_id = self._users.get(digest)
        if user_id is None:
            user_id = self._store.user_for_token(token)
            if user_id is not None:
                self._keep(digest, user_id)
        return user_id

    def token_and_profiles(self, token: str) -> tuple[str, bytes] | None:
        """As :meth:`Store.token_and_profiles`."""
        self._look_for_commits()
        digest = token_digest(token)
        user_id = self._users.get(digest)
        if user_id is not None:
            profiles = self._answers.get((user_id, "", "profiles"))
            if profiles is not None:
                return user_id, profiles
        found = self._store.token_and_profiles(token)
        if found is not None:
            self._keep(digest, found[0], (found[0], "", "profiles"), found[1])
        return found

    def token_and_profile(self, token: str, profile_id: str, field: ProfileField) -> tuple[str, str | None] | None:
        """As :meth:`Store.token_and_profile`."""
        self._look_for_commits()
        digest = token_digest(token)
        user_id = self._users.get(digest)
        if user_id is not None:
            if field == "service":
                if (user_id, profile_id) in self._services:
                    return user_id, self._services[user_id, profile_id]
            elif (key := (user_id, profile_id, field)) in self._answers:
                return user_id, self._answers[key]
        found = self._store.token_and_profile(token, profile_id, field)
        if found is not None:
            if field == "service":
                if self._seen is not None:
                    self._keep(digest, found[0])
                    self._services[found[0], profile_id] = found[1]
            else:
                self._keep(digest, found[0], (found[0], profile_id, field), found[1])
        return found

    def replace_schedules(self, user_id: str, profile_id: str, schedules: list[Schedule]) -> bool:
        """As :meth:`Store.replace_schedules`; keeps what the write left as it was."""
        self._look_for_commits()
        before = self._seen
        try:
            replaced = self._store.replace_schedules(user_id, profile_id, schedules)
        except BaseException:
            self._forget()
            raise
        after = self._wal_index.header() if self._wal_index is not None else None
        if after == before:
            return replaced
        if replaced and before is not None and after is not None and commits_between(before, after) == 1:
            for key in (
                (user_id, profile_id, "document"),
                (user_id, profile_id, "schedules"),
                (user_id, "", "profiles"),
            ):
                self._bytes -= len(self._answers.pop(key, None) or "")
            self._seen = after
        else:
            self._forget()  # someone else committed too: anything may have changed
        return replaced

    def _look_for_commits(self) -> None:
        # Read before the store is, so that a commit in between shows at the next look.
        header = self._wal_index.header() if self._wal_index is not None else None
        if header != self._seen or header is None:
            self._forget()
            self._seen = header

    def _keep(self, digest: str, user_id: str, key: tuple[str, str, str] | None = None, answer: Any = None) -> None:
        if self._seen is None:
            return  # read while no header could be seen: the next look could not tell whether it is current
        size = len(answer or "")
        if len(self._users) + len(self._services) + len(self._answers) >= MAX_ENTRIES or self._bytes + size > MAX_BYTES:
            seen = self._seen
            self._forget()  # rare (thousands of users or huge lists): start over rather than track ages
            self._seen = seen
        self._users[digest] = user_id
        if key is not None:
            self._answers[key] = answer
            self._bytes += size

    def _forget(self) -> None:
        self._users.clear()
        self._services.clear()
        self._answers.clear()
        self._bytes = 0
        self._seen = None
