"""Checking a card against Adaptive Cards 1.5 with the Teams SDK's own card models: each object
that names its `type` is validated by the SDK's model of that type, and a key the model does not
know (a typo such as `first_row_as_header`, which the models would otherwise carry along as an
extra) is an error, as is an element that Adaptive Cards 1.5 does not have."""

from __future__ import annotations

import inspect
from typing import Any

from microsoft_teams.cards import core
from pydantic import BaseModel, ValidationError

# Adaptive Cards 1.5 and what Teams adds to it (mentions, the people picker's query).
VERSION_1_5 = {
    "AdaptiveCard",
    "TextBlock",
    "RichTextBlock",
    "TextRun",
    "Image",
    "ImageSet",
    "Media",
    "FactSet",
    "Container",
    "ColumnSet",
    "Column",
    "ActionSet",
    "Table",
    "TableRow",
    "TableCell",
    "Input.Text",
    "Input.Number",
    "Input.Date",
    "Input.Time",
    "Input.Toggle",
    "Input.ChoiceSet",
    "Action.Execute",
    "Action.Submit",
    "Action.OpenUrl",
    "Action.ShowCard",
    "Action.ToggleVisibility",
    "mention",
    "Data.Query",
}
# Base classes whose fields hold any element: each such element is checked on its own.
OPEN = (core.CardElement, core.Action, core.ContainerLayout)


def _models() -> dict[str, type[BaseModel]]:
    models: dict[str, type[BaseModel]] = {}
    for _name, model in inspect.getmembers(core, inspect.isclass):
        if issubclass(model, core.SerializableObject) and "type" in model.model_fields:
            default = model.model_fields["type"].default
            if isinstance(default, str):
                models.setdefault(default, model)
    return models


MODELS = _models()


def problems(node: Any, where: str = "card") -> list[str]:
    """What is not Adaptive Cards 1.5 in `node`, with where it is."""
    found: list[str] = []
    if isinstance(node, list):
        for number, item in enumerate(node):
            found += problems(item, f"{where}[{number}]")
        return found
    if not isinstance(node, dict):
        return found
    kind = node.get("type")
    if isinstance(kind, str):
        if kind not in VERSION_1_5 or kind not in MODELS:
            found.append(f"{where}: {kind} is not an Adaptive Card 1.5 element")
        else:
            try:
                model = MODELS[kind].model_validate(node)
            except ValidationError as error:
                found.append(f"{where}: {kind}: {error}")
            else:
                found += [f"{where}: {kind}: unknown {key}" for key in _extras(model)]
    for key, value in node.items():
        found += problems(value, f"{where}.{key}")
    return found


def _extras(model: BaseModel) -> list[str]:
    """Keys no model knows, in the model and in the typed objects inside it (a Fact, a Choice)."""
    if type(model) in OPEN:
        return []  # an element in an open slot: checked on its own by its type
    extras = list(model.model_extra or {})
    for name in type(model).model_fields:
        if name == "data":
            continue  # what an action hands back: the card's own, free of form
        value = getattr(model, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel):
                extras += [f"{name}.{key}" for key in _extras(item)]
    return extras


CARD = "application/vnd.microsoft.card.adaptive"


def dialog_card(answer: dict[str, Any]) -> dict[str, Any]:
    """The card of a `continue` task (a dialog), checked as Adaptive Card 1.5."""
    task = answer["task"]
    assert task["type"] == "continue" and task["value"]["title"], answer
    assert task["value"]["card"]["contentType"] == CARD
    shown = task["value"]["card"]["content"]
    assert problems(shown) == []
    return shown


def by_id(shown: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A card's inputs by their id."""
    return {part["id"]: part for part in shown["body"] if "id" in part}


def texts(shown: dict[str, Any]) -> str:
    """What a card's text blocks say."""
    return " ".join(part.get("text", "") for part in shown["body"])
