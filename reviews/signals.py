"""What the review workflow tells the layers above it, without knowing them.

`exports` (above `reviews`) renders PDFs; reviews may not import it. It announces instead, and
exports/receivers.py queues the render once the step is committed.
"""

from django.dispatch import Signal

#: A snapshot was frozen by a submission (`approved` False: its PDF says IN REVIEW) or its review approved
#: it (`approved` True: the PDF without watermark). Sent inside the step's transaction. Arguments:
#: `snapshot`, `approved`.
snapshot_made = Signal()
