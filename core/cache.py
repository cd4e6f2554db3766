"""A Redis cache that answers "not cached" while Redis is unreachable, instead of failing the request.

Everything the site keeps in the cache can be rebuilt: page and slug lookups, the site
root paths, the counters of the form flood limit. Django's ``RedisCache`` raises on a
connection error, so a Redis restart turned every public page and every form post into
a 500 for as long as it lasted (seen in ``benchmarks/load_faults.py``). This backend logs
the error and behaves as an empty cache that stores nothing: reads miss, writes are
dropped, ``add`` reports success (so the flood limit lets requests through while it
cannot count them), ``incr`` reports a missing key.
"""

import logging

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError)


def _unreachable(operation: str, error: Exception) -> None:
    logger.warning("Cache unreachable, %s skipped: %s", operation, type(error).__name__)


class FailSoftRedisCache(RedisCache):
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNREACHABLE as error:
            _unreachable("add", error)
            return True

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            _unreachable("get", error)
            return default

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            _unreachable("set", error)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNREACHABLE as error:
            _unreachable("touch", error)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNREACHABLE as error:
            _unreachable("delete", error)
            return False

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            _unreachable("get_many", error)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNREACHABLE as error:
            _unreachable("has_key", error)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNREACHABLE as error:
            _unreachable("incr", error)
            raise ValueError("Key not found: the cache is unreachable") from error

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNREACHABLE as error:
            _unreachable("set_many", error)
            return list(data)

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNREACHABLE as error:
            _unreachable("delete_many", error)

    def clear(self):
        try:
            return super().clear()
        except UNREACHABLE as error:
            _unreachable("clear", error)
            return False
