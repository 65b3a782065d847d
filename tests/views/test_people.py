"""Whom a view mentions comes from what the event log stores, in each form it was stored in:
a notice mentions the same officers and user group whether they were stored as people (data)
or, before that, as Slack markup."""

from __future__ import annotations

from dataclasses import replace

from bot.procedure import EventKind
from bot.procedure.people import Person, Surface
from bot.slack.views import render
from bot.views.model import GroupMention, Mention
from bot.views.people import notice_mentions
from bot.views.thread import event_post
from tests.views import story

OFFICER = Person(Surface.SLACK, "UOFFICER")
STORED = {
    "as people": [{"surface": "slack", "id": "UOFFICER"}, {"surface": "slack", "group": "S1"}],
    "as bare ids": ["UOFFICER", {"group": "S1"}],
    "as Slack markup": ["<@UOFFICER>", "<!subteam^S1>"],
}


def test_a_notice_mentions_the_same_people_however_they_were_stored() -> None:
    for how, value in STORED.items():
        assert notice_mentions(value) == [Mention(OFFICER), GroupMention("S1")], how


def test_the_thread_post_of_a_notice_is_the_same_for_each_stored_form() -> None:
    base = story.noticed("overdue", story.at(9, 9), story.at(9, 9, 1), story.received())
    notice = base.events[-1]
    posts = {
        how: render.message(
            event_post(base, replace(notice, data={**notice.data, "mention": value}), notice.at)
        )
        for how, value in STORED.items()
    }
    shown = posts["as Slack markup"]["blocks"][0]["text"]["text"]
    assert shown.startswith(":rotating_light: <@UOFFICER> <!subteam^S1> De contacttermijn")
    assert all(post == posts["as Slack markup"] for post in posts.values())


def test_nobody_is_mentioned_when_the_notice_names_nobody() -> None:
    assert notice_mentions(None) == [] and notice_mentions([]) == []
    base = story.noticed("pre_warning", story.at(9, 9), story.at(9, 9), story.received())
    notice = base.events[-1]
    quiet = replace(notice, data={**notice.data, "mention": []})
    shown = render.message(event_post(base, quiet, quiet.at))["blocks"][0]["text"]["text"]
    assert shown.startswith(":alarm_clock: Vandaag om 17:00 verloopt") and "<@" not in shown
    assert notice.kind is EventKind.WARNING_SENT
