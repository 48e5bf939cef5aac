"""Quality sampling of live traffic (docs/observability-sampling.md)."""
