"""Small trees of test data built with factory_boy, one module per app (see docs/testing.md).

Values come from sequences, never from Faker at import time, so every object is unique within a
run and a failing test names the same object every time. `trees.exhibition_with_works()` builds
the usual published exhibition with a tour stop; tests that need a particular title or inventory
number pass it to the factory.
"""
