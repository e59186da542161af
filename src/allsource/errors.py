"""The one error hierarchy.

    AllsourceError
    ├── InputError      a file that cannot be read or makes no sense (names the file)
    ├── ConfigError     a bad option, setting or ontology file
    ├── StoreError      the knowledge base cannot be opened or written
    └── NotFoundError   a queried entity or record does not exist
"""

from __future__ import annotations


class AllsourceError(Exception):
    """Root of every error allsource raises on purpose."""


class InputError(AllsourceError):
    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ConfigError(AllsourceError):
    pass


class StoreError(AllsourceError):
    pass


class NotFoundError(AllsourceError):
    pass
