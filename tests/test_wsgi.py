"""The WSGI entry point keeps what Django loaded out of the garbage collector's sight (onemg_planner/wsgi.py):
a full collection walking those objects cost 8-11 ms per request on the everyday pages (bench/RESULTS.md)."""

import gc

from onemg_planner.wsgi import FreezeLoadedObjects


def test_loaded_objects_are_frozen_at_start_and_after_the_first_requests():
    served = []

    def app(environ, start_response):
        served.append(environ["PATH_INFO"])
        return [b"ok"]

    try:
        gc.unfreeze()
        wrapped = FreezeLoadedObjects(app)
        assert gc.get_freeze_count() > 0
        gc.unfreeze()
        assert wrapped({"PATH_INFO": "/first"}, None) == [b"ok"]
        assert gc.get_freeze_count() > 0  # after the first request
        gc.unfreeze()
        for _ in range(8):
            wrapped({"PATH_INFO": "/again"}, None)
        assert gc.get_freeze_count() == 0  # not on every request: only after 1, 10, 100 and 1000
        wrapped({"PATH_INFO": "/tenth"}, None)
        assert gc.get_freeze_count() > 0
        assert served[0] == "/first" and len(served) == 10
    finally:
        gc.unfreeze()
