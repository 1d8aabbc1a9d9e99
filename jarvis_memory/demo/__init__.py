"""The demo database generator, with planted duplicates and hard negatives and their truth file.

Imported by nothing but the CLI and the tests.
"""
