"""After a load test (run through `manage.py shell`): every save the clients saw accepted is in the history,
and the history holds no more saves than were accepted. Exits non-zero on any loss."""

import json
import os
import sys

from django.utils.dateparse import parse_datetime

from strategies.models import Comment, Revision

with open(os.environ["LOADTEST_OUT"], encoding="utf-8") as handle:
    run = json.load(handle)
accepted, counts = run["accepted"], run["counts"]
since = parse_datetime(os.environ["LOADTEST_STARTED"])
revisions = list(Revision.objects.filter(created_at__gte=since).values_list("target", "action", "data"))
texts = {}
for target, _action, data in revisions:
    texts.setdefault(target, []).append(json.dumps(data, ensure_ascii=False))
lost = []
for item in accepted["sections"] + accepted["row_edits"]:
    if not any(item["token"] in text for text in texts.get(item["target"], [])):
        lost.append(item)
added = [
    json.dumps(data) for target, action, data in revisions if action == "create" and target.startswith("stakeholder:")
]
lost += [item for item in accepted["row_adds"] if not any(item["token"] in text for text in added)]
bodies = list(Comment.objects.filter(created_at__gte=since).values_list("body", flat=True))
lost += [
    item for item in accepted["comments"] + accepted["review_comments"] if not any(item["token"] in b for b in bodies)
]
client_saves = len(accepted["sections"]) + len(accepted["row_edits"]) + len(accepted["row_adds"])
client_comments = len(accepted["comments"]) + len(accepted["review_comments"])
print(
    f"accepted saves seen by the clients: {client_saves} "
    f"(sections {len(accepted['sections'])}, row edits {len(accepted['row_edits'])}, "
    f"rows added {len(accepted['row_adds'])}); "
    f"conflicts returned with the user's text: {counts['conflicts']} of {counts['saves']} edits"
)
print(f"history rows written during the run: {len(revisions)}; comments: {len(bodies)} (clients: {client_comments})")
print(f"lost saves: {len(lost)}")
if lost or len(revisions) != client_saves or len(bodies) != client_comments:
    print("MISMATCH:", lost[:5])
    sys.exit(1)
