"""Dashboard pages: one module per topic, each registering itself with ``dash.register_page``.

Order in the navbar (``order=``): World overview 0, Country profile 1, Compare 2, Model 3,
Strategy assessment 4, What-if & targets 5, Robustness 6, Data & methods 7.
"""
