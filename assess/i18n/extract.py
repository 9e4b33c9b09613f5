"""Babel extractors beyond Python's ``_()`` calls (named in ``babel.cfg``; ``pybabel extract`` calls them).

* :func:`extract_dash`: a page module's messages, plus its ``dash.register_page(name=…, title=…)`` texts (the
  navbar shows the page names in the chosen language without the pages marking them).
* :func:`extract_yaml`: the plain English texts of a framework file under the keys named by the ``keys`` option
  (e.g. the editions' ``note`` and ``exception``). Names that carry their own ``{en, az}`` in the file are not
  extracted: they are translated where they are written.

Examples
--------
>>> import io
>>> src = 'import dash\\ndash.register_page(__name__, name="Data & methods", title="Data · egov-assess")\\n_("Hi")\\n'
>>> [(m[1], m[2]) for m in extract_dash(io.BytesIO(src.encode()), ["_"], [], {})]
[('_', 'Hi'), (None, 'Data & methods'), (None, 'Data · egov-assess')]
>>> doc = b"editions:\\n  2010: {note: 'TII changed', method_break: true}\\nname: {en: X, az: Y}\\n"
>>> list(extract_yaml(io.BytesIO(doc), [], [], {"keys": "note"}))
[(2, None, 'TII changed', [])]
"""

from __future__ import annotations

import ast

__all__ = ["PAGE_TEXT_KEYWORDS", "extract_dash", "extract_yaml"]

#: The ``dash.register_page`` arguments whose texts a user reads (navbar, browser title).
PAGE_TEXT_KEYWORDS = ("name", "title")


def extract_dash(fileobj, keywords, comment_tags, options):
    """Babel's Python extraction, then the literal ``name``/``title`` of every ``register_page(...)`` call."""
    from babel.messages.extract import extract_python

    data = fileobj.read()
    yield from extract_python(__import__("io").BytesIO(data), keywords, comment_tags, options)
    try:
        tree = ast.parse(data.decode(options.get("encoding", "utf-8")))
    except (SyntaxError, UnicodeDecodeError):
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name != "register_page":
            continue
        for kw in node.keywords:
            if kw.arg in PAGE_TEXT_KEYWORDS and isinstance(kw.value, ast.Constant) and isinstance(kw.value.value, str):
                yield kw.value.lineno, None, kw.value.value, [f"dash.register_page({kw.arg}=…)"]


def extract_yaml(fileobj, keywords, comment_tags, options):
    """The plain texts under the keys of ``options["keys"]`` (space-separated) anywhere in a YAML document: a text
    value, or every text value of a list or mapping under such a key (``sub_indicators: {tii: [internet users]}``)."""
    import yaml

    keys = set(str(options.get("keys", "")).split())
    try:
        root = yaml.compose(fileobj.read().decode(options.get("encoding", "utf-8")), Loader=yaml.SafeLoader)
    except (yaml.YAMLError, UnicodeDecodeError):
        return
    def texts(node):
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:str" and node.value.strip():
                yield node.start_mark.line + 1, node.value
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from texts(item)
        elif isinstance(node, yaml.MappingNode):
            for _, v in node.value:
                yield from texts(v)

    stack = [root] if root is not None else []
    found = []
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if isinstance(k, yaml.ScalarNode) and k.value in keys:
                    found.extend(texts(v))
                else:
                    stack.append(v)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    for line, text in sorted(set(found)):
        yield line, None, text, []
