"""The HTTP API (django-ninja), mounted at /api/v1/ with its OpenAPI document."""
