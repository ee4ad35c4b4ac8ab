"""The analysts' workbench: HTTP API, web app, accounts, review and corrections.

Importing this package is cheap (no FastAPI): the fusion code imports
``blotter.server.protect`` on every save so human corrections win over the machine.
"""
