"""Every view of the bot as an Adaptive Card for Teams (bot/teams/views): golden files of every
scene the Slack goldens cover (tests/views/scenes.py), each card valid Adaptive Cards 1.5 by the
Teams SDK's card models and within Teams' 28 KB, and text from outside shown as written.

After a deliberate change of what people see in Teams, regenerate the goldens with
`KLACHTENBOT_WRITE_GOLDEN=1 .venv/bin/python -m pytest tests/teams/test_cards.py`, then read the
diff of tests/teams/golden/ before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.procedure.people import Person, Surface
from bot.teams.views import render
from bot.teams.views.render import CARD_TYPE
from bot.texts import teams as teams_text
from bot.views import forms
from bot.views.context import Context
from bot.views.ids import Action, Field, FormId
from bot.views.model import (
    Actions,
    Button,
    ButtonStyle,
    Dashboard,
    Fact,
    Facts,
    FieldKind,
    FormView,
    Heading,
    Input,
    Link,
    Mention,
    Message,
    Option,
    Paragraph,
    Quote,
    Strong,
    Subtle,
    View,
)
from tests.support.golden import golden, golden_names
from tests.teams.adaptive import problems
from tests.views.scenes import SCENES

GOLDEN = Path(__file__).parent / "golden"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "teams"
TEAMS_LIMIT = 28 * 1024
UNESCAPED_LINK = re.compile(r"(?<!\\)\[|(?<!\\)\]\(")
EVA = Person(Surface.TEAMS, "8a1f0c3e-4b5d-4e6f-9a7b-1c2d3e4f5a6b", "Eva Jansen")
HOSTILE = (
    "<at>Iedereen</at> **vet** _schuin_ [Uw bank](javascript:alert(1)) <b>html</b> &amp; "
    "# kop\n- lijst\n1. een\n> citaat \x00nul \x1b[31mrood \u202eesrever `code` ~doorgehaald~"
)


def in_teams(value: Any) -> Any:
    """The view as a Teams deployment builds it: the story's people are Teams people."""
    if isinstance(value, Person):
        return dataclasses.replace(value, surface=Surface.TEAMS)
    if isinstance(value, tuple):
        return tuple(in_teams(item) for item in value)
    if isinstance(value, dict):
        return {key: in_teams(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {
            f.name: in_teams(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init
        }
        return dataclasses.replace(value, **changes)
    return value


def rendered(name: str) -> Any:
    scene = in_teams(SCENES[name]())
    if isinstance(scene, dict):
        return {part: render.render(view) for part, view in scene.items()}
    return render.render(scene)


def cards_in(shown: Any) -> list[dict[str, Any]]:
    """Every Adaptive Card in a rendered scene (an activity's attachments, a dialog's card)."""
    if isinstance(shown, dict):
        if shown.get("contentType") == CARD_TYPE:
            return [shown["content"]]
        return [card for value in shown.values() for card in cards_in(value)]
    if isinstance(shown, list):
        return [card for item in shown for card in cards_in(item)]
    return []


def texts_in(node: Any) -> list[str]:
    """Every text a card shows as markdown (TextBlock text, fact titles and values)."""
    if isinstance(node, dict):
        own = [node[key] for key in ("text", "title", "value") if isinstance(node.get(key), str)]
        if node.get("type") == "mention":
            return []
        return own + [text for value in node.values() for text in texts_in(value)]
    if isinstance(node, list):
        return [text for item in node for text in texts_in(item)]
    return []


def only_card(view: View) -> dict[str, Any]:
    (card,) = cards_in(render.render(view))
    assert problems(card) == []
    return card


def size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


@pytest.mark.parametrize("name", sorted(SCENES))
def test_every_view_renders_as_its_golden_file(name: str) -> None:
    shown, expected = golden(GOLDEN, name, rendered(name))
    assert shown == expected


def test_every_golden_file_has_its_view() -> None:
    assert golden_names(GOLDEN) == set(SCENES)


@pytest.mark.parametrize("path", sorted(GOLDEN.rglob("*.json")), ids=lambda path: path.stem)
def test_every_golden_card_is_adaptive_card_1_5_within_28_kb(path: Path) -> None:
    shown = json.loads(path.read_text())
    cards = cards_in(shown)
    assert cards, path
    for card in cards:
        assert card["type"] == "AdaptiveCard" and card["version"] == "1.5"
        assert problems(card) == [], path
    parts = shown.values() if not {"type", "title"} & shown.keys() else [shown]
    for part in parts:
        assert size(part) <= TEAMS_LIMIT, path


def test_the_card_check_finds_what_is_not_adaptive_cards_1_5() -> None:
    """Not blind: a misspelt property, a wrong value, an unknown key in a fact and an element
    newer than 1.5 are each found."""
    card = {
        "type": "AdaptiveCard",
        "version": "1.5",
        "body": [
            {"type": "Table", "first_row_as_header": True},
            {"type": "TextBlock", "text": "x", "size": "Huge"},
            {"type": "FactSet", "facts": [{"title": "a", "valu": "b"}]},
            {"type": "Icon", "name": "Calendar"},
        ],
    }
    found = "\n".join(problems(card))
    for wrong in ("first_row_as_header", "Huge", "facts.valu", "Icon"):
        assert wrong in found


def test_buttons_are_execute_actions_with_the_shared_action_id_and_the_complaint() -> None:
    card = only_card(SCENES["card/received"]())
    (show, action_set) = [part for part in card["body"] if part["type"] == "ActionSet"]
    # Above the steps: the whole text in place, without a round trip to the bot.
    (whole,) = show["actions"]
    assert whole["type"] == "Action.ShowCard" and whole["title"] == "Hele tekst"
    assert "Met vriendelijke groet" in json.dumps(whole["card"], ensure_ascii=False)
    register = action_set["actions"][0]
    assert register["type"] == "Action.Execute"
    assert register["verb"] == Action.REGISTER.value
    assert register["data"] == {"reference": "K-2026-0001"}
    assert register["style"] == "positive"
    assert Context.load(json.dumps(register["data"])) == Context(reference="K-2026-0001")


def test_more_buttons_than_teams_shows_go_into_the_overflow_menu() -> None:
    buttons = tuple(
        Button(Action.NOTE, f"Knop {n}", Context(reference="K-2026-0001")) for n in range(8)
    )
    card = only_card(Message("x", ("x",), (Actions(buttons),)))
    modes = [action.get("mode", "primary") for action in card["body"][0]["actions"]]
    assert modes == ["primary"] * 3 + ["secondary"] * 5  # three side by side on a phone


def test_a_teams_person_is_mentioned_with_an_entity_and_anyone_else_by_name() -> None:
    slack_person = Person(Surface.SLACK, "UBRAM", "Bram Smit")
    view = Message(
        "x", ("x",), (Paragraph((("Vraag aan ", Mention(EVA), " en ", Mention(slack_person)),)),)
    )
    card = only_card(view)
    assert card["body"][0]["text"] == "Vraag aan <at>Eva Jansen</at> en Bram Smit"
    assert card["msteams"]["entities"] == [
        {
            "type": "mention",
            "text": "<at>Eva Jansen</at>",
            "mentioned": {"id": EVA.id, "name": "Eva Jansen"},
        }
    ]


def test_a_name_with_markdown_characters_is_mentioned_with_its_entity() -> None:
    odd = Person(Surface.TEAMS, "id-2", "Jan_de *Vries*")
    card = only_card(Message("x", ("x",), (Paragraph((("Door ", Mention(odd)),)),)))
    assert card["body"][0]["text"] == "Door <at>Jande Vries</at>"
    (entity,) = card["msteams"]["entities"]
    assert (
        entity["text"] == "<at>Jande Vries</at>" and entity["mentioned"]["name"] == "Jan_de *Vries*"
    )


def test_a_mention_has_the_shape_of_a_recorded_teams_mention() -> None:
    sample = CORPUS / "outbound" / "send_activity_reply_adaptive_card_with_mentions.json"
    if not sample.exists():
        pytest.skip(f"Teams corpus not found at {sample} (../shared/corpus/teams)")
    text = sample.read_text()
    assert '"mention"' in text and "<at>" in text
    card = only_card(Message("x", ("x",), (Paragraph(((Mention(EVA),),)),)))
    (entity,) = card["msteams"]["entities"]
    assert set(entity) == {"type", "text", "mentioned"} and set(entity["mentioned"]) == {
        "id",
        "name",
    }


def test_hostile_text_is_shown_as_written_and_cut() -> None:
    """Markdown, <at>, HTML, entities, control characters and 10,000 characters from an e-mail
    or a name: nothing becomes markup, a mention, a link or a hidden character."""
    hostile_person = Person(Surface.TEAMS, "id-1", "</at><at>Iedereen")
    long = "x" * 10_000
    view = Message(
        "x",
        (HOSTILE,),
        (
            Heading(HOSTILE),
            Paragraph(((HOSTILE,), Quote((HOSTILE, long)), ("Door ", Mention(hostile_person)))),
            Facts((Fact(HOSTILE, (HOSTILE,)),)),
            Subtle(((Link("javascript:alert(1)", HOSTILE),), (long,))),
        ),
    )
    card = only_card(view)
    shown = texts_in(card)
    for text in shown:
        without_mention = text.replace("<at>&lt;/at&gt;&lt;at&gt;Iedereen</at>", "")
        assert "<" not in without_mention, text
        assert not any(c in text for c in "\x00\x1b\u202e"), text
        assert not UNESCAPED_LINK.search(text), text
        assert len(text) <= 2100, len(text)
    first = card["body"][1]["text"]
    assert first.startswith(
        "&lt;at&gt;Iedereen&lt;/at&gt; \\*\\*vet\\*\\* \\_schuin\\_ \\[Uw bank\\]"
    )
    assert "&amp;amp; # kop\n\n\\- lijst\n\n1\\. een\n\n&gt; citaat nul \\[31mrood" in first
    assert card["msteams"]["entities"][0]["text"] == "<at>&lt;/at&gt;&lt;at&gt;Iedereen</at>"
    assert size(card) <= render.CARD_LIMIT


def test_a_link_keeps_its_address_and_shows_its_label_escaped() -> None:
    link = Link("https://klacht.example/k?id=1 (x)", "Bekijk [hier]")
    card = only_card(Message("x", ("x",), (Paragraph(((link,),)),)))
    assert card["body"][0]["text"] == "[Bekijk \\[hier\\]](https://klacht.example/k?id=1%20%28x%29)"


def test_a_card_too_big_for_teams_is_cut_to_fit_and_says_so() -> None:
    rows = tuple((f"K-2026-{n:04d} {'lang onderwerp ' * 30}",) for n in range(300))
    view = Dashboard("home:officer", ("Overzicht",), (Heading("Overzicht"), Paragraph(rows)))
    card = only_card(view)
    assert size(card) <= render.CARD_LIMIT
    assert card["body"][0]["text"] == "Overzicht"
    assert card["body"][-1]["text"] == teams_text.CARD_SHORTENED


def _form(errors: dict[str, str]) -> FormView:
    return FormView(
        key="form",
        form=FormId.CONTACT,
        title="Contact vastleggen",
        submit="Opslaan",
        cancel="Annuleren",
        context=Context(reference="K-2026-0001", channel="19:abc@thread.tacv2"),
        blocks=(
            Input(
                Field.CONTACTED_AT, "Wanneer", FieldKind.DATE_TIME, dt.datetime(2026, 12, 7, 10, 30)
            ),
            Input(
                Field.OUTCOME,
                "Uitkomst",
                FieldKind.RADIO,
                "reached",
                options=(Option("reached", "Bereikt"), Option("not_reached", "Niet bereikt")),
            ),
            Input(
                Field.AGREED_MEASURES,
                "Afspraken",
                FieldKind.LONG_TEXT,
                "Bel\x00 terug",
                optional=True,
                hint="Kort",
            ),
            Input(Field.EMPLOYEE_IDS, "Medewerkers", FieldKind.PEOPLE, max_selected=3),
        ),
        errors=errors,
    )


def test_a_form_is_a_dialog_with_inputs_their_values_and_each_error_at_its_field() -> None:
    shown = render.render(_form({Field.OUTCOME.value: "Kies of je de klant hebt bereikt."}))
    assert shown["title"] == "Contact vastleggen"
    card = shown["card"]["content"]
    assert problems(card) == []
    body = card["body"]
    kinds = [(part["type"], part.get("id")) for part in body]
    assert kinds == [
        ("Input.Date", "contacted_at"),
        ("Input.Time", "contacted_at__time"),
        ("Input.ChoiceSet", "outcome"),
        ("TextBlock", None),
        ("Input.Text", "agreed_measures"),
        ("TextBlock", None),
        ("Input.ChoiceSet", "employee_ids"),
    ]
    assert (body[0]["value"], body[1]["value"]) == ("2026-12-07", "10:30")
    assert body[2]["value"] == "reached" and body[2]["style"] == "expanded"
    assert body[2]["errorMessage"] == "Kies of je de klant hebt bereikt."
    assert body[3] == {
        "type": "TextBlock",
        "text": "Kies of je de klant hebt bereikt.",
        "color": "Attention",
        "spacing": "None",
        "wrap": True,
    }
    assert body[4]["value"] == "Bel terug" and body[4]["isMultiline"] and not body[4]["isRequired"]
    assert body[5]["isSubtle"] and body[5]["text"] == "Kort"
    assert body[6]["choices.data"]["dataset"] == "graph.microsoft.com/users"
    assert body[6]["isMultiSelect"] is True
    (submit,) = card["actions"]
    assert submit["type"] == "Action.Submit"
    assert submit["data"] == {
        "form": "contact_modal",
        "context": {"reference": "K-2026-0001", "channel": "19:abc@thread.tacv2"},
    }


def test_a_form_without_errors_shows_none() -> None:
    card = render.render(_form({}))["card"]["content"]
    assert not [part for part in card["body"] if part.get("color") == "Attention"]


def test_the_summary_is_plain_text_for_the_notification() -> None:
    view = Message("x", (Strong(("Klacht",)), " van ", Mention(EVA)), (Heading("x"),))
    assert render.render(view)["summary"] == "Klacht van Eva Jansen"


def test_a_primary_and_a_destructive_button_keep_their_meaning() -> None:
    buttons = (
        Button(Action.CLOSE, "Afsluiten", Context(reference="K"), ButtonStyle.PRIMARY),
        Button(Action.REJECT, "Geen klacht", Context(reference="K"), ButtonStyle.DESTRUCTIVE),
    )
    card = only_card(Message("x", ("x",), (Actions(buttons),)))
    assert [a["style"] for a in card["body"][0]["actions"]] == ["positive", "destructive"]


def test_a_field_with_one_option_to_tick_is_a_toggle() -> None:
    """A check box (a kind of field beside text, choices, people and dates, with its one
    option) is an Input.Toggle, ticked as it was."""
    tick = Input(Field.SHARE_CONTACT, "Gegevens", "checkbox", "yes", (Option("yes", "Delen"),))  # type: ignore[arg-type]
    (ticked,) = render.inputs(tick)
    assert ticked.model_dump(by_alias=True, exclude_none=True) == {
        "type": "Input.Toggle",
        "id": "share_contact",
        "label": "Gegevens",
        "isRequired": False,
        "errorMessage": teams_text.REQUIRED,
        "title": "Delen",
        "value": "yes",
        "valueOn": "yes",
        "valueOff": "",
    }
    (unticked,) = render.inputs(dataclasses.replace(tick, initial=None))
    assert unticked.value == ""


def test_a_form_in_a_card_shows_each_views_own_values_though_rendered_forms_are_kept() -> None:
    form = _form({})
    first = render.form_in_card(form, "cancel")
    first["body"].clear()  # what a caller does with its answer is not kept
    again = render.form_in_card(form, "cancel")
    assert again["body"] and again == render.form_in_card(form, "cancel")

    # The same moment in another zone is another value on the form (it reads 09:30, not 10:30).
    amsterdam = dt.timezone(dt.timedelta(hours=1))
    moment = dt.datetime(2026, 12, 7, 10, 30, tzinfo=amsterdam)
    at = dataclasses.replace(form.blocks[0], initial=moment)
    shown = dataclasses.replace(form, blocks=(at, *form.blocks[1:]))
    elsewhere = dataclasses.replace(at, initial=moment.astimezone(dt.UTC))
    moved = dataclasses.replace(form, blocks=(elsewhere, *form.blocks[1:]))
    assert render.form_in_card(shown, "cancel")["body"][2]["value"] == "10:30"
    assert render.form_in_card(moved, "cancel")["body"][2]["value"] == "09:30"

    # An error at a field is shown, and gone once the form comes without it.
    refused = dataclasses.replace(form, errors={Field.OUTCOME.value: "Kies er een."})
    assert "Kies er een." in json.dumps(render.form_in_card(refused, "cancel"))
    assert "Kies er een." not in json.dumps(render.form_in_card(form, "cancel"))


def test_a_choice_shows_its_own_labels_though_lists_of_options_are_kept() -> None:
    # Each list of labels is made into options once; a list that differs in one label is its
    # own, on the card and in the key its form is kept by.
    first = forms.options({"ja": "Ja", "nee": "Nee"})
    other = forms.options(dict({"ja": "Ja", "nee": "Nee, liever niet"}))
    assert forms.options({"ja": "Ja", "nee": "Nee"}) == first
    assert repr(first) != repr(other)
    for shown, label in ((first, "Nee"), (other, "Nee, liever niet")):
        field = Input(Field.CATEGORY, "Soort", FieldKind.SELECT, None, shown)
        (choices,) = render.inputs(field)
        assert [choice.title for choice in choices.choices] == ["Ja", label]
