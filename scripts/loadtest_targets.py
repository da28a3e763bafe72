"""Print what the load test works on (run through `manage.py shell`): strategy ids and section fields."""

import json
import os

from strategies.models import SECTION_MODELS, Strategy

strategies = list(Strategy.objects.select_related("country").order_by("country__code"))
targets = {
    "editable": [{"code": s.country.code, "pk": s.pk} for s in strategies if s.status != "approved"],
    "all": [{"code": s.country.code, "pk": s.pk} for s in strategies],
    "sections": [m.key for m in SECTION_MODELS],
    "fields": {m.key: list(m.prompt_fields) for m in SECTION_MODELS},
}
with open(os.environ["LOADTEST_TARGETS"], "w", encoding="utf-8") as handle:
    json.dump(targets, handle)
