"""Dutch text of the e-mail intake: outcomes, reasons, the acknowledgement and demo lines."""

from __future__ import annotations

# Why a message did not become a complaint (reason code -> label).
REASON_LABELS = {
    "not_a_message": "geen e-mailbericht",
    "empty": "leeg bericht",
    "own_acknowledgement": "eigen ontvangstbevestiging",
    "bounce": "onbestelbaar-melding of afleverrapport",
    "auto_reply": "automatisch antwoord (afwezigheid, bulk)",
    "feedback_report": "spam- of misbruikmelding van een provider",
    "list_notice": "bulkmail of melding van mailinglijstsoftware",
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
ATTACHMENT = "{name} ({size})"
UNNAMED_ATTACHMENT = "bijlage"
ATTACHED_MESSAGE_NAME = "bericht.eml"
ATTACHMENT_TOO_LARGE = "{name} ({size}, te groot om te bewaren)"
NO_SUBJECT = "(geen onderwerp)"

# One line on stderr for the mail server's log (`klachtenbot ingest`).
PIPE_STORED = "Opgeslagen als nieuwe klacht {reference}."
PIPE_ATTACHED = "Toegevoegd aan klacht {reference} als reactie."
PIPE_IGNORED = "Genegeerd: {reason}."
PIPE_DUPLICATE = "Al eerder ontvangen: {outcome}"
PIPE_NOT_A_MESSAGE = "Dit is geen e-mailbericht; niets opgeslagen."
PIPE_DATABASE_DOWN = "Database niet bereikbaar ({error}); probeer het later opnieuw."
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
OAUTH_UNREACHABLE = "Tokenserver {host} niet bereikbaar ({error}); later opnieuw proberen."
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
    "De klachtenfunctionaris\n\n"
    "Dit is een automatisch bericht. U kunt op deze e-mail antwoorden; uw antwoord komt bij "
    "uw klacht terecht.\n"
)
ACK_PHONE_KNOWN = "Wij bellen u op {phone}.\n"
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
LOGIN_UNREACHABLE = "Aanmelden bij {host} mislukt ({error}); controleer IMAP_OAUTH2_TOKEN_URL."
LOGIN_EXPIRED = "De code is verlopen voordat er toestemming kwam; start {command} opnieuw."
LOGIN_DENIED = "De eigenaar van de mailbox heeft geen toestemming gegeven; niets opgeslagen."
LOGIN_NO_REFRESH_TOKEN = (
    "De tokenserver gaf geen vernieuwingstoken; vraag de scope offline_access (Microsoft) of "
    "controleer IMAP_OAUTH2_SCOPE."
)
