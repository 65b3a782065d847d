"""Adversarial e-mail shapes: what makes a backtracking pattern or a look-ahead parser take
quadratic time, MIME nested past any sane depth, and messages that cost memory: many parts,
megabytes of text (tests and bench/hostile.py)."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

MB = 1024 * 1024


def repeated(unit: str, size: int = MB) -> str:
    return unit * (size // len(unit))


# Shapes whose cost a scan could make grow with the square of their size: one line repeating
# a marker, many marker lines, deep quoting on one line and on many.
GROWING_SHAPES: dict[str, Callable[[int], str]] = {
    "one line repeating a marker": lambda size: repeated("forwarded message ", size),
    "many marker lines": lambda size: repeated("---------- Forwarded message ---------\n", size),
    "many quote levels on one line": lambda size: repeated("> ", size) + "\nVan: a\n",
    "many quote levels, many lines": lambda size: repeated("> > > > > > > > Van: a\n", size),
    "one long line of letters": lambda size: repeated("a", size),
    "begin lines without an end": lambda size: repeated("begin 644 a.txt\n", size),
}


# The shapes that make backtracking patterns and look-ahead parsers quadratic.
PLAIN_SHAPES: dict[str, Callable[[], str]] = {
    "quoted lines": lambda: repeated(">\n"),
    "blank lines of spaces": lambda: repeated(" \n"),
    "nested quote marks": lambda: repeated("> > > > \n"),
    "dashes without a marker": lambda: repeated("-----\n"),
    "one line of spaces": lambda: repeated(" "),
    "header-like lines": lambda: "Fwd:\n" + repeated("Van: a\n"),
    "almost a marker": lambda: repeated("---------- Forwarded messag\n"),
    "markers without a sender": lambda: repeated("---------- Forwarded message ---------\n"),
    "digits": lambda: repeated("0612345678 "),
    "encoded-word lookalikes": lambda: repeated("=?utf-8?q?"),
}
HTML_SHAPES: dict[str, Callable[[], str]] = {
    "unclosed tags": lambda: repeated("<a"),
    "lone brackets": lambda: repeated("<"),
    "unclosed comment": lambda: "<!--" + repeated("a"),
    "unclosed attributes": lambda: "<a " + repeated("b=1 "),
    "entities": lambda: repeated("&amp"),
}


def mail_with_body(body: str, subtype: str = "plain", subject: str = "Fwd: klacht") -> bytes:
    message = EmailMessage()
    message["From"] = "klant@example.com"
    message["Subject"] = subject
    message.set_content(body, subtype=subtype, cte="8bit")
    return message.as_bytes()


def nested_mail(depth: int, text: str = "Mijn klacht staat diep verstopt.") -> bytes:
    head = (
        b"From: klant@example.com\r\nSubject: Diep genest\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=b0\r\n\r\n"
    )
    opening = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (level - 1, level)
        for level in range(1, depth)
    )
    leaf = b"--b%d\r\nContent-Type: text/plain\r\n\r\n%s\r\n" % (depth - 1, text.encode())
    closing = b"".join(b"--b%d--\r\n" % level for level in range(depth - 1, -1, -1))
    return head + opening + leaf + closing


def plain_text_mail(size: int) -> bytes:
    """An ordinary complaint of about `size` bytes: lines of text, as a person writes."""
    line = "Mijn uren zijn niet uitbetaald en niemand belt mij terug, al drie weken niet.\n"
    return mail_with_body(line * max(1, size // len(line)), subject="Klacht")


def many_parts_mail(parts: int) -> bytes:
    """A message of `parts` one-byte attachments (the issue's 200,000 in 21 MB)."""
    head = (
        b"From: klant@example.com\r\nSubject: Veel bijlagen\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="p"\r\n\r\n'
        b"--p\r\nContent-Type: text/plain\r\n\r\nMijn klacht staat in de eerste regel.\r\n"
    )
    part = (
        b"--p\r\nContent-Type: application/octet-stream\r\n"
        b'Content-Disposition: attachment; filename="x"\r\n\r\nx\r\n'
    )
    return head + part * parts + b"--p--\r\n"
