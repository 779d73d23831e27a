"""Helpers for tests and benchmarks: synthetic pages, never real news."""
