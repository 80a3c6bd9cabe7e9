"""XLIFF reading and writing moved to `translations.formats.xliff` (1.2 and 2.0); kept as the old
import path."""

from .formats.xliff import read_xliff, write_xliff20

write_xliff = write_xliff20

__all__ = ["read_xliff", "write_xliff"]
