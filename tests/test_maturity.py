"""Maturity placement side by side."""

from assess.indices.stages import placement


def test_placement_aze_2024():
    t = placement("AZE", 2024)
    assert t.loc["un_egdi_group", "placement"] == "VH"
    assert t.loc["gtmi_group", "placement"] == "A" and t.loc["gtmi_group", "basis"] == "GTMI 2022"
    # OSI 0.739 >= 0.66 and today's model has online transactions and e-payment (gpp.az): transactional;
    # connected needs OSI >= 0.75
    assert t.loc["un_stages", "placement"] == "transactional"
    # without capabilities only the OSI rule counts: interactive
    assert placement("AZE", 2024, capabilities=()).loc["un_stages", "placement"] == "interactive"
    assert t.loc["un_rating_class", "placement"] in ("VH", "V3", "V2", "V1")


def test_placement_uses_the_countrys_own_model_when_no_capabilities_are_given():
    from assess.indices.stages import country_model_for, placement

    assert country_model_for("AZE").id == "azerbaijan_today"  # not the paper's proposal
    p = placement("SGP", 2024)
    assert p.loc["gartner", "placement"] == "optimizing"
    assert p.loc["gartner", "basis"].endswith("27 capabilities of model singapore")  # MDDI (ict_ministry), PSGA (ict_legal_framework)
    # explicit empty capabilities: capability-based models are not placed
    q = placement("SGP", 2024, capabilities=())
    assert q.loc["gartner", "placement"] is None or q["placement"].isna()["gartner"]
    # a country without a model says so
    assert placement("DNK", 2024).loc["layne_lee", "basis"].endswith("no country model")


def test_estonia_reaches_connected_and_managed_from_its_cited_capabilities():
    # e-payment (e-MTA) and open data (avaandmed.eesti.ee) are cited nodes of frameworks/estonia.yaml
    p = placement("EST", 2024)
    assert p.loc["un_stages", "placement"] == "connected"
    assert p.loc["gartner", "placement"] == "managed"


def test_azerbaijan_today_places_from_its_cited_platforms():
    # e-payment (gpp.az) and open data (data.gov.az) nodes are cited in frameworks/azerbaijan_today.yaml; since
    # issue 12 the model also has once-only exchange (digital.bridge, 2021) and common platforms (IDDA, 2021),
    # with e-signature and e-payment: Gartner's "managed" (proactive and life-event services are missing)
    from assess.frameworks import load_framework

    caps = load_framework("azerbaijan_today").capabilities()
    assert {"e_signature", "e_payment", "once_only", "common_platforms"} <= caps
    assert not {"proactive_services", "life_event_services"} <= caps
    p = placement("AZE", 2024)
    assert p.loc["gartner", "placement"] == "managed"
    assert p.loc["un_stages", "placement"] == "transactional"
