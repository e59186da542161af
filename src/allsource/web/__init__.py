"""The local web app (`allsource serve`): server-rendered pages with JSON twins under /api.

Imports FastAPI and Jinja2, so only the CLI's `serve` and `benchmark-web` commands load it."""
