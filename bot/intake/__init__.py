"""E-mail intake: parse, classify and store inbound mail (IMAP poll or mail-server pipe), and
acknowledge receipt to the complainant."""
