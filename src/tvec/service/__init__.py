"""The HTTP service (FastAPI): ``create_app`` builds it, ``tvec serve`` runs it."""

from tvec.service.app import create_app

__all__ = ["create_app"]
