"""Dutch text of the e-mail intake: outcomes, reasons, the acknowledgement and demo lines."""

from __future__ import annotations

# Why a message did not become a complaint (reason code -> label).
REASON_LABELS = {
    "not_a_message": "geen e-mailbericht",
    "empty": "leeg bericht",
    "own_acknowledgement": "eigen ontvangstbevestiging",
    "bounce": "onbestelbaar-melding of afleverrapport",
    "auto_reply": "automatisch antwoord (afwezigheid)",
    "feedback_report": "spam- of misbruikmelding van een provider",
    "list_notice": "melding van mailinglijstsoftware",
    "list_post": "lijstbericht",
    "newsletter": "nieuwsbrief",
    "notification": "automatische melding",
    "challenge_response": "uitdaging-antwoordrobot",
    "provider_notification": "melding van een maildienst (zoals Amazon SES)",
}

FORWARDED_HEADER = "--- Doorgestuurd bericht ---"
BODY_TRUNCATED = "[... tekst ingekort; het volledige bericht is bewaard ...]"
SKIPPED_TOO_LARGE = (
    "[Dit bericht is {size} groot, meer dan de grens van {limit}: alleen de kopregels zijn "
    "gelezen, tekst en bijlagen niet. Het volledige bericht is bewaard.]"
)
SKIPPED_TOO_DEEP = (
    "[Delen van dit bericht zitten dieper dan {depth} niveaus in elkaar genest en zijn niet "
    "gelezen. Het volledige bericht is bewaard.]"
)
SKIPPED_TOO_MANY_PARTS = (
    "[Dit bericht heeft meer dan {limit} delen; de delen daarna zijn niet gelezen. Het "
    "volledige bericht is bewaard.]"
)
SKIPPED_TEXT = (
    "[De tekst van dit bericht is langer dan {limit} tekens; de rest is niet gelezen. Het "
    "volledige bericht is bewaard.]"
)
ATTACHMENT = "{name} ({size})"
UNNAMED_ATTACHMENT = "bijlage"
ATTACHED_MESSAGE_NAME = "bericht.eml"
ATTACHMENT_TOO_LARGE = "{name} ({size}, te groot om te bewaren)"
NO_SUBJECT = "(geen onderwerp)"
# Notes below a complaint's text (and kept with the message), for the officer.
NOTE_SAME_MESSAGE_ID = (
    "[Let op: een eerder bericht (ontvangen {moment}) had dezelfde Message-ID maar een andere "
    "inhoud. Dit bericht is apart opgeslagen, niet als dubbel weggelaten.]"
)
NOTE_REFERENCE_NOT_TRUSTED = (
    "[Let op: het onderwerp noemt klacht {reference}, maar dit bericht komt niet van het "
    "e-mailadres van die klacht en antwoordt niet op een bericht van ons. Daarom is het een "
    "nieuwe klacht; hoort het bij {reference}, verwijs daar dan zelf naar.]"
)

# Making a complaint of ignored mail (`klachtenbot admit`, the officer's button).
ADMIT_NOT_FOUND = "Er is geen genegeerde e-mail met nummer {id} (meer) bewaard; zie {command}."
ADMIT_ALREADY = "Van e-mail {id} is al een klacht gemaakt: {reference}."

# One line on stderr for the mail server's log (`klachtenbot ingest`).
PIPE_STORED = "Opgeslagen als nieuwe klacht {reference}."
PIPE_ATTACHED = "Toegevoegd aan klacht {reference} als reactie."
PIPE_IGNORED = "Genegeerd: {reason}."
PIPE_DUPLICATE_STORED = (
    "Al eerder ontvangen en opgeslagen als klacht {reference}; niets opnieuw opgeslagen."
)
PIPE_DUPLICATE_ATTACHED = (
    "Al eerder ontvangen en toegevoegd aan klacht {reference}; niets opnieuw opgeslagen."
)
PIPE_DUPLICATE_IGNORED = "Al eerder ontvangen en genegeerd ({reason}); niets opnieuw opgeslagen."
PIPE_NOT_A_MESSAGE = "Dit is geen e-mailbericht; niets opgeslagen."
PIPE_KEPT = "De mailserver bewaart het bericht en probeert het later opnieuw."
PIPE_NO_SCHEMA = (
    "De database {url} heeft nog geen tabellen: voer {command} uit (of zet "
    "DATABASE_URL goed); de mailserver bewaart het bericht en probeert het later opnieuw."
)
PIPE_UNREADABLE = "Kan {source} niet lezen: {error}"
PIPE_FAILED = "Bericht niet verwerkt door een fout ({error}); probeer het later opnieuw."

POLL_SUMMARY = (
    "Mailbox gelezen: {stored} nieuwe klacht(en), {attached} reactie(s), "
    "{ignored} genegeerd, {duplicates} al eerder ontvangen, {failed} mislukt."
)
POLL_REASON = "  genegeerd: {count} x {reason}"
POLL_FAILED = "Mailbox lezen mislukt: {error}"

# Logging in to the mailbox with OAuth2 (IMAP_AUTH=xoauth2): settings and token endpoint.
OAUTH_SETTINGS_MISSING = (
    "Instelling IMAP_OAUTH2_TOKEN ontbreekt (of IMAP_OAUTH2_REFRESH_TOKEN met "
    "IMAP_OAUTH2_TOKEN_URL); nodig bij IMAP_AUTH=xoauth2"
)
OAUTH_URL_NOT_HTTPS = "Instelling IMAP_OAUTH2_TOKEN_URL ongeldig: moet met https:// beginnen"
OAUTH_INVALID_GRANT = (
    "Het vernieuwingstoken van de mailbox is verlopen of ingetrokken (invalid_grant): meld de "
    "mailbox opnieuw aan (klachtenbot mail-login)."
)
OAUTH_REFUSED = (
    "De tokenserver weigert een toegangstoken te geven (HTTP {status}, {error}); "
    "controleer de instellingen IMAP_OAUTH2_*."
)
OAUTH_UNREACHABLE = (
    "Tokenserver {host} niet bereikbaar ({error}): controleer de netwerkverbinding (en een "
    "proxy of firewall) van deze server; later opnieuw proberen."
)
OAUTH_DNS = (
    "De naam {host} is niet op te zoeken (DNS): deze server heeft geen werkende DNS of geen "
    "internetverbinding; controleer die en probeer het opnieuw."
)
OAUTH_DNS_OR_URL = (
    "De naam {host} is niet op te zoeken (DNS): controleer de netwerkverbinding en DNS van "
    "deze server, en of de hostnaam in IMAP_OAUTH2_TOKEN_URL goed gespeld is."
)
OAUTH_BAD_ANSWER = "Tokenserver {host} gaf geen bruikbaar toegangstoken terug."

# The acknowledgement e-mail to the complainant.
ACK_SUBJECT = "Ontvangstbevestiging van uw klacht [{reference}]"
ACK_GREETING_NAMED = "Beste {name},"
ACK_GREETING = "Geachte heer/mevrouw,"
ACK_BODY = (
    "{greeting}\n\n"
    "Wij hebben uw klacht op {received} ontvangen. Uw klacht heeft nummer {reference}; "
    "wilt u dit nummer noemen als u contact met ons opneemt?\n\n"
    "Onze klachtenfunctionaris neemt uiterlijk {deadline} telefonisch contact met u op "
    "om uw klacht te bespreken.\n"
    "{phone_line}\n"
    "Met vriendelijke groet,\n\n"
    "{signature}\n\n"
    "Dit is een automatisch bericht. U kunt op deze e-mail antwoorden; uw antwoord komt bij "
    "uw klacht terecht.\n"
)
ACK_PHONE_KNOWN = "Wij bellen u op {phone}.\n"
ACK_SIGNATURE = "De klachtenfunctionaris"
ACK_SIGNATURE_OF = "De klachtenfunctionaris van {organisation}"
ACK_PHONE_UNCERTAIN = (
    "Wij weten niet zeker of wij het goede telefoonnummer uit uw e-mail hebben gehaald. Wilt u "
    "uw telefoonnummer in een antwoord op deze e-mail sturen?\n"
)
ACK_PHONE_MISSING = (
    "Wij hebben in uw e-mail geen telefoonnummer gevonden. Wilt u uw telefoonnummer in een "
    "antwoord op deze e-mail sturen?\n"
)

# `klachtenbot demo`: what happened to each sample e-mail.
DEMO_HEADER = "E-mails ontvangen via de intake:"
DEMO_STORED = "  {sample}: nieuwe klacht {reference} van {name}, {phone}"
DEMO_FORWARDED = (
    "  {sample}: nieuwe klacht {reference} van {name} (doorgestuurd door {by}), {phone}"
)
DEMO_ATTACHED = "  {sample}: reactie toegevoegd aan klacht {reference}"
DEMO_IGNORED = "  {sample}: genegeerd ({reason})"
DEMO_DUPLICATE = "  {sample}: al eerder ontvangen, niets opnieuw opgeslagen"
DEMO_UNKNOWN_NAME = "onbekende afzender"


def count(value: int) -> str:
    """'1.000' (Dutch thousands separator)."""
    return f"{value:,}".replace(",", ".")


def file_size(size: int) -> str:
    """'850 bytes', '104 kB', '20,0 MB' (Dutch decimal comma)."""
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{-(-size // 1024)} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")


# `klachtenbot mail-login`: the device-code flow for the mailbox's first refresh token.
LOGIN_PROMPT = (
    "Laat de eigenaar van de klachtenmailbox {url} openen (op elk apparaat), de code {code} "
    "invoeren en toestemming geven; de code is {minutes} minuten geldig. Wachten..."
)
LOGIN_REFUSED = (
    "De tokenserver weigert de aanmelding ({error}); controleer IMAP_OAUTH2_CLIENT_ID, "
    "IMAP_OAUTH2_SCOPE en of de app-registratie openbare clients (apparaatcode) toestaat."
)
LOGIN_NO_AUTHORITY = (
    "{host} antwoordt, maar kent deze tenant niet ({error}); controleer de tenant-ID in "
    "IMAP_OAUTH2_TOKEN_URL."
)
LOGIN_EXPIRED = "De code is verlopen voordat er toestemming kwam; start {command} opnieuw."
LOGIN_DENIED = "De eigenaar van de mailbox heeft geen toestemming gegeven; niets opgeslagen."
LOGIN_NO_REFRESH_TOKEN = (
    "De tokenserver gaf geen vernieuwingstoken; vraag de scope offline_access (Microsoft) of "
    "controleer IMAP_OAUTH2_SCOPE."
)

# The mail server that sends acknowledgements, as `status`, /healthz and the officers read it.
SMTP_TROUBLE = "de mailserver {server} (SMTP_HOST): {reason} ({error})"
SMTP_ERRORS = {
    "ConnectionRefusedError": "weigert de verbinding",
    "gaierror": "de servernaam is onbekend",
    "TimeoutError": "geeft geen antwoord",
    "timeout": "geeft geen antwoord",
    "SMTPServerDisconnected": "verbrak de verbinding",
    "SMTPConnectError": "weigert de verbinding",
    "SMTPAuthenticationError": "aanmelden geweigerd (SMTP_USER, SMTP_PASSWORD)",
    "SMTPSenderRefused": "de afzender wordt geweigerd (SMTP_FROM)",
    "SMTPRecipientsRefused": "de ontvanger wordt geweigerd",
    "SMTPNotSupportedError": "kent STARTTLS niet (SMTP_STARTTLS, SMTP_SSL)",
    "SSLError": "de TLS-verbinding mislukt (SMTP_SSL, SMTP_STARTTLS, SMTP_PORT)",
    "SSLCertVerificationError": "het TLS-certificaat is niet te controleren",
    "OSError": "is niet bereikbaar",
}
SMTP_ERROR_OTHER = "fout bij verzenden"
