"""Helpers of scripts/prod_smoke.py."""
