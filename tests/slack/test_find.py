"""Finding anything from Slack, through signed requests against the local fake Slack:
`/klacht` and its subcommands for each role, bad input, the complaint card with recurrence,
and the message shortcut end to end."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.procedure import (
    Actor,
    Category,
    ContactOutcome,
    RelationType,
    Role,
    Source,
    State,
    steps,
)
from bot.procedure.inputs import Contact, DiscussionRequest, Registration
from bot.service import ComplaintService
from bot.slack.app import build_app
from bot.slack.listeners.commands import CHANGING, SUBCOMMANDS
from bot.views.ids import Action as ActionId
from bot.views.ids import FormId as CallbackId
from storage.models.base import Base
from tests.slack.conftest import (
    dispatch_command,
    response_json,
    submit_email,
)
from tests.slack.flows import click, initial_values, message_shortcut, submit
from tests.slack.limits import assert_message_within_limits
from tests.slack.payloads import EMPLOYEE, MANAGEMENT, OFFICER, slash_command
from tests.support.fake_slack import Failure

ANNA = Actor("UOFFICER", Role.OFFICER, "anna")
ROLES = {"officer": OFFICER, "employee": EMPLOYEE, "management": MANAGEMENT}


def ask(bolt_app, user: dict[str, str], typed: str) -> dict[str, Any]:
    """`/klacht <typed>` as Slack sends it; the ephemeral answer in the acknowledgement."""
    response = dispatch_command(bolt_app, slash_command(user, typed))
    assert response.status == 200
    answer = response_json(response)
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    if "blocks" in answer:
        assert_message_within_limits(answer)
    return answer


def shown(answer: dict[str, Any]) -> str:
    return json.dumps(answer, ensure_ascii=False)


def register(service: ComplaintService, reference: str, **fields: Any) -> None:
    registration = Registration(
        fields.pop("complainant_name", "Jan de Vries"),
        fields.pop("relation_type", RelationType.FLEXWORKER),
        fields.pop("category", Category.PAYROLL),
        fields.pop("complainant_phone", "06 12345678"),
    )
    service.change(reference, steps.register, ANNA, registration)


def ask_employee(service: ComplaintService, reference: str, employee: str) -> None:
    service.change(reference, steps.request_discussion, ANNA, DiscussionRequest((employee,)))


@pytest.fixture
def story(service):
    """Two registered complaints: bram (the employee) is asked about the first only."""
    asked = submit_email(
        service, subject="Loonstrook te laat", complainant_email="petra@example.nl"
    )
    other = submit_email(
        service,
        subject="Planning klopt niet",
        complainant_name="Henk de Boer",
        complainant_email="henk@example.nl",
    )
    register(service, asked.reference, complainant_name="Petra Pietersen")
    register(
        service,
        other.reference,
        complainant_name="Henk de Boer",
        category=Category.PLANNING,
        complainant_phone="010 1234567",
    )
    ask_employee(service, asked.reference, EMPLOYEE["id"])
    ask_employee(service, other.reference, "UANDER")
    return asked.reference, other.reference


# --- /klacht alone, help and bad input --------------------------------------------------------


def stored(service: ComplaintService) -> dict[str, list[Any]]:
    """Every row of every table: what a command could have changed."""
    with service.db.reading() as session:
        return {table.name: session.execute(select(table)).all() for table in TABLES}


TABLES = Base.metadata.sorted_tables


@pytest.mark.parametrize("role", ROLES)
def test_only_the_subcommands_marked_changing_change_stored_data(service, bolt_app, story, role):
    """The HTTP gate records only those against replays (bot.slack.gate)."""
    typed = {
        "": "",
        "help": "help",
        "lijst": "lijst",
        "zoek": "zoek loonstrook",
        "rapport": "rapport 2026-Q3",
        "genegeerd": "genegeerd",
    }
    assert set(typed) == set(SUBCOMMANDS)  # a new subcommand is tried here too
    reading = [text for word, text in typed.items() if word not in CHANGING]
    reading += [story[0], f"{story[0]} historie", "onbekend"]
    before = stored(service)

    for text in reading:
        ask(bolt_app, ROLES[role], text)

    assert stored(service) == before
    if role == "employee":
        return  # refused
    settings = service.settings.model_copy(update={"management_channel": "CDIRECTIE"})
    reporting = build_app(settings, ComplaintService(service.db, settings))
    for word in CHANGING:
        ask(reporting, ROLES[role], typed[word])
    assert stored(service) != before


@pytest.mark.parametrize("role", ROLES)
def test_klacht_alone_opens_the_new_complaint_modal(bolt_app, fake_slack, role):
    answer = ask(bolt_app, ROLES[role], "")
    assert answer == {}
    [opened] = fake_slack.wait_for(lambda: fake_slack.calls_to("views.open"))
    assert opened.params["view"]["callback_id"] == CallbackId.NEW_COMPLAINT.value
    assert opened.params["trigger_id"].endswith(".222.valid")  # the command's own


@pytest.mark.parametrize("role", ROLES)
def test_help_lists_everything_that_works_for_each_role(bolt_app, role):
    answer = shown(ask(bolt_app, ROLES[role], "help"))
    for command in ("/klacht lijst", "/klacht zoek", "/klacht K-2026-0001"):
        assert command in answer
    # Only what the role may use: reports and history not for employees, ignored e-mail for
    # the officer alone.
    assert ("/klacht rapport" in answer) == (role != "employee")
    assert ("historie" in answer) == (role != "employee")
    assert ("/klacht genegeerd" in answer) == (role == "officer")
    assert ("Je ziet alleen de klachten waarover" in answer) == (role == "employee")
    assert ("zonder contactgegevens" in answer) == (role == "management")


@pytest.mark.parametrize("role", ROLES)
def test_unknown_input_gets_the_help(bolt_app, role):
    answer = ask(bolt_app, ROLES[role], "onzin en meer")
    assert answer["text"].startswith("Onbekende opdracht `onzin`")
    assert "/klacht zoek" in shown(answer)

    huge = ask(bolt_app, ROLES[role], "x" * 2000)
    assert huge["text"].startswith("Onbekende opdracht `" + "x" * 40 + "`")
    assert len(shown(huge)) < 4000


def test_typed_markup_is_shown_as_text(bolt_app):
    answer = shown(ask(bolt_app, OFFICER, "<!channel>"))
    assert "<!channel>" not in answer and "&lt;!channel&gt;" in answer


# --- lijst ---------------------------------------------------------------------------------


def test_lijst_for_the_officer_overdue_first_with_state_days_and_names(service, bolt_app, story):
    asked, other = story
    late = submit_email(
        service, subject="Oud", received_at=service.now() - dt.timedelta(days=10)
    ).reference

    answer = ask(bolt_app, OFFICER, "lijst")
    lines = [b["text"]["text"] for b in answer["blocks"] if b["type"] == "section"]
    assert lines[0] == "*Open klachten* (3)"
    assert lines[1].startswith(f"*{late}* · Ontvangen · :warning: termijn verlopen · Oud")
    assert {lines[2].split(" · ")[0], lines[3].split(" · ")[0]} == {f"*{asked}*", f"*{other}*"}
    assert "In bespreking" in lines[2] and "werkdag" in lines[2] + lines[3]
    assert "Petra Pietersen" in shown(answer) and "Henk de Boer" in shown(answer)


def test_lijst_for_an_employee_holds_only_what_they_were_asked_about(bolt_app, story):
    asked, other = story
    answer = shown(ask(bolt_app, EMPLOYEE, "lijst"))
    assert asked in answer and other not in answer
    assert "Petra" not in answer  # no contact details

    nobody = {"id": "UNIEMAND", "name": "niemand", "username": "niemand", "team_id": "T111"}
    assert "waarover je reactie is gevraagd" in shown(ask(bolt_app, nobody, "lijst"))


def test_lijst_for_management_shows_the_state_without_contact_details(bolt_app, story):
    asked, other = story
    answer = shown(ask(bolt_app, MANAGEMENT, "LIJST"))
    assert asked in answer and other in answer
    for personal in ("Petra", "Henk", "petra@example.nl", "06 12345678"):
        assert personal not in answer


def test_lijst_with_nothing_open(bolt_app):
    assert "geen open klachten" in shown(ask(bolt_app, OFFICER, "lijst"))


# --- zoek ----------------------------------------------------------------------------------


def test_zoek_for_the_officer_by_name_email_phone_words_and_reference(bolt_app, story):
    asked, other = story
    for typed in ("henk", "De Boer", "henk@example.nl", "0101234567", "+31 10 123 45 67"):
        answer = shown(ask(bolt_app, OFFICER, f"zoek {typed}"))
        assert other in answer and asked not in answer, typed
        assert "Henk de Boer" in answer
    assert asked in shown(ask(bolt_app, OFFICER, "zoek loonstrook"))
    assert asked in shown(ask(bolt_app, OFFICER, f"zoek {asked.lower()}"))
    assert "Niets gevonden voor “vakantiegeld”" in shown(
        ask(bolt_app, OFFICER, "zoek vakantiegeld")
    )


def test_zoek_newest_first_at_most_twenty_with_a_hint(service, bolt_app):
    made = [
        submit_email(
            service,
            subject=f"Factuur {i}",
            received_at=service.now() - dt.timedelta(hours=30 - i),
        ).reference
        for i in range(25)
    ]
    answer = ask(bolt_app, OFFICER, "zoek factuur")
    listed = [b["text"]["text"].split(" · ")[0] for b in answer["blocks"][1:21]]
    assert listed == [f"*{reference}*" for reference in reversed(made)][:20]
    assert "Maak je zoekopdracht specifieker" in shown(answer)


def test_zoek_for_an_employee_and_for_management(bolt_app, story):
    asked, other = story
    employee = shown(ask(bolt_app, EMPLOYEE, "zoek klopt"))
    assert other not in employee and "onder de klachten waarover" in employee
    assert asked in shown(ask(bolt_app, EMPLOYEE, "zoek loonstrook"))

    management = shown(ask(bolt_app, MANAGEMENT, "zoek planning"))
    assert other in management and "Henk de Boer" not in management
    assert other not in shown(ask(bolt_app, MANAGEMENT, "zoek henk"))  # the name is not shown


ZOE = "zoe.zoekmij@privemail.nl"
# What a curious director or employee might type to find Zoë, or to read her number back
# digit by digit: none of it is in what they are shown.
PROBES = (
    "zoe",
    "Zoë",
    "ZOEKMIJ",
    "zoek",
    ZOE,
    "privemail",
    "privemail.nl",
    "0655556666",
    "06-55556666",
    "06 5555 6666",
    "+31 6 55556666",
    "0031655556666",
    "55556666",
    "06",
    "065",
    "0655",
    "06555",
    "0612345678",
    "(0)6-12345678",
    "12345678",
    "6 1 2",
)


@pytest.fixture
def zoe(service) -> str:
    """A complaint with Zoë's name, address and numbers in its subject and text."""
    complaint = submit_email(
        service,
        subject="Re: bel me op 06-55556666 of zoe.zoekmij@privemail.nl",
        body=(
            "Mijn uren van week 12 kloppen niet.\n"
            "Bel me op 06 5555 6666 of (0)6-12345678, of mail zoe.zoekmij@privemail.nl.\n"
            "Groet, Zoë Zoekmij"
        ),
        complainant_name="Zoë Zoekmij",
        complainant_email=ZOE,
    )
    register(service, complaint.reference, complainant_name="Zoë Zoekmij")
    ask_employee(service, complaint.reference, EMPLOYEE["id"])
    return complaint.reference


@pytest.mark.parametrize("role", ["employee", "management"])
def test_zoek_finds_nobody_by_name_address_or_number_however_typed(bolt_app, zoe, role):
    """Only the officer searches contact details: management and an asked employee search
    what they are shown (reference, category, the masked subject and text), and a name,
    address or number finds nothing however it is spelled."""
    user = ROLES[role]
    for typed in PROBES:
        answer = shown(ask(bolt_app, user, f"zoek {typed}"))
        assert zoe not in answer, typed
        assert "Niets gevonden" in answer, typed
    for typed in ("uren kloppen", "week 12", "salaris", "Salaris en verloning", zoe, "bel me"):
        answer = shown(ask(bolt_app, user, f"zoek {typed}"))
        assert zoe in answer, typed
        for personal in ("55556666", "privemail", "Zoekmij", "12345678"):
            assert personal not in answer, (typed, personal)


def test_zoek_for_the_officer_still_finds_the_contact_details(bolt_app, zoe):
    for typed in ("zoekmij", "0612345678", "06-12345678", ZOE, "privemail", "zoë"):
        assert zoe in shown(ask(bolt_app, OFFICER, f"zoek {typed}")), typed


@pytest.mark.parametrize("role", ROLES)
def test_zoek_bad_input(bolt_app, story, role):
    user = ROLES[role]
    empty = ask(bolt_app, user, "zoek")
    assert empty["text"].startswith("Waar zoek je naar?")
    assert ask(bolt_app, user, "zoek    ")["text"].startswith("Waar zoek je naar?")
    huge = ask(bolt_app, user, "zoek " + "loonstrook " * 200)
    assert "loonstrook" in shown(huge)
    for hostile in ('"', "*", "NEAR(", "' OR 1=1 --", "&|!", "<@U1>", "%_"):
        ask(bolt_app, user, f"zoek {hostile}")  # an answer, never an error


# --- a reference: the card ------------------------------------------------------------------


def _buttons(answer: dict[str, Any]) -> list[str]:
    return [
        element["action_id"]
        for block in answer["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
    ]


def test_the_officer_sees_the_card_with_its_buttons_thread_link_and_recurrence(
    service, bolt_app, deliverer, fake_slack
):
    first = submit_email(service, complainant_email="petra@example.nl").reference
    second = submit_email(service, complainant_email="petra@example.nl").reference
    deliverer.deliver_pending()

    answer = ask(bolt_app, OFFICER, second.lower())
    text = shown(answer)
    assert f"{second} · Nieuw – registreren" in text
    assert _buttons(answer) == [ActionId.REGISTER, ActionId.NOTE, ActionId.REJECT]
    root = next(m for m in fake_slack.roots("CKLACHTEN") if second in json.dumps(m.blocks))
    assert f"/archives/CKLACHTEN/p{root.ts.replace('.', '')}|Naar de draad" in text
    assert f"Zelfde klant: 1 ({first})" in text
    assert "Jan de Vries" in text

    register(service, second)
    contact = Contact(service.now() - dt.timedelta(hours=1), ContactOutcome.RESOLVED_ON_CONTACT)
    service.change(second, steps.record_contact, ANNA, contact)
    assert _buttons(ask(bolt_app, OFFICER, second))[0] == ActionId.CLOSE


def test_only_the_officer_gets_a_link_into_the_complaints_channel(service, bolt_app, deliverer):
    """Management may look a complaint up, but the channel is the officer's: no link that would
    open onto "you cannot see this channel"."""
    reference = submit_email(service).reference
    deliverer.deliver_pending()
    assert "Naar de draad" in shown(ask(bolt_app, OFFICER, reference))
    assert "Naar de draad" not in shown(ask(bolt_app, MANAGEMENT, reference))


def test_a_card_before_its_root_message_is_posted_has_no_thread_link(service, bolt_app):
    reference = submit_email(service).reference
    assert "Naar de draad" not in shown(ask(bolt_app, OFFICER, reference))


@pytest.mark.parametrize("role", ROLES)
def test_an_unknown_reference_says_so(bolt_app, role):
    answer = ask(bolt_app, ROLES[role], "K-9999-9999")
    assert answer["text"] == "Klacht K-9999-9999 bestaat niet."


def test_an_employee_sees_only_the_cards_they_were_asked_about(bolt_app, story):
    asked, other = story
    refused = ask(bolt_app, EMPLOYEE, other)
    assert "kun je niet inzien" in refused["text"] and "blocks" not in refused
    card = ask(bolt_app, EMPLOYEE, asked)
    assert _buttons(card) == []
    text = shown(card)
    for personal in ("Petra", "petra@example.nl", "06 12345678", "Zelfde klant"):
        assert personal not in text


def test_management_sees_the_card_without_contact_details(bolt_app, story):
    asked, _ = story
    card = ask(bolt_app, MANAGEMENT, asked)
    assert _buttons(card) == [ActionId.NOTE]  # management may add a note, nothing else
    text = shown(card)
    assert "Salaris en verloning" in text and "afgeschermd" in text
    for personal in ("Petra", "petra@example.nl", "06 12345678", "Mijn salaris"):
        assert personal not in text


def test_contact_details_typed_into_the_subject_reach_only_the_officer(service, bolt_app):
    """People write 'Bel mij op 06-...' in the subject line: management and the employee asked
    see the subject with the number and address masked, everywhere they see it."""
    from bot.procedure.discussion import employee_requests
    from bot.slack.views import render
    from bot.views.requests import dashboard_entry, reminder

    typed = "Bel mij terug op 06-12345678 of jan@example.nl"
    reference = submit_email(service, subject=typed).reference
    register(service, reference)
    ask_employee(service, reference, EMPLOYEE["id"])
    complaint = service.get(reference)
    (request,) = employee_requests(complaint)
    now = service.now()
    seen = {
        "card": shown(ask(bolt_app, MANAGEMENT, reference)),
        "employee card": shown(ask(bolt_app, EMPLOYEE, reference)),
        "employee list": shown(ask(bolt_app, EMPLOYEE, "lijst")),
        "employee home": json.dumps(render.blocks(dashboard_entry(complaint, request, now, now))),
    }
    for where, text in seen.items():
        assert "Bel mij terug op" in text, where
        assert "12345678" not in text and "jan@example.nl" not in text, where
    assert "06-12345678 of jan@example.nl" in shown(ask(bolt_app, OFFICER, reference))
    # Management's list names no subject at all: reference, category, kind, state, deadline.
    listed = shown(ask(bolt_app, MANAGEMENT, "lijst"))
    assert reference in listed and "Bel mij" not in listed and "12345678" not in listed
    # A reminder in the request's thread names the reference only: erasure cannot find it
    # again to rewrite it.
    said = render.text(reminder(complaint))
    assert reference in said and "Bel mij" not in said and "12345678" not in said


def test_the_card_shows_three_buttons_and_the_rest_in_an_overflow_that_works(
    service, bolt_app, fake_slack
):
    """A registered complaint has more actions than fit a phone: three buttons, the rest in
    the overflow menu; choosing 'Geen klacht' there opens its form like the button did."""
    from tests.slack.conftest import CHANNEL, dispatch_interactive
    from tests.slack.payloads import block_action

    reference = submit_email(service).reference
    register(service, reference)
    card = ask(bolt_app, OFFICER, reference)
    (row,) = [block for block in card["blocks"] if block["type"] == "actions"]
    kinds = [element["type"] for element in row["elements"]]
    assert kinds == ["button", "button", "button", "overflow"]
    overflow = row["elements"][-1]
    (reject,) = [o for o in overflow["options"] if o["text"]["text"] == "Geen klacht"]

    before = len(fake_slack.calls)
    body = block_action(OFFICER, "more_actions", "", CHANNEL)
    body["actions"][0] = {**body["actions"][0], "type": "overflow", "selected_option": reject}
    assert dispatch_interactive(bolt_app, body).status == 200
    opened = fake_slack.wait_for(
        lambda: [c for c in fake_slack.calls[before:] if c.method == "views.open"]
    )
    assert opened[0].params["view"]["callback_id"] == CallbackId.REJECT.value


def test_a_card_button_opens_its_modal(service, bolt_app, fake_slack):
    reference = submit_email(service).reference
    ask(bolt_app, OFFICER, reference)
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, reference)
    assert view["callback_id"] == CallbackId.REGISTER.value


# --- recurrence while registering ------------------------------------------------------------


def test_the_registration_modal_shows_earlier_complaints_of_the_same_complainant(
    service, bolt_app, fake_slack
):
    earlier = submit_email(service, complainant_email="petra@example.nl").reference
    register(service, earlier, complainant_phone="06 12345678")
    older = submit_email(
        service,
        complainant_email="petra@example.nl",
        received_at=service.now() - dt.timedelta(days=400),
    ).reference
    current = submit_email(service, complainant_email="petra@example.nl").reference

    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, current)
    text = json.dumps(view, ensure_ascii=False)
    assert f"Zelfde klant: 1 ({earlier})" in text and older not in text

    fresh = submit_email(service, complainant_email="nieuw@example.nl").reference
    view = click(bolt_app, fake_slack, OFFICER, ActionId.REGISTER, fresh)
    assert "Geen eerdere klachten" in json.dumps(view, ensure_ascii=False)


# --- the message shortcut, end to end -----------------------------------------------------------


def test_message_shortcut_stores_posts_and_links_a_complaint(
    service, bolt_app, deliverer, fake_slack
):
    fake_slack.add_user("UOFFICER", "Anna de Boer", "anna")
    fake_slack.add_user("UKEES", "Kees Jansen", "kees")
    typed = (
        "Factuur 2026-114 klopt niet &amp; niemand belt terug\n"
        "<@UKEES> zou het regelen, zie <https://example.nl/f/114|de factuur>"
    )
    channel = {"id": "C0GEDEELD", "name": "klant-gedeeld"}
    view = message_shortcut(bolt_app, fake_slack, channel, typed, ts="1767000000.000100")
    inputs = initial_values(view)
    assert inputs["subject"] == "Factuur 2026-114 klopt niet & niemand belt terug"
    assert inputs["body"].endswith("@Kees Jansen zou het regelen, zie de factuur")

    values = {**inputs, "complainant_name": "Bakkerij Zoet", "complainant_phone": "0201234567"}
    assert submit(bolt_app, OFFICER, view, values).body == ""
    [complaint] = service.list()
    assert (complaint.source, complaint.state) == (Source.SLACK_MESSAGE, State.RECEIVED)
    link = "https://klachten-test.slack.com/archives/C0GEDEELD/p1767000000000100"
    assert complaint.source_link == link
    assert complaint.events[0].actor_name == "Anna de Boer"

    deliverer.deliver_pending()
    [root] = fake_slack.roots("CKLACHTEN")
    assert f"<{link}|Slack-bericht>" in json.dumps(root.blocks)
    [post] = fake_slack.thread("CKLACHTEN", root.ts)
    assert "door Anna de Boer" in json.dumps(post.blocks, ensure_ascii=False)
    assert "Slack-bericht" in json.dumps(post.blocks, ensure_ascii=False)  # the source


def test_a_message_with_300_mentions_opens_the_modal_after_a_few_profile_lookups(
    service, bolt_app, fake_slack
):
    """Slack's trigger lasts three seconds: the shortcut asks Slack about at most
    LOOKUPS_PER_MESSAGE people, names those it already knows (the profile cache) without
    asking, and leaves the rest as their user id."""
    from bot.slack.profiles import LOOKUPS_PER_MESSAGE
    from storage.models.chat import Profile

    fake_slack.add_user("UOFFICER", "Anna de Boer", "anna")
    people = [f"U{number:05d}" for number in range(300)]
    for number, user_id in enumerate(people):
        fake_slack.add_user(user_id, f"Collega {number}")
    with service.db.session() as session:  # known from an earlier message
        session.add(
            Profile(surface="slack", user_id="U00299", name="Collega 299", fetched_at=service.now())
        )
    typed = "Klacht van de hele afdeling\n" + " ".join(f"<@{user_id}>" for user_id in people)

    before = len(fake_slack.calls_to("users.info"))
    view = message_shortcut(bolt_app, fake_slack, {"id": "C0GEDEELD", "name": "x"}, typed)

    asked = [call.params["user"] for call in fake_slack.calls_to("users.info")[before:]]
    assert len(set(asked) - {"UOFFICER"}) == LOOKUPS_PER_MESSAGE
    body = initial_values(view)["body"]
    assert "@Collega 0 @Collega 1 " in body and "@Collega 299" in body
    assert "@U00150" in body


def test_a_message_the_bot_cannot_see_still_becomes_a_complaint(service, bolt_app, fake_slack):
    """A direct message between two people: Slack gives the bot no link to it, but the text
    came with the shortcut."""
    fake_slack.fail("chat.getPermalink", Failure(error="channel_not_found"))
    channel = {"id": "D0PRIVE", "name": "directmessage"}
    view = message_shortcut(bolt_app, fake_slack, channel, "Klant belde: uren van week 12 missen")
    inputs = initial_values(view)
    assert inputs["subject"] == "Klant belde: uren van week 12 missen"
    assert submit(bolt_app, OFFICER, view, {**inputs, "complainant_name": "Jan"}).body == ""
    [complaint] = service.list()
    assert complaint.subject == inputs["subject"] and complaint.source_link is None


def test_an_answer_where_the_bot_is_not_present_comes_as_a_direct_message(fake_slack):
    import logging

    from slack_sdk import WebClient

    from bot.slack.errors import tell
    from tests.support.fake_slack import BOT_TOKEN

    fake_slack.fail("chat.postEphemeral", Failure(error="channel_not_found"))
    client = WebClient(token=BOT_TOKEN, base_url=fake_slack.url)
    body = {"user": {"id": "UOFFICER"}, "channel": {"id": "D0PRIVE"}}
    tell(client, body, "Dit kan niet.", logging.getLogger("test"))
    assert [m.text for m in fake_slack.roots("UOFFICER")] == ["Dit kan niet."]


def test_people_are_named_by_their_profile_asked_once(service, bolt_app, fake_slack):
    fake_slack.add_user("UOFFICER", "Anna de Boer", "Anna")
    first = submit_email(service).reference
    second = submit_email(service).reference
    for reference in (first, second):
        view = click(bolt_app, fake_slack, OFFICER, ActionId.NOTE, reference)
        submit(bolt_app, OFFICER, view, {"text": "Gebeld."})
    for reference in (first, second):
        assert service.get(reference).events[-1].actor_name == "Anna de Boer"
    assert len(fake_slack.calls_to("users.info")) == 1

    # Without a profile Slack can give, the handle stands in.
    view = click(bolt_app, fake_slack, MANAGEMENT, ActionId.NOTE, first)
    submit(bolt_app, MANAGEMENT, view, {"text": "Gezien."})
    assert service.get(first).events[-1].actor_name == "carla"
