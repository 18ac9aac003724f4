"""The review console: server-rendered pages on the service's own FastAPI app (``mount_console``)."""
