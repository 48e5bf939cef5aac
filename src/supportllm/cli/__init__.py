"""The ``supportllm`` command line: one module per command group."""
