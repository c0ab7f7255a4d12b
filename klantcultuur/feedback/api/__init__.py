"""The REST API: batch ingest, the Formbricks webhook receiver, and its OpenAPI schema."""
