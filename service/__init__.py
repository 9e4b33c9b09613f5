"""Serving egov-assess to a department: sign-in and roles (:mod:`service.auth`, :mod:`service.web`), background
jobs on Diskcache or Redis + Celery (:mod:`service.jobs`, :mod:`service.tasks`, :mod:`service.celery_app`), the
production server (:mod:`service.serve`: gunicorn) and their command line (``python -m service``).

Part of the dashboard layer (beside ``app.py``, ``pages/`` and ``ui/``): the library ``assess`` never imports it.
"""
