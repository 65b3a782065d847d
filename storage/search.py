"""Finding complaints: text search, the open list, dashboard counts and recurrence.

Text search uses each database's own index, never a scan: FTS5 on SQLite (kept in step by
triggers), a GIN index over a `simple` text-search vector on PostgreSQL. Every read here is a
Core query without history, so a listing of many complaints stays cheap.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Select,
    and_,
    bindparam,
    case,
    column,
    func,
    literal_column,
    or_,
    select,
    table,
    text,
)
from sqlalchemy.orm import Session

from bot.masking import masked, plain, searchable_words
from bot.phones import normalize_phone
from bot.procedure import OPEN_STATES, Complaint, Route
from bot.procedure.model import REFERENCE
from bot.procedure.overview import Counts, Pattern, Recurrence
from storage.complaints import ComplaintStore
from storage.eventlog import SQLITE_PERMIT_TABLE
from storage.models import ComplaintRow, EmployeeMessage
from storage.models.complaints import RECOURSE_OPEN
from storage.prepared import Prepared, Reads

SEARCH_COLUMNS = ("reference", "complainant_name", "complainant_email", "subject", "body")
SQLITE_FTS_TABLE = "complaints_fts"
PG_SEARCH_INDEX = "ix_complaints_search"
PG_SEARCH_COLUMN = "search_vector"
# Objects the models do not describe (virtual tables, expression indexes, the event log's
# permit table): schema comparisons skip them.
UNMODELLED = frozenset(
    {
        SQLITE_FTS_TABLE,
        *(f"{SQLITE_FTS_TABLE}_{part}" for part in ("data", "idx", "content", "docsize", "config")),
        PG_SEARCH_INDEX,
        PG_SEARCH_COLUMN,
        SQLITE_PERMIT_TABLE,
    }
)
# A 1 MB e-mail must not overflow PostgreSQL's tsvector (1 MB); the start of a text holds what
# anyone searches for.
PG_TEXT_LIMIT = 100_000
PG_VECTOR = "to_tsvector('simple'::regconfig, {})".format(
    " || ' ' || ".join(
        f"left(coalesce({column}, ''), {PG_TEXT_LIMIT})" for column in SEARCH_COLUMNS
    )
)

MAX_WORDS = 8
MAX_WORD = 40
WORD = re.compile(r"\w+")
# How many of the newest complaints a PostgreSQL search reads before it asks the index for
# all matches (see ComplaintFinder._pg_recent).
PG_RECENT_WINDOW = 5000
PG_SPECIAL = re.compile(r"[^\w@.+-]")
PHONE_LIKE = re.compile(r"\+?[\d\s().-]{6,30}")
YEAR = dt.timedelta(days=365)
RECURRENCE_SHOWN = 5
# Candidates a masked search (management, employees) reads at a time.
MASKED_BATCH = 200
# At most this many candidates are read for one masked search; past it the page says there may
# be more (narrow the search down), rather than reading thousands of complaints.
MASKED_CANDIDATES = 2000
# The indexed columns a masked search asks FTS5 about: not the name or the address.
MASKED_COLUMNS = "{reference subject body}"


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic's `include_name` hook: leave the search objects out of schema comparisons."""
    return name not in UNMODELLED


def sqlite_fts_sql() -> str:
    return (
        f"CREATE VIRTUAL TABLE {SQLITE_FTS_TABLE} USING fts5("
        f"{', '.join(SEARCH_COLUMNS)}, content='complaints', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3')"
    )


def sqlite_triggers() -> list[str]:
    """Triggers that keep the FTS5 table in step with `complaints` (external content)."""
    columns = ", ".join(SEARCH_COLUMNS)
    new = ", ".join(f"new.{column}" for column in SEARCH_COLUMNS)
    old = ", ".join(f"old.{column}" for column in SEARCH_COLUMNS)
    table = SQLITE_FTS_TABLE
    delete = f"INSERT INTO {table}({table}, rowid, {columns}) VALUES ('delete', old.id, {old});"
    insert = f"INSERT INTO {table}(rowid, {columns}) VALUES (new.id, {new});"
    return [
        f"CREATE TRIGGER {table}_ai AFTER INSERT ON complaints BEGIN {insert} END",
        f"CREATE TRIGGER {table}_ad AFTER DELETE ON complaints BEGIN {delete} END",
        f"CREATE TRIGGER {table}_au AFTER UPDATE OF {columns} ON complaints "
        f"BEGIN {delete} {insert} END",
    ]


def pg_search_sql() -> list[str]:
    """A stored generated tsvector column and its GIN index: the vector is computed once per
    write, not again for every row a search has to recheck."""
    return [
        f"ALTER TABLE complaints ADD COLUMN {PG_SEARCH_COLUMN} tsvector "
        f"GENERATED ALWAYS AS ({PG_VECTOR}) STORED",
        f"CREATE INDEX {PG_SEARCH_INDEX} ON complaints USING gin ({PG_SEARCH_COLUMN})",
    ]


@dataclass(frozen=True)
class Found:
    """At most `limit` complaints, newest first; `more` when others matched too."""

    complaints: list[Complaint]
    more: bool


class ComplaintFinder:
    """Read-only queries in one session (`recurrence` also on the driver's connection,
    Database.reads: its reads are prepared); `employee_id` narrows any of them to the
    complaints that employee was asked about."""

    def __init__(self, session: Session | Reads, store: ComplaintStore) -> None:
        self.session = session
        self.store = store
        self.table = ComplaintRow.__table__
        bind = session.get_bind() if isinstance(session, Session) else session
        self.dialect = bind.dialect.name

    def search(
        self,
        words: str,
        *,
        employee_id: str | None = None,
        limit: int = 20,
        contact_details: bool = True,
        categories: Mapping[str, str] | None = None,
    ) -> Found:
        """By reference, phone (any format), or words in name, e-mail, subject and text;
        newest first: in the order the complaints were received and stored (id). Without
        `contact_details` (management, employees) only by reference, category (its code or
        the words of its label in `categories`) and the words of the masked subject and text
        (bot.masking): never by name, address or number, however they are typed."""
        needle = words.strip()
        if not contact_details:
            return self._masked_search(needle, employee_id, limit, categories or {})
        query = self._exact(needle)
        if query is None and self.dialect == "sqlite":
            query = self._fts5(needle)
        elif query is None:
            match = _tsquery(needle)
            if match is None:
                return Found([], more=False)
            if employee_id is None:
                recent = self._found(self._pg_recent(match), limit)
                if recent.more:
                    return recent
            query = self._pg_words(match)
        if query is None:
            return Found([], more=False)
        if employee_id is not None:
            query = query.where(self._asked(employee_id))
        return self._found(query, limit)

    def _masked_search(
        self, needle: str, employee_id: str | None, limit: int, categories: Mapping[str, str]
    ) -> Found:
        """The index finds candidates (every word in some column, or naming the category);
        each is kept only when every word is in what a masked view shows of it. Candidates are
        read newest first in batches, until the page is full."""
        c = self.table.c
        if REFERENCE.fullmatch(needle):
            query = select(self.table).where(c.reference == needle.upper())
            if employee_id is not None:
                query = query.where(self._asked(employee_id))
            return self._found(query, limit)
        words = [plain(word) for word in _words(needle)]
        if not words:
            return Found([], more=False)
        conditions = [self._word_condition(word, categories) for word in words]
        if employee_id is not None:
            conditions.append(self._asked(employee_id))
        kept: list[Complaint] = []
        before: int | None = None
        read = 0
        # A common word fills the page from the first few candidates: read a page's worth
        # first, then larger batches.
        batch = limit + 1
        while len(kept) <= limit:
            query = select(self.table).where(*conditions)
            if before is not None:
                query = query.where(c.id < before)
            rows = self.session.execute(query.order_by(c.id.desc()).limit(batch)).mappings().all()
            for row in rows:
                complaint = self.store.without_history(row)
                if _shows_every_word(complaint, words, categories):
                    kept.append(complaint)
                    if len(kept) > limit:
                        break
            read += len(rows)
            if len(rows) < batch or len(kept) > limit:
                break
            batch = MASKED_BATCH
            if read >= MASKED_CANDIDATES:
                return Found(kept[:limit], more=True)
            before = rows[-1]["id"]
        return Found(kept[:limit], more=len(kept) > limit)

    def _word_condition(self, word: str, categories: Mapping[str, str]) -> Any:
        """Complaints with `word` (as a prefix) in the index (on SQLite only in the reference,
        subject and text), or in a category whose code or label has it."""
        c = self.table.c
        prefix = len(word) > 1
        if self.dialect == "sqlite":
            quoted = f'"{word}"*' if prefix else f'"{word}"'
            term = f"{MASKED_COLUMNS} : {quoted}"
            in_text = c.id.in_(
                select(literal_column("rowid"))
                .select_from(table(SQLITE_FTS_TABLE))
                .where(text(f"{SQLITE_FTS_TABLE} MATCH :w").bindparams(w=term))
            )
        else:
            term = _tsquery(word)
            if term is None:
                in_text = literal_column("false")
            else:
                in_text = text(
                    f"{PG_SEARCH_COLUMN} @@ to_tsquery('simple'::regconfig, :w)"
                ).bindparams(**{"w": term})
        named = _categories_named(word, categories)
        if not named:
            return in_text
        return or_(in_text, c.category.in_(named))

    def open_complaints(
        self, now: dt.datetime, *, employee_id: str | None = None, limit: int = 20
    ) -> Found:
        """Open complaints: overdue first, then by contact deadline; then the closed ones whose
        recourse runs (Complaint.needs_attention), oldest recourse first."""
        c = self.table.c
        is_open = c.state.in_([state.value for state in OPEN_STATES])
        query = select(self.table).where(or_(is_open, text(RECOURSE_OPEN)))
        if employee_id is not None:
            query = query.where(self._asked(employee_id))
        overdue = and_(is_open, c.contacted_at.is_(None), c.contact_deadline <= now)
        rank = case((overdue, 0), (is_open, 1), else_=2)
        query = query.order_by(rank, c.contact_deadline, c.id)
        return self._found(query, limit)

    def overdue(self, now: dt.datetime, *, limit: int = 20) -> Found:
        """Open complaints whose contact deadline passed without contact (escalated)."""
        c = self.table.c
        query = (
            select(self.table)
            .where(
                c.state.in_([state.value for state in OPEN_STATES]),
                c.contacted_at.is_(None),
                c.contact_deadline <= now,
            )
            .order_by(c.contact_deadline, c.id)
        )
        return self._found(query, limit)

    def counts(self, now: dt.datetime) -> Counts:
        c = self.table.c
        overdue = and_(c.contacted_at.is_(None), c.contact_deadline <= now)
        row = self.session.execute(
            select(
                func.coalesce(func.sum(case((overdue, 1), else_=0)), 0),
                func.count(),
            ).where(c.state.in_([state.value for state in OPEN_STATES]))
        ).one()
        return Counts(*(int(value) for value in row))

    def recurrence(self, complaint: Complaint) -> Recurrence:
        """Complaints received in the 12 months before this one with the same complainant
        (e-mail or phone), about the same employee, or in the same category: what the officer
        weighs it against, whether it is new or looked up later."""
        # The stored spelling of the e-mail address and its lower case, on the plain index:
        # mail programs keep one person's spelling, and a lower() expression index cannot be
        # reflected.
        email = complaint.complainant_email
        phone = complaint.complainant_phone
        same = {"email": email, "email_lower": email.lower() if email else None, "phone": phone}
        complainant = Pattern()
        if email or phone:
            kind = "email_or_phone" if email and phone else "email" if email else "phone"
            complainant = self._pattern(complaint, kind, same)
        employee, category = Pattern(), Pattern()
        if complaint.employee_id:
            employee = self._pattern(complaint, "employee", {"employee": complaint.employee_id})
        if complaint.category:
            category = self._pattern(complaint, "category", {"category": complaint.category.value})
        return Recurrence(complainant=complainant, employee=employee, category=category)

    def _pattern(self, complaint: Complaint, kind: str, values: dict[str, Any]) -> Pattern:
        count_of, latest = RECURRENCE[kind]
        received = complaint.received_at
        values = {**values, "since": received - YEAR, "before": received}
        count = count_of.scalar(self.session, **values)
        if not count:
            return Pattern()
        return Pattern(int(count), tuple(latest.scalars(self.session, **values)))

    def _asked(self, employee_id: str) -> Any:
        """Complaints `employee_id` was asked about: the employee concerned, or one of those
        sent the request for their side. Never a signal of discrimination: an employee sees
        only the officer's request about it (roles.may_see)."""
        c = self.table.c
        asked = select(EmployeeMessage.complaint_id).where(
            EmployeeMessage.employee_id == employee_id
        )
        return and_(
            c.route != Route.DISCRIMINATION.value,
            or_(c.employee_id == employee_id, c.id.in_(asked)),
        )

    def _exact(self, needle: str) -> Select[Any] | None:
        """A reference or a phone number: one indexed lookup."""
        c = self.table.c
        if REFERENCE.fullmatch(needle):
            return select(self.table).where(c.reference == needle.upper())
        if PHONE_LIKE.fullmatch(needle):
            try:
                phone = normalize_phone(needle)
            except ValueError:
                return None
            return select(self.table).where(c.complainant_phone == phone).order_by(c.id.desc())
        return None

    def _fts5(self, needle: str) -> Select[Any] | None:
        match = _fts5_query(needle)
        if match is None:
            return None
        # FTS5 drives the join in its own rowid order (= complaint id), newest first, and stops
        # after the first hits instead of sorting them all.
        fts = table(SQLITE_FTS_TABLE, column("rowid"))
        return (
            select(self.table)
            .join(fts, fts.c.rowid == self.table.c.id)
            .where(text(f"{SQLITE_FTS_TABLE} MATCH :q").bindparams(q=match))
            .order_by(fts.c.rowid.desc())
        )

    def _pg_recent(self, match: str) -> Select[Any]:
        """Matches among the newest complaints only. A common word fills the page from there
        in a few milliseconds, where the planner, unable to estimate a word's frequency,
        might otherwise walk the whole table backwards looking for a rare one."""
        vector = literal_column(PG_SEARCH_COLUMN)
        newest = (
            select(self.table, vector)
            .order_by(self.table.c.id.desc())
            .limit(PG_RECENT_WINDOW)
            .subquery("newest")
        )
        condition = text(f"newest.{PG_SEARCH_COLUMN} @@ to_tsquery('simple'::regconfig, :q)")
        return (
            select(*(newest.c[field.name] for field in self.table.c))
            .where(condition.bindparams(q=match))
            .order_by(newest.c.id.desc())
        )

    def _pg_words(self, match: str) -> Select[Any]:
        """Every match through the GIN index, then the newest: ordering by an expression keeps
        the planner from the backward walk over the primary key."""
        condition = text(f"{PG_SEARCH_COLUMN} @@ to_tsquery('simple'::regconfig, :q)")
        return (
            select(self.table)
            .where(condition.bindparams(q=match))
            .order_by((self.table.c.id + 0).desc())
        )

    def _found(self, query: Select[Any], limit: int) -> Found:
        rows = self.session.execute(query.limit(limit + 1)).mappings().all()
        complaints = [self.store.without_history(row) for row in rows[:limit]]
        return Found(complaints, more=len(rows) > limit)


def _categories_named(word: str, categories: Mapping[str, str]) -> list[str]:
    """The categories whose code or a word of whose label starts with `word`."""
    return [
        code
        for code, label in categories.items()
        if any(part.startswith(word) for part in searchable_words([code, label]))
    ]


def _shows_every_word(
    complaint: Complaint, words: list[str], categories: Mapping[str, str]
) -> bool:
    """Whether every word is in what a masked view shows: the reference, the category and the
    subject and text with contact details and the complainant's name masked."""
    category = complaint.category.value if complaint.category else ""
    shown = searchable_words(
        [
            complaint.reference or "",
            category,
            categories.get(category, ""),
            masked(complaint.subject, complaint),
            masked(complaint.body[:PG_TEXT_LIMIT], complaint),
        ]
    )
    return all(
        any(shown_word.startswith(word) for shown_word in shown) if len(word) > 1 else word in shown
        for word in words
    )


def _words(needle: str) -> list[str]:
    return [word[:MAX_WORD] for word in WORD.findall(needle.lower())[:MAX_WORDS]]


def _fts5_query(needle: str) -> str | None:
    """Every word, as a prefix from two letters on; quoted, so no FTS5 syntax gets through."""
    words = _words(needle)
    if not words:
        return None
    return " AND ".join(f'"{word}"*' if len(word) > 1 else f'"{word}"' for word in words)


def _tsquery(needle: str) -> str | None:
    """Every whitespace-separated word as a quoted prefix (from two letters on, as on SQLite);
    PostgreSQL's own parser then splits
    it as it split the indexed text (an e-mail address stays one lexeme)."""
    words = [PG_SPECIAL.sub("", word)[:MAX_WORD] for word in needle.lower().split()[:MAX_WORDS]]
    words = [word for word in words if WORD.search(word)]
    if not words:
        return None
    return " & ".join(f"'{word}':*" if len(word) > 1 else f"'{word}'" for word in words)


def _recurrence_statements() -> dict[str, tuple[Prepared, Prepared]]:
    """Per kind of likeness, the count of earlier complaints like one and the latest of their
    references, with the values as parameters: built once, as every click on a form that shows
    them runs them."""
    c = ComplaintRow.__table__.c
    email = or_(
        c.complainant_email == bindparam("email"), c.complainant_email == bindparam("email_lower")
    )
    phone = c.complainant_phone == bindparam("phone")
    same = {
        "email": email,
        "phone": phone,
        "email_or_phone": or_(email, phone),
        "employee": c.employee_id == bindparam("employee"),
        "category": c.category == bindparam("category"),
    }
    earlier = (c.received_at >= bindparam("since"), c.received_at < bindparam("before"))
    return {
        kind: (
            Prepared(
                select(func.count()).select_from(ComplaintRow.__table__).where(condition, *earlier)
            ),
            Prepared(
                select(c.reference)
                .where(condition, *earlier)
                .order_by(c.received_at.desc())
                .limit(RECURRENCE_SHOWN)
            ),
        )
        for kind, condition in same.items()
    }


RECURRENCE = _recurrence_statements()
