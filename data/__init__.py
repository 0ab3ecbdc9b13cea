"""Bundled registry data (models/*.yaml, tasks.yaml); read with importlib.resources."""
