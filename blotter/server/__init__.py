"""The analysts' workbench: HTTP API, web app, accounts, review and corrections.

Importing this package is cheap (no FastAPI): the fusion code imports
``blotter.server.protect`` on every save so human corrections win over the machine.
"""

#: How long a server write waits for the writer lock by default: an ingest batch of
#: a few articles is well under it, and it stays below the 60 s after which common
#: reverse proxies give up on a request.
WRITE_WAIT_SECONDS = 30.0
