"""Pages and htmx endpoints of the strategy editor, by area. Views parse input with forms, call one service or
selector, and redirect (or return the partial htmx swaps in). Every object is loaded through the permission
helpers (strategies/permissions.py), which ask accounts/policy.py."""

from strategies.views.action_plan import action_plan
from strategies.views.assessments import assessments
from strategies.views.calendar import calendar_feed, calendar_settings
from strategies.views.overview import home, strategy_detail, strategy_details, strategy_start
from strategies.views.parts import part_delete, part_detail, part_list, part_move, part_new
from strategies.views.sections import (
    comment_toggle,
    mention_candidates,
    section_assign,
    section_comments,
    section_edit,
    section_history,
    section_presence,
    section_restore,
)

__all__ = [
    "home",
    "strategy_start",
    "strategy_detail",
    "strategy_details",
    "section_edit",
    "section_history",
    "section_restore",
    "section_presence",
    "section_comments",
    "mention_candidates",
    "comment_toggle",
    "section_assign",
    "part_list",
    "part_new",
    "part_detail",
    "part_delete",
    "part_move",
    "action_plan",
    "calendar_settings",
    "calendar_feed",
    "assessments",
]
