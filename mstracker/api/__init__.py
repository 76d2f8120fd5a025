"""The REST API's shared parts: pagination, error responses, the /api/v1/ root."""
