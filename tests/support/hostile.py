"""Adversarial e-mail shapes: what makes a backtracking pattern or a look-ahead parser take
quadratic time, and MIME nested past any sane depth (tests and bench/hostile.py)."""

from __future__ import annotations

from collections.abc import Callable
from email.message import EmailMessage

MB = 1024 * 1024


def repeated(unit: str) -> str:
    return unit * (MB // len(unit))


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
