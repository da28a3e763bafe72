from django.db import models


class DataVersion(models.Model):
    """One row: a number that moves on after every committed change to what pages show (core.pagecache).
    In the database so that every app server and the worker share it, whatever the cache backend."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"data version {self.value}"
