"""A real S3 API for the storage tests: moto's standalone server, started once per test run.

`s3_server` runs `scripts/s3-test-server` in its own process on LEPORELLO_TEST_S3_PORT (9160 by
default); `s3` points every storage alias at fresh buckets on it for one test.
"""

import os
import runpy
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import boto3
import pytest
from django.conf import settings

from config.storage import s3_storages

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "s3-test-server"
SERVER = runpy.run_path(str(SCRIPT))  # create_buckets, environment: shared with the script


@pytest.fixture(scope="session")
def s3_server(tmp_path_factory):
    """{"endpoint": "http://127.0.0.1:PORT", "env": {...}} of a running moto server."""
    # One server per pytest-xdist worker (gw0, gw1, …): each on its own port.
    worker = int(os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or 0)
    port = int(os.environ.get("LEPORELLO_TEST_S3_PORT", "9160")) + worker
    log = tmp_path_factory.mktemp("s3") / "server.log"
    with log.open("w") as errors:
        process = subprocess.Popen(  # noqa: S603 (our own script with a port number)
            [sys.executable, str(SCRIPT), str(port)],
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    lines = []

    def read():
        for line in process.stdout:
            lines.append(line.strip())
            if line.strip() == "ready":
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if "ready" not in lines:
        process.kill()
        process.wait()
        pytest.skip(
            f"The S3 test server (moto) could not start on 127.0.0.1:{port}: "
            f"{log.read_text().strip()[-500:] or 'no answer within 30 s'}. "
            "Set LEPORELLO_TEST_S3_PORT to a free port."
        )
    env = dict(line.split("=", 1) for line in lines if "=" in line)
    yield {"endpoint": env["AWS_S3_ENDPOINT_URL"], "env": env}
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def s3(s3_server, settings):
    """Fresh public and private buckets; STORAGES as production builds it from the environment.

    Returns an object with `client` (boto3), `public`, `private` (bucket names) and `keys(bucket)`.
    """
    suffix = uuid.uuid4().hex[:8]
    public, private = f"media-{suffix}", f"private-{suffix}"
    endpoint = s3_server["endpoint"]
    SERVER["create_buckets"](endpoint, public, private)
    env = SERVER["environment"](endpoint, public, private)
    settings.STORAGES = {**settings.STORAGES, **s3_storages(env)}
    settings.WAGTAILDOCS_SERVE_METHOD = "redirect"  # as production sets it with object storage
    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=env["AWS_S3_REGION_NAME"],
        aws_access_key_id=env["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=env["AWS_SECRET_ACCESS_KEY"],
    )

    class Buckets:
        def keys(self, bucket):
            pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket)
            return sorted(o["Key"] for page in pages for o in page.get("Contents", []))

    buckets = Buckets()
    buckets.client, buckets.public, buckets.private, buckets.endpoint = (
        client,
        public,
        private,
        endpoint,
    )
    buckets.env = env
    return buckets
