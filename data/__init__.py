"""attune's data layer: plain Python over TinyDB. Never imports Textual."""

from data.errors import DataError, CorruptFileError, NewerSchemaError, StorageError, InputError
from data.schema import SCHEMA_VERSION
from data.store import Store

__all__ = [
    "Store",
    "SCHEMA_VERSION",
    "DataError",
    "CorruptFileError",
    "NewerSchemaError",
    "StorageError",
    "InputError",
]
