"""Engines: the protocol, the one OpenAI-compatible HTTP client, launchers, catalog, fake engine."""
