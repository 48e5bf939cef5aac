"""Canary roll-outs of a model alias, gated on errors, latency and judged answer quality."""
