"""What the strategy editor tells the layers above it, without knowing them.

`strategies` sits below `reviews`, which owns notifications (the bell and the e-mail preferences), so it
may not import them. It announces instead; reviews/receivers.py listens and notifies.
"""

from django.dispatch import Signal

#: A comment named colleagues with @username. Sent inside the transaction that saves the comment, so what
#: receivers write is saved (or rolled back) with it. Arguments: `comment` and `mentioned` (the users).
comment_mentioned = Signal()
