"""The Teams directory: conversation references and members (storage.models.teams), written
when Teams says the bot was added, installed or removed, read when the bot speaks first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, fields
from types import SimpleNamespace
from typing import TypeVar

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from storage.claims import dialect_insert
from storage.db import Database
from storage.models.teams import TeamsConversation, TeamsMember
from storage.prepared import Prepared

# Built once: what every click reads does not build its statement again each time.
MEMBER = Prepared(
    select(TeamsMember.__table__).where(TeamsMember.__table__.c.user_id == bindparam("user_id"))
)


@dataclass(frozen=True)
class ConversationRef:
    """Where the bot can post: a channel (its team beside it), a personal or a group chat."""

    conversation_id: str
    kind: str  # channel, personal or groupChat
    service_url: str
    tenant_id: str | None = None
    team_id: str | None = None
    bot_id: str | None = None
    removed: bool = False


@dataclass(frozen=True)
class MemberRef:
    """A person the bot can reach; `personal_chat_id` once a personal chat exists."""

    user_id: str
    service_url: str
    aad_object_id: str | None = None
    tenant_id: str | None = None
    personal_chat_id: str | None = None
    removed: bool = False


Ref = TypeVar("Ref", ConversationRef, MemberRef)


class TeamsDirectory:
    def __init__(self, db: Database, now: Callable[[], dt.datetime]) -> None:
        self.db = db
        self.now = now

    # writing ---------------------------------------------------------------------------
    def save_conversation(self, ref: ConversationRef) -> None:
        """Add or refresh a conversation the bot is in (a second install brings it back)."""
        values = {
            "conversation_id": ref.conversation_id,
            "kind": ref.kind,
            "team_id": ref.team_id,
            "tenant_id": ref.tenant_id,
            "service_url": ref.service_url,
            "bot_id": ref.bot_id,
            "removed_at": None,
            "updated_at": self.now(),
        }
        with self.db.session() as session:
            _upsert(session, TeamsConversation, values, "conversation_id")

    def remove_conversation(self, conversation_id: str) -> None:
        """The bot was removed from a chat, or uninstalled there."""
        self._mark_removed(TeamsConversation.conversation_id == conversation_id)

    def remove_team(self, team_id: str) -> None:
        """The bot was removed from a team: none of its channels can be posted in now."""
        self._mark_removed(
            (TeamsConversation.team_id == team_id) | (TeamsConversation.conversation_id == team_id)
        )

    def save_member(self, ref: MemberRef) -> None:
        """Add or refresh a person; a personal chat already known is kept when `ref` has none."""
        values = {
            "user_id": ref.user_id,
            "aad_object_id": ref.aad_object_id,
            "tenant_id": ref.tenant_id,
            "service_url": ref.service_url,
            "personal_chat_id": ref.personal_chat_id,
            "removed_at": None,
            "updated_at": self.now(),
        }
        keep = [] if ref.personal_chat_id else ["personal_chat_id"]
        if ref.aad_object_id is None:
            keep.append("aad_object_id")
        with self.db.session() as session:
            _upsert(session, TeamsMember, values, "user_id", keep=keep)

    def set_personal_chat(self, user_id: str, chat_id: str) -> None:
        """The personal chat the Bot Connector opened with a person already stored."""
        with self.db.session() as session:
            session.execute(
                update(TeamsMember)
                .where(TeamsMember.user_id == user_id)
                .values(personal_chat_id=chat_id, removed_at=None, updated_at=self.now())
            )

    def remove_member(self, user_id: str) -> None:
        """The person left the team, or removed the app from their personal scope."""
        with self.db.session() as session:
            session.execute(
                update(TeamsMember)
                .where(TeamsMember.user_id == user_id, TeamsMember.removed_at.is_(None))
                .values(removed_at=self.now(), updated_at=self.now())
            )

    # reading ---------------------------------------------------------------------------
    def conversation(self, conversation_id: str) -> ConversationRef | None:
        with self.db.reading() as session:
            row = session.get(TeamsConversation, conversation_id)
            return _ref(ConversationRef, row) if row is not None else None

    def member(self, user_id: str) -> MemberRef | None:
        # A prepared read on the driver's connection (storage.prepared): every click and
        # message in a personal chat compares its sender with this.
        with self.db.reads() as reads:
            row = MEMBER.first(reads, user_id=user_id)
        return _ref(MemberRef, SimpleNamespace(**row)) if row is not None else None

    def member_by_object_id(self, aad_object_id: str) -> MemberRef | None:
        """The person with this Entra object id (what TEAMS_OFFICER_IDS and friends hold)."""
        query = (
            select(TeamsMember)
            .where(TeamsMember.aad_object_id == aad_object_id.lower())
            .order_by(TeamsMember.removed_at.is_not(None), TeamsMember.updated_at.desc())
            .limit(1)
        )
        with self.db.reading() as session:
            row = session.scalars(query).first()
            return _ref(MemberRef, row) if row is not None else None

    def _mark_removed(self, where: object) -> None:
        with self.db.session() as session:
            session.execute(
                update(TeamsConversation)
                .where(where, TeamsConversation.removed_at.is_(None))
                .values(removed_at=self.now(), updated_at=self.now())
            )


def _upsert(
    session: Session, model: type, values: dict[str, object], key: str, keep: list[str] = ()
) -> None:
    """Insert the row, or update every column but `key` and `keep` (concurrent writers of one
    row both succeed, the later one wins)."""
    changed = {name: value for name, value in values.items() if name not in (key, *keep)}
    statement = (
        dialect_insert(session, model)
        .values(**values)
        .on_conflict_do_update(index_elements=[key], set_=changed)
    )
    session.execute(statement)


def _ref(kind: type[Ref], row: TeamsConversation | TeamsMember | SimpleNamespace) -> Ref:
    """A row as its reference: the same names, and `removed` for a `removed_at`."""
    names = [field.name for field in fields(kind) if field.name != "removed"]
    values = {name: getattr(row, name) for name in names}
    return kind(**values, removed=row.removed_at is not None)
