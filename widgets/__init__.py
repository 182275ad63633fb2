"""Reusable widgets. They know nothing of storage: screens hand them plain values."""
