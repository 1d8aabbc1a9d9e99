"""The demo database generator, with planted duplicates and hard negatives and their truth file.

Imported by nothing but the CLI and the tests.
"""

from .generator import FIXTURE_AS_OF, SIZES, build, demo_command, truth_path_for
from .planting import DUPLICATE_KINDS, KINDS, NEGATIVE_KINDS

__all__ = ["DUPLICATE_KINDS", "FIXTURE_AS_OF", "KINDS", "NEGATIVE_KINDS", "SIZES", "build", "demo_command", "truth_path_for"]
