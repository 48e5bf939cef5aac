"""The OpenAI-compatible gateway: auth, templates, routing and streaming in front of the engines."""
