"""The ground layer: helpers every app may use and that belong to none of them.

HTML sanitising and plain text (`core.html`), the input limits (`core.limits`), reading ids and versions out
of requests (`core.params`), safe redirects to a `next` address (`core.redirects`), the spreadsheet reader
and writer (`core.tabular`) and dates in the reader's format (`core.formatting`).

And the whole-page cache (`core.pagecache`), whose one model is the data version every app server and the
worker share (`core.models.DataVersion`): that makes `core` an installed app, with no templates or views. It
imports Django and third-party libraries only, never an app of the project and never `onemg_planner`
(tests/test_architecture.py holds that).
"""
