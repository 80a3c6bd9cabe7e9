# The privacy crawl's fixture: the demo's private values made unmistakable.
from tests.exhibition.test_privacy_crawl import private_demo  # noqa: F401
from tests.test_production import media_served  # noqa: F401  (production's media URLs)
