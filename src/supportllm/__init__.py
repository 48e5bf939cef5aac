"""supportllm: measure whether to self-host your support assistant, then run it."""

__version__ = "0.1.0"
