"""Frameworks as data: the declarative files of ``frameworks/`` read, validated and turned into objects.

One kind per file: composite indices, country models, rubrics, stage models. ``registry`` finds and loads them by
id; ``schema`` holds the vocabulary and the located validation.
"""

from assess.frameworks.registry import *  # noqa: F403
from assess.frameworks.registry import __all__  # noqa: F401
