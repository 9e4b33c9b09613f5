"""Who is signed in, under the navbar: "Signed in as leyla (analyst) · Sign out", or an invitation to sign in."""

from __future__ import annotations

from dash import html

ROLE_WORDS = {"viewer": "viewer: reads and runs analyses", "analyst": "analyst: saves assessments",
              "admin": "administrator"}


def bar(identity) -> html.Div:
    """The account strip for *identity* (a :class:`service.auth.Identity`).

    Examples
    --------
    >>> from service.auth import ANONYMOUS, Identity
    >>> "Sign in" in str(bar(ANONYMOUS)), "leyla" in str(bar(Identity("leyla", "analyst")))
    (True, True)
    """
    if identity.signed_in:
        body = [html.Span(["Signed in as ", html.Strong(identity.name, id="account-name"),
                           f" ({ROLE_WORDS.get(identity.role, identity.role)})"]),
                html.Form(html.Button("Sign out", type="submit", id="account-signout",
                                      className="btn btn-link btn-sm p-0 ms-2 align-baseline"),
                          action="/logout", method="POST", className="d-inline")]
    else:
        body = [html.Span("You are reading as a visitor. "),
                html.A("Sign in", href="/login", id="account-signin", className="ms-1"),
                html.Span(" to save or change assessments.")]
    return html.Div(body, id="account-bar", className="container-fluid small text-body-secondary text-end mb-2")
