"""Klantcultuur: from customer-experience cult to customer culture."""

from klantcultuur.celery import app as celery_app

__all__ = ("celery_app",)
