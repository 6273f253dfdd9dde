"""The campaign model and its rules: pure Python, no Qt, no SQL."""
