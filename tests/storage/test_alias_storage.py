"""Fields name a storage alias and follow STORAGES wherever they are copied or pickled."""

import copy
import io
import pickle

import pytest
from django.core.files.base import ContentFile

from config.storage import AliasStorage, PrivateFileSystemStorage, private_storage


def test_a_storage_alias_survives_copies_and_pickling():
    fresh = AliasStorage("private")  # not looked up yet: copying must not need the storage
    for clone in (copy.copy(fresh), copy.deepcopy(fresh), pickle.loads(pickle.dumps(fresh))):  # noqa: S301 (own object)
        assert clone.location == private_storage().location


def test_private_files_on_disk_are_kept_in_the_private_root_and_have_no_address(settings, tmp_path):
    settings.LEPORELLO_PRIVATE_ROOT = tmp_path
    storage = private_storage()
    name = storage.save("printing/catalogues/katalog.pdf", ContentFile(b"%PDF-1.7"))
    assert (tmp_path / name).read_bytes() == b"%PDF-1.7"
    assert isinstance(storage._wrapped, PrivateFileSystemStorage)
    with pytest.raises(ValueError, match="checks permissions"):
        storage.url(name)
    with storage.open(name) as stream:
        assert io.BufferedReader(stream).read() == b"%PDF-1.7"
