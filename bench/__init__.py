"""Benchmarks (scripts that print figures, never timed tests) and the Django app they need on the server.

The app (a bare insert view and a Wagtail form page) is installed only when ``SUARA_BENCH_VIEWS=1``: production
never serves it.
"""
