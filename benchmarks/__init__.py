"""Benchmarks: the toolkit against its baselines, side by side in one run (``python -m benchmarks``).

Never part of the test run; nothing here asserts a time.
"""
