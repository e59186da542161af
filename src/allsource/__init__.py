"""allsource: a source-cited knowledge base from a folder of articles.

    import allsource
    kb = allsource.open("allsource.db")
    kb.add("articles/")
    kb.statements(subject="Russia").to_pandas()
"""

from allsource.errors import AllsourceError, ConfigError, InputError, NotFoundError, StoreError

__all__ = ["AllsourceError", "ConfigError", "InputError", "NotFoundError", "ResultSet", "StoreError", "Workbench",
           "open"]
__version__ = "0.1.0"

_LAZY = {"open", "Workbench", "ResultSet"}


def __getattr__(name: str):
    # the facade pulls in the pipeline; importing a submodule such as allsource.model must not
    if name in _LAZY:
        from allsource import workbench

        return getattr(workbench, name)
    raise AttributeError(f"module 'allsource' has no attribute {name!r}")
