"""The published indices and what is derived from them: reproduction, gaps, what-ifs, trends, stages, groups.

Built on the engine and the composite frameworks (``un_egdi``, ``gtmi``); the dashboard's views come from here.
"""

from assess.indices.gaps import gap
from assess.indices.groupings import aggregates
from assess.indices.gtmi_detail import gtmi_compare, gtmi_profile
from assess.indices.profiles import strengths
from assess.indices.published import rating_class, score_egdi
from assess.indices.rank_uncertainty import sobol, uncertainty
from assess.indices.reproduce import reproduce_egdi, reproduce_gtmi
from assess.indices.scenarios import cheapest_mix, smallest_change, whatif
from assess.indices.stages import placement
from assess.indices.timeseries import trends

__all__ = ["aggregates", "cheapest_mix", "gap", "gtmi_compare", "gtmi_profile", "placement", "rating_class", "reproduce_egdi", "reproduce_gtmi",
           "smallest_change", "sobol", "score_egdi", "strengths", "trends", "uncertainty", "whatif"]
