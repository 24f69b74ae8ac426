"""The front door: home page by role, health check, and the public information pages."""
