"""The REST API base: JSON errors, OpenAPI document, generic resources, ETags."""
