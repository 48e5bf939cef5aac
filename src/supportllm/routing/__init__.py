"""Complexity routing: which tickets the self-hosted model answers and which go to the API."""
