"""Who is signed in, under the navbar: "Signed in as leyla (analyst) · Sign out", or an invitation to sign in.

The strip speaks the page's language: the app's layout draws it in the default language and :func:`register`
redraws it whenever the URL's language changes (``?lang=az``), with the identity of that request.
"""

from __future__ import annotations

from dash import Input, Output, html

from assess.i18n import N_, gettext_for, pt, translated

ROLE_WORDS = {"viewer": N_("viewer: reads and runs analyses"), "analyst": N_("analyst: saves assessments"),
              "admin": N_("administrator")}
BAR = "account-bar"


def role_words(role: str, lang: str = "en") -> str:
    """A role in words, in ``lang`` (an unknown role as written).

    Examples
    --------
    >>> role_words("analyst"), role_words("admin", "az"), role_words("x")
    ('analyst: saves assessments', 'inzibatçı', 'x')
    """
    return translated(ROLE_WORDS[role], lang) if role in ROLE_WORDS else str(role)


def bar_children(identity, lang: str = "en") -> list:
    """What the strip says for *identity* (a :class:`service.auth.Identity`) in ``lang``."""
    _ = gettext_for(lang)
    if identity.signed_in:
        return [html.Span([_("Signed in as "), html.Strong(identity.name, id="account-name"),
                           f" ({role_words(identity.role, lang)})"]),
                html.Form(html.Button(_("Sign out"), type="submit", id="account-signout",
                                      className="btn btn-link btn-sm p-0 ms-2 align-baseline"),
                          action="/logout", method="POST", className="d-inline")]
    # one sentence around the link, so that a language may put the link where its grammar wants it
    before, _link, after = _("You are reading as a visitor. {sign_in} to save or change assessments.") \
        .partition("{sign_in}")
    return [html.Span(before), html.A(pt("link in a sentence", "Sign in", lang), href="/login",
                                      id="account-signin"), html.Span(after)]


def bar(identity, lang: str = "en") -> html.Div:
    """The account strip for *identity* (a :class:`service.auth.Identity`).

    Examples
    --------
    >>> from service.auth import ANONYMOUS, Identity
    >>> "Sign in" in str(bar(ANONYMOUS)), "leyla" in str(bar(Identity("leyla", "analyst")))
    (True, True)
    >>> "daxil olun" in str(bar(ANONYMOUS, "az")), "Çıxış" in str(bar(Identity("leyla", "analyst"), "az"))
    (True, True)
    """
    return html.Div(bar_children(identity, lang), id=BAR,
                    className="container-fluid small text-body-secondary text-end mb-2")


def register(app, lang_state: str) -> None:
    """Redraw the strip in the language of the app's ``lang_state`` store (the URL's ``lang``)."""

    @app.callback(Output(BAR, "children"), Input(lang_state, "data"))
    def account_language(lang):
        from service.web import current_identity
        from ui.lang import request_lang

        return bar_children(current_identity(), request_lang(lang))
