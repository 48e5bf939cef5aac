"""The load benchmark: support-shaped traffic, vLLM-definition metrics, reports and plots."""
