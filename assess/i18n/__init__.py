"""User-facing strings of the Excel report and the self-assessment workbook, in English and Azerbaijani.

One table, :data:`STRINGS`: key → ``{"en": …, "az": …}``. :func:`t` looks a key up (falling back
to English, then to the key itself) and fills ``{placeholders}``; :func:`_` is the same with the
language set once by :func:`gettext_for`.

Examples
--------
>>> t("sheet_summary", "az")
'Xülasə'
>>> t("rank_of", "en", rank=74, n=193)
'rank 74 of 193'
>>> _ = gettext_for("az"); _("col_level")
'Səviyyə'
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["LANGS", "STRINGS", "gettext_for", "name_in", "ordinal", "t"]

LANGS = ("en", "az")

STRINGS: dict[str, dict[str, str]] = {
    # sheets
    "sheet_summary": {"en": "Summary", "az": "Xülasə"},
    "sheet_scores": {"en": "Scores", "az": "Ballar"},
    "sheet_trends": {"en": "Trends", "az": "Dinamika"},
    "sheet_comparison": {"en": "Comparison", "az": "Müqayisə"},
    "sheet_gaps": {"en": "Gaps", "az": "Boşluqlar"},
    "sheet_model": {"en": "Model", "az": "Model"},
    "sheet_strategy": {"en": "Strategy assessment", "az": "Strategiyanın qiymətləndirilməsi"},
    "sheet_robustness": {"en": "Robustness", "az": "Dayanıqlıq"},
    "sheet_method": {"en": "Method & sources", "az": "Metod və mənbələr"},
    "sheet_gtmi": {"en": "GTMI & evidence", "az": "GTMI və sübutlar"},
    "gtmi_title": {"en": "World Bank GovTech Maturity Index and evidence: {country}",
                   "az": "Dünya Bankının GovTech Yetkinlik İndeksi və sübutlar: {country}"},
    "gtmi_sub": {"en": "Composite, components and group of the latest edition; the 48 key indicators by their official names (World Bank Data360); capabilities from the evidence.",
                 "az": "Son nəşrin kompozit göstəricisi, komponentləri və qrupu; 48 əsas göstərici rəsmi adları ilə (Dünya Bankı Data360); sübutlara əsaslanan imkanlar."},
    "gtmi_none": {"en": "The country is not in the latest GTMI edition.", "az": "Ölkə GTMI-nin son nəşrində yoxdur."},
    "gtmi_key": {"en": "Key indicators of GTMI {edition}", "az": "GTMI {edition} əsas göstəriciləri"},
    "gtmi_key_note": {"en": "Names are the World Bank's survey questions as asked in that edition (English, official); a code re-used for another question carries that edition's question.",
                      "az": "Adlar Dünya Bankı sorğusunun həmin nəşrdəki sualları ilə verilir (ingiliscə, rəsmi); başqa sual üçün yenidən istifadə olunan kod həmin nəşrin sualını daşıyır."},
    "evidence_title": {"en": "Capabilities from the published evidence ({year})", "az": "Dərc olunmuş sübutlara görə imkanlar ({year})"},
    "evidence_note": {"en": "present / partial / absent: the evidence says so; unknown: the values a rule needs are missing. Each source answers with its latest edition at most two years before the year (frameworks/capability_evidence.yaml).",
                      "az": "mövcud / qismən / yoxdur: sübut belə deyir; naməlum: qaydanın tələb etdiyi dəyərlər yoxdur. Hər mənbə ildən ən çox iki il əvvəlki son nəşri ilə cavab verir (frameworks/capability_evidence.yaml)."},
    "crosscheck_title": {"en": "The model {model} against the evidence: disagreements", "az": "{model} modeli sübutlarla müqayisədə: uyğunsuzluqlar"},
    "crosscheck_none": {"en": "No disagreement.", "az": "Uyğunsuzluq yoxdur."},
    "col_code": {"en": "Code", "az": "Kod"},
    "col_official_name": {"en": "Official name (question)", "az": "Rəsmi ad (sual)"},
    "col_scale": {"en": "Scale", "az": "Şkala"},
    "col_state": {"en": "State", "az": "Vəziyyət"},
    "col_values": {"en": "Values (source, edition)", "az": "Dəyərlər (mənbə, nəşr)"},
    "sheet_instructions": {"en": "Instructions", "az": "Təlimat"},
    "sheet_assessment": {"en": "Assessment", "az": "Qiymətləndirmə"},
    # summary
    "report_title": {"en": "E-government assessment: {country}", "az": "Elektron hökumətin qiymətləndirilməsi: {country}"},
    "country": {"en": "Country", "az": "Ölkə"},
    "comparators": {"en": "Comparators", "az": "Müqayisə olunan ölkələr"},
    "editions": {"en": "Editions used", "az": "İstifadə olunan nəşrlər"},
    "sources": {"en": "Sources", "az": "Mənbələr"},
    "date": {"en": "Date", "az": "Tarix"},
    "headline": {"en": "Headline figures", "az": "Əsas göstəricilər"},
    "narrative": {"en": "Where the country stands", "az": "Ölkənin vəziyyəti"},
    "egdi": {"en": "EGDI", "az": "EGDI"},
    "egdi_long": {"en": "E-Government Development Index (EGDI)", "az": "Elektron Hökumətin İnkişaf İndeksi (EGDI)"},
    "rank": {"en": "Rank", "az": "Yer"},
    "rank_of": {"en": "rank {rank} of {n}", "az": "{n} ölkə arasında {rank_ord} yer"},
    "group": {"en": "Group", "az": "Qrup"},
    "class": {"en": "Rating class (approximation)", "az": "Reytinq sinfi (təxmini)"},
    "change": {"en": "Change since {year}", "az": "{year_ord} ildən bəri dəyişiklik"},
    "rank_change": {"en": "Rank change since {year}", "az": "{year_ord} ildən bəri yer dəyişikliyi"},
    "osi": {"en": "Online Service Index (OSI)", "az": "Onlayn Xidmətlər İndeksi (OSI)"},
    "hci": {"en": "Human Capital Index (HCI)", "az": "İnsan Kapitalı İndeksi (HCI)"},
    "tii": {"en": "Telecommunication Infrastructure Index (TII)", "az": "Telekommunikasiya İnfrastrukturu İndeksi (TII)"},
    "epi": {"en": "E-Participation Index (EPI)", "az": "Elektron İştirak İndeksi (EPI)"},
    "gtmi": {"en": "GovTech Maturity Index (GTMI)", "az": "GovTech Yetkinlik İndeksi (GTMI)"},
    "group_VH": {"en": "Very high", "az": "Çox yüksək"},
    "group_H": {"en": "High", "az": "Yüksək"},
    "group_M": {"en": "Middle", "az": "Orta"},
    "group_L": {"en": "Low", "az": "Aşağı"},
    "narr_stand": {"en": "In {year}, {country} has an EGDI of {egdi:.5f}, rank {rank} of {n}, in the {group} group (rating class {klass}, an approximation).",
                   "az": "{year_ord} ildə {country} EGDI üzrə {egdi:.5f} bal toplayıb, {n} ölkə arasında {rank_ord} yerdədir, {group} qrupundadır (reytinq sinfi {klass}, təxmini)."},
    "narr_change": {"en": "Since {prev} its EGDI has changed by {delta:+.4f} and its rank by {drank:+d} places.",
                    "az": "{prev_ord} ildən bəri EGDI {delta:+.4f} dəyişib, yeri isə {drank:+d} pillə dəyişib."},
    "narr_peers": {"en": "Among the comparators ({peers}), it is ahead of {ahead} and behind {behind}.",
                   "az": "Müqayisə olunan ölkələr ({peers}) arasında {ahead} ölkədən öndə, {behind} ölkədən geridədir."},
    "narr_gap": {"en": "Its largest gap to the best comparator ({leader}) is in {comp}: {gap:.4f} points.",
                 "az": "Ən yaxşı müqayisə ölkəsindən ({leader}) ən böyük geriləmə {comp} üzrədir: {gap:.4f} bal."},
    "narr_move": {"en": "Raising {comp} alone to {needed:.4f} (+{change:.4f}) would reach rank {target}; it is the smallest single change that does.",
                  "az": "Yalnız {comp} göstəricisini {needed:.4f} səviyyəsinə (+{change:.4f}) qaldırmaq {target_ord} yerə çatmağa imkan verər; bu, ən kiçik tək dəyişiklikdir."},
    "narr_top": {"en": "It is already in the top {target}.", "az": "Ölkə artıq ilk {target} sırasındadır."},
    "narr_unreachable": {"en": "No single component alone can bring it to rank {target}.",
                         "az": "Heç bir komponent tək başına onu {target_ord} yerə çatdıra bilməz."},
    "narr_strategy": {"en": "The strategy assessment{label} reaches overall level {level} ({level_name}): {score:.2f} of {top}, against {ref_score:.2f} for {ref}.",
                      "az": "Strategiya qiymətləndirməsi{label} ümumilikdə {level_ord} səviyyəyə ({level_name}) çatır: {top} baldan {score:.2f} ({ref}: {ref_score:.2f})."},
    "narr_improve": {"en": "The largest improvements (gap × weight) are {first} (level {l1} to {r1}) and {second} (level {l2} to {r2}).",
                     "az": "Ən böyük təkmilləşdirmələr (fərq × çəki): {first} ({l1_ord} səviyyədən {r1_ord} səviyyəyə) və {second} ({l2_ord} səviyyədən {r2_ord} səviyyəyə)."},
    "narr_improve_one": {"en": "The largest improvement (gap × weight) is {first} (level {l1} to {r1}).",
                         "az": "Ən böyük təkmilləşdirmə (fərq × çəki): {first} ({l1_ord} səviyyədən {r1_ord} səviyyəyə)."},
    "narr_model_gap": {"en": "In the model “{model}”, the largest readiness gap to {ref} is in “{component}”: {own:.3f} against {ref_value:.3f} (gap {gap:.3f}).",
                       "az": "“{model}” modeli: {ref} ilə ən böyük hazırlıq fərqi “{component}” komponentindədir — {own:.3f}, {ref} üçün isə {ref_value:.3f} (fərq {gap:.3f})."},
    "narr_model_ahead": {"en": "In the model “{model}”, no measured component is behind the aligned components of {ref}.",
                         "az": "“{model}” modeli: heç bir ölçülmüş komponent {ref} modelinin uyğun komponentlərindən geridə deyil."},
    # scores / trends / comparison
    "col_iso3": {"en": "ISO3", "az": "ISO3"},
    "col_country": {"en": "Country", "az": "Ölkə"},
    "col_year": {"en": "Edition", "az": "Nəşr"},
    "col_component": {"en": "Component", "az": "Komponent"},
    "col_value": {"en": "Value", "az": "Dəyər"},
    "trend_title": {"en": "EGDI by edition", "az": "Nəşrlər üzrə EGDI"},
    "rank_title": {"en": "EGDI rank by edition (lower is better)", "az": "Nəşrlər üzrə EGDI yeri (az olan yaxşıdır)"},
    "comp_title": {"en": "Components, {year}", "az": "Komponentlər, {year}"},
    "note_break": {"en": "Method breaks: TII indicator set (2020, 2024), the 120 cap (2020), OSI sub-indices (2022); compare editions with care.",
                   "az": "Metod dəyişiklikləri: TII göstəriciləri (2020, 2024), 120 həddi (2020), OSI alt-indeksləri (2022); nəşrləri ehtiyatla müqayisə edin."},
    # gaps
    "gaps_title": {"en": "Gap to each comparator by component, {year}", "az": "{year_ord} il üzrə komponentlərə görə müqayisə ölkələrindən geriləmə"},
    "gap_contrib": {"en": "Contribution to the EGDI gap", "az": "EGDI fərqinə töhfə"},
    "col_gap_egdi": {"en": "EGDI gap", "az": "EGDI fərqi"},
    "target_title": {"en": "Smallest change of one component to reach a target (others fixed, whole cross-section re-normalised)",
                     "az": "Hədəfə çatmaq üçün bir komponentin ən kiçik dəyişikliyi (digərləri sabit, bütün ölkələr yenidən normallaşdırılır)"},
    "col_target": {"en": "Target", "az": "Hədəf"},
    "col_current": {"en": "Current", "az": "Hazırkı"},
    "col_needed": {"en": "Needed", "az": "Lazım olan"},
    "col_change": {"en": "Change", "az": "Dəyişiklik"},
    "col_reachable": {"en": "Reachable", "az": "Əlçatandır"},
    "yes": {"en": "yes", "az": "bəli"},
    "no": {"en": "no", "az": "xeyr"},
    "target_rank": {"en": "rank {rank}", "az": "{rank_ord} yer"},
    "target_group": {"en": "group {group}", "az": "{group} qrupu"},
    # model
    "model_title": {"en": "Country model: {name}", "az": "Ölkə modeli: {name}"},
    "model_none": {"en": "No country model is bundled for this country.", "az": "Bu ölkə üçün ölkə modeli yoxdur."},
    "col_id": {"en": "Id", "az": "İd"},
    "col_type": {"en": "Type", "az": "Növ"},
    "col_name": {"en": "Name", "az": "Ad"},
    "col_reports_to": {"en": "Reports to", "az": "Tabedir"},
    "col_capabilities": {"en": "Capabilities", "az": "İmkanlar"},
    "col_source": {"en": "Source", "az": "Mənbə"},
    "col_verified": {"en": "Verified", "az": "Təsdiqlənib"},
    "model_gaps": {"en": "Capabilities of the reference models missing from this model", "az": "İstinad modellərində olub bu modeldə olmayan imkanlar"},
    "col_capability": {"en": "Capability", "az": "İmkan"},
    "col_reference": {"en": "Reference", "az": "İstinad"},
    "col_present": {"en": "Present", "az": "Mövcuddur"},
    "col_in_reference": {"en": "Where the reference models have it", "az": "İstinad modellərində harada var"},
    "readiness": {"en": "Readiness of each component, compared with {ref}", "az": "Hər komponentin hazırlığı, {ref} ilə müqayisədə"},
    "readiness_note": {"en": "Readiness: mean of two parts on 0-1, data up to {year}: the evidence for the component's capabilities (present 1, partial 0.5, absent 0; GTMI key indicators, EU benchmark) and its measured_by indicators rescaled to 0-1. Reference: mean readiness of the components of {ref} that share a capability tag. Gap = reference - own (positive: behind).",
                       "az": "Hazırlıq: 0-1 aralığında iki hissənin ortası, {year_ord} ilədək məlumat: komponentin imkanları üzrə sübut (mövcud 1, qismən 0,5, yoxdur 0; GTMI əsas göstəriciləri, AB meyarı) və 0-1 aralığına gətirilmiş measured_by göstəriciləri. İstinad: {ref} modelinin eyni imkan teqinə malik komponentlərinin orta hazırlığı. Fərq = istinad - özü (müsbət: geridə)."},
    "col_component_name": {"en": "Component", "az": "Komponent"},
    "col_readiness": {"en": "Readiness", "az": "Hazırlıq"},
    "col_ref_readiness": {"en": "{ref} readiness", "az": "{ref}: hazırlıq"},
    "col_gap": {"en": "Gap", "az": "Fərq"},
    "col_indicators": {"en": "Indicators (year used)", "az": "Göstəricilər (istifadə olunan il)"},
    "col_ref_components": {"en": "Aligned {ref} components", "az": "Uyğun {ref} komponentləri"},
    "col_missing": {"en": "Missing data", "az": "Çatışmayan məlumat"},
    "not_covered": {"en": "{source} does not cover {iso3}", "az": "{source} {iso3} ölkəsini əhatə etmir"},
    "model_unmeasured": {"en": "Components without a measured_by indicator ({n}): {names}.",
                         "az": "measured_by göstəricisi olmayan komponentlər ({n}): {names}."},
    "reporting_lines": {"en": "Components and reporting lines", "az": "Komponentlər və tabeçilik xətləri"},
    "findings": {"en": "Checks' findings", "az": "Yoxlamaların nəticələri"},
    "finding_ok": {"en": "No structural problems found.", "az": "Struktur problemi aşkar edilmədi."},
    # strategy
    "strategy_title": {"en": "Strategic structure profile", "az": "Strateji struktur profili"},
    "strategy_none": {"en": "No strategy assessment was given. Fill in the self-assessment workbook (python -m assess template) and pass it with --assessment.",
                      "az": "Strategiya qiymətləndirməsi verilməyib. Özünüqiymətləndirmə faylını doldurun (python -m assess template) və --assessment ilə ötürün."},
    "col_dimension": {"en": "Dimension", "az": "Ölçü"},
    "col_criterion": {"en": "Criterion", "az": "Meyar"},
    "col_level": {"en": "Level", "az": "Səviyyə"},
    "col_level_name": {"en": "Level name", "az": "Səviyyənin adı"},
    "col_evidence": {"en": "Evidence", "az": "Sübut"},
    "col_score": {"en": "Score (0-1)", "az": "Bal (0-1)"},
    "overall": {"en": "Overall", "az": "Ümumi"},
    "overall_level": {"en": "Overall level", "az": "Ümumi səviyyə"},
    "dim_title": {"en": "Score by dimension (weighted mean level, 0-{top}) against {ref}", "az": "Ölçülər üzrə bal (çəkili orta səviyyə, 0-{top}) {ref} ilə müqayisədə"},
    "dim_chart": {"en": "Score by dimension (0-{top})", "az": "Ölçülər üzrə bal (0-{top})"},
    "col_score_level": {"en": "Score (0-{top})", "az": "Bal (0-{top})"},
    "improve_title": {"en": "Improvements ranked by gap × weight", "az": "Fərq × çəkiyə görə sıralanmış təkmilləşdirmələr"},
    "col_next_level": {"en": "Next level", "az": "Növbəti səviyyə"},
    "col_next_evidence": {"en": "What the next level requires (rubric)", "az": "Növbəti səviyyə nə tələb edir (rubrika)"},
    "col_priority": {"en": "Gap × weight", "az": "Fərq × çəki"},
    "unanswered": {"en": "Unanswered criteria count as level 0: {names}.", "az": "Cavablandırılmamış meyarlar 0 səviyyəsi kimi sayılır: {names}."},
    "no_improvements": {"en": "No criterion is below {ref}.", "az": "Heç bir meyar {ref} səviyyəsindən aşağı deyil."},
    # robustness
    "robust_title": {"en": "Rank interval under alternative weights of OSI, HCI and TII ({n} random weight sets)",
                     "az": "OSI, HCI və TII üçün alternativ çəkilərdə yer intervalı ({n} təsadüfi çəki dəsti)"},
    "col_rank_low": {"en": "Best rank (5th pct)", "az": "Ən yaxşı yer (5-ci persentil)"},
    "col_rank_median": {"en": "Median rank", "az": "Median yer"},
    "col_rank_high": {"en": "Worst rank (95th pct)", "az": "Ən pis yer (95-ci persentil)"},
    "col_published_rank": {"en": "Published rank", "az": "Dərc olunmuş yer"},
    # method
    "method_title": {"en": "Method, sources and caveats", "az": "Metod, mənbələr və xəbərdarlıqlar"},
    "col_item": {"en": "Item", "az": "Bənd"},
    "col_text": {"en": "Text", "az": "Mətn"},
    "m_formula": {"en": "Formula", "az": "Düstur"},
    "m_formula_text": {"en": "EGDI = (OSI + HCI + TII) / 3; each component is z-scored over the edition's countries and min-max rescaled to [0, 1] by the UN.",
                       "az": "EGDI = (OSI + HCI + TII) / 3; BMT hər komponenti nəşrin ölkələri üzrə z-bal ilə standartlaşdırır və min-maks üsulu ilə [0, 1] aralığına gətirir."},
    "m_weights": {"en": "Weights", "az": "Çəkilər"},
    "m_weights_text": {"en": "Equal: 1/3 each for OSI, HCI and TII.", "az": "Bərabər: OSI, HCI və TII üçün hər biri 1/3."},
    "m_norm": {"en": "Normalisation", "az": "Normallaşdırma"},
    "m_norm_text": {"en": "EGDI is relative: scores move when other countries move. What-ifs re-normalise the whole cross-section.",
                    "az": "EGDI nisbidir: digər ölkələr dəyişdikdə ballar da dəyişir. \"Əgər\" ssenariləri bütün ölkələri yenidən normallaşdırır."},
    "m_groups": {"en": "Groups and classes", "az": "Qruplar və siniflər"},
    "m_groups_text": {"en": "Very high >= 0.75, High >= 0.50, Middle >= 0.25, Low below. Rating classes are an approximation (quartile within group by count of countries); the UN does not publish the cut rule.",
                      "az": "Çox yüksək >= 0.75, Yüksək >= 0.50, Orta >= 0.25, Aşağı - daha az. Reytinq sinifləri təxminidir (qrup daxilində ölkə sayına görə kvartil); BMT bölgü qaydasını dərc etmir."},
    "m_ranks": {"en": "Ranks", "az": "Yerlər"},
    "m_ranks_text": {"en": "Published UN ranks; ties at the published decimals share the best rank.",
                     "az": "BMT-nin dərc etdiyi yerlər; dərc olunmuş onluq dəqiqlikdə bərabər olan ölkələr ən yaxşı yeri bölüşür."},
    "m_robust": {"en": "Robustness", "az": "Dayanıqlıq"},
    "m_robust_text": {"en": "Weights drawn from a flat Dirichlet distribution (fixed seed), ranks recomputed over all assessed countries; 5th-95th percentile shown.",
                      "az": "Çəkilər bərabər Dirixle paylanmasından (sabit toxum) seçilir, yerlər bütün qiymətləndirilmiş ölkələr üzrə yenidən hesablanır; 5-95-ci persentillər göstərilir."},
    "m_caveats": {"en": "Caveats", "az": "Xəbərdarlıqlar"},
    "m_caveats_text": {"en": "Countries not assessed carry 0 in the UN files and are treated as missing. 2008 and 2010 EGDI are not the mean of their components. Strategy and model assessments are expert judgements.",
                       "az": "Qiymətləndirilməmiş ölkələr BMT fayllarında 0 ilə göstərilir və çatışmayan kimi qəbul edilir. 2008 və 2010-cu illərdə EGDI komponentlərin ortası deyil. Strategiya və model qiymətləndirmələri ekspert rəyidir."},
    "col_dataset": {"en": "Dataset", "az": "Verilənlər dəsti"},
    "col_title": {"en": "Title", "az": "Başlıq"},
    "col_publisher": {"en": "Publisher", "az": "Nəşriyyatçı"},
    "col_licence": {"en": "Licence / terms", "az": "Lisenziya / şərtlər"},
    "col_url": {"en": "URL", "az": "URL"},
    "generated_by": {"en": "Generated by egov-assess {version}", "az": "egov-assess {version} ilə yaradılıb"},
    "page_of": {"en": "Page &P of &N", "az": "Səhifə &P / &N"},
    # self-assessment template
    "tpl_title": {"en": "Self-assessment: {rubric}", "az": "Özünüqiymətləndirmə: {rubric}"},
    "tpl_rubric": {"en": "Rubric", "az": "Rubrika"},
    "tpl_version": {"en": "Template version", "az": "Şablonun versiyası"},
    "tpl_level_guide": {"en": "What each level means", "az": "Hər səviyyənin mənası"},
    "tpl_question": {"en": "Question", "az": "Sual"},
    "tpl_how": {"en": "How to fill in this workbook", "az": "Bu faylı necə doldurmalı"},
    "tpl_step1": {"en": "1. Open the sheet '{sheet}'. There is one row per criterion.", "az": "1. '{sheet}' vərəqini açın. Hər meyar üçün bir sətir var."},
    "tpl_step2": {"en": "2. For each criterion choose a level from the drop-down in the column '{level}' (0 = absent ... 4 = defined and used).",
                  "az": "2. Hər meyar üçün '{level}' sütunundakı siyahıdan səviyyə seçin (0 = yoxdur ... 4 = müəyyən edilib və istifadə olunur)."},
    "tpl_step3": {"en": "3. In the column '{evidence}' name the document, page or fact that supports the level.",
                  "az": "3. '{evidence}' sütununda səviyyəni təsdiq edən sənədi, səhifəni və ya faktı göstərin."},
    "tpl_step4": {"en": "4. Do not change the criterion ids in column A or the template version. Save the file and send it back; it is read by python -m assess or the dashboard.",
                  "az": "4. A sütunundakı meyar id-lərini və şablonun versiyasını dəyişməyin. Faylı saxlayın və geri göndərin; o, python -m assess və ya idarə paneli ilə oxunur."},
    "tpl_levels": {"en": "Levels", "az": "Səviyyələr"},
    "tpl_prompt": {"en": "Choose a level from 0 to {top}.", "az": "0-dan {top}-ə qədər səviyyə seçin."},
    "tpl_error": {"en": "The level must be one of the list.", "az": "Səviyyə siyahıdakılardan biri olmalıdır."},
    # the statistical audit page (pages/audit.py)
    "audit_title": {"en": "Statistical audit", "az": "Statistik audit"},
    "audit_lead": {"en": "Is the index coherent? Data availability, correlations of its components, Cronbach's alpha, "
                         "principal components and effective weights, computed as the JRC audits composite indices.",
                   "az": "İndeks ardıcıldırmı? Məlumatların mövcudluğu, komponentlərin korrelyasiyaları, Kronbax alfası, "
                         "əsas komponentlər və effektiv çəkilər — JRC-nin kompozit indeksləri yoxladığı kimi."},
    "audit_framework": {"en": "Index", "az": "İndeks"},
    "audit_year": {"en": "Edition", "az": "Nəşr"},
    "audit_language": {"en": "Language", "az": "Dil"},
    "audit_units": {"en": "Countries", "az": "Ölkələr"},
    "audit_alpha": {"en": "Cronbach's alpha of the components", "az": "Komponentlərin Kronbax alfası"},
    "audit_pc1": {"en": "Variance on the first principal component", "az": "Birinci əsas komponentin payı"},
    "audit_min_corr": {"en": "Weakest correlation with the index", "az": "İndekslə ən zəif korrelyasiya"},
    "audit_availability": {"en": "Data available", "az": "Mövcud məlumat"},
    "audit_correlations": {"en": "Correlations between the components", "az": "Komponentlər arasında korrelyasiyalar"},
    "audit_loadings": {"en": "Loadings on the first principal component", "az": "Birinci əsas komponentə yüklər"},
    "audit_table": {"en": "Each aggregate", "az": "Hər aqreqat"},
    "audit_weights": {"en": "Effective weights (share of the index)", "az": "Effektiv çəkilər (indeksdəki pay)"},
    "audit_col_aggregate": {"en": "aggregate", "az": "aqreqat"},
    "audit_col_children": {"en": "children", "az": "alt elementlər"},
    "audit_col_alpha": {"en": "Cronbach's alpha", "az": "Kronbax alfası"},
    "audit_col_pc1": {"en": "PC1 share", "az": "PC1 payı"},
    "audit_col_mean_corr": {"en": "mean correlation", "az": "orta korrelyasiya"},
    "audit_col_weight": {"en": "effective weight", "az": "effektiv çəki"},
    "audit_reading": {"en": "Alpha above 0.7 and one dominant principal component mean the components measure one "
                            "thing: equal weights suit the data, and a weak component cannot be offset for long by "
                            "the others.",
                      "az": "0,7-dən yüksək alfa və bir dominant əsas komponent komponentlərin bir şeyi ölçdüyünü "
                            "göstərir: bərabər çəkilər məlumatlara uyğundur və zəif komponenti digərləri uzun müddət "
                            "kompensasiya edə bilməz."},
    "audit_unknown": {"en": "Unknown value {value!r} for {what}; showing {default}.",
                      "az": "{what} üçün naməlum dəyər {value!r}; {default} göstərilir."},
    # what of a proposal came true (issue 12): realisation sheet
    "sheet_realisation": {"en": "What came true", "az": "Nə həyata keçdi"},
    "sheet_realisation_years": {"en": "What came true by year", "az": "İllər üzrə nə həyata keçdi"},
    "real_title": {"en": "What of the proposal came true", "az": "Təklifdən nə həyata keçdi"},
    "real_sub": {"en": "{proposal} against {current}, as of {year}",
                 "az": "{proposal} — {current} ilə müqayisədə, {year_ord} il üzrə vəziyyət"},
    "real_method": {"en": "Each status is derived by egov-assess from the explicit links of the realisation file (never from names), the dates of today's model, the capability tags and the paper's structure: realised = elements of today's model carry it, with its capabilities, in the place the paper gave it; partly = linked elements cover part of it, sit elsewhere or are no body; not = nothing realises it; superseded = something else took its place; unknown = not assessed. The analyst's own judgement is shown next to it.",
                    "az": "Hər status egov-assess tərəfindən reallaşma faylındakı açıq əlaqələrdən (heç vaxt adlardan deyil), bugünkü modelin tarixlərindən, imkan teqlərindən və məqalədəki struktur əsasında çıxarılır: həyata keçib = bugünkü modelin elementləri onu imkanları ilə, məqalənin verdiyi yerdə daşıyır; qismən = əlaqəli elementlər onun bir hissəsini əhatə edir, başqa yerdədir və ya qurum deyil; həyata keçməyib = heç nə onu reallaşdırmır; əvəzlənib = onun yerini başqası tutub; qiymətləndirilməyib = qiymətləndirilməyib. Analitikin öz rəyi yanında göstərilir."},
    "real_counts": {"en": "Status", "az": "Status"},
    "real_agree": {"en": "The derived status agrees with the analyst's judgement for {n} of {total} assessed elements.",
                   "az": "Çıxarılmış status {total} qiymətləndirilmiş elementdən {n} üzrə analitikin rəyi ilə üst-üstə düşür."},
    "real_table": {"en": "Element by element", "az": "Element-element"},
    "real_years": {"en": "Year by year", "az": "İl-il"},
    "real_years_note": {"en": "Status of each element in each year (R realised, P partly, N not, S superseded, ? unknown).",
                        "az": "Hər elementin hər il üzrə statusu (H həyata keçib, Q qismən, Y həyata keçməyib, Ə əvəzlənib, ? qiymətləndirilməyib)."},
    "col_element": {"en": "Proposal element", "az": "Təklifin elementi"},
    "col_status": {"en": "Status", "az": "Status"},
    "col_analyst": {"en": "Analyst", "az": "Analitik"},
    "col_since": {"en": "Since", "az": "Tarixdən"},
    "col_realised_by": {"en": "Realised by (today's model)", "az": "Reallaşdıran (bugünkü model)"},
    "col_why": {"en": "Why", "az": "Səbəb"},
    "status_realised": {"en": "realised", "az": "həyata keçib"},
    "status_partly": {"en": "partly", "az": "qismən"},
    "status_not": {"en": "not", "az": "həyata keçməyib"},
    "status_superseded": {"en": "superseded", "az": "əvəzlənib"},
    "status_unknown": {"en": "unknown", "az": "qiymətləndirilməyib"},
    "status_letter_realised": {"en": "R", "az": "H"},
    "status_letter_partly": {"en": "P", "az": "Q"},
    "status_letter_not": {"en": "N", "az": "Y"},
    "status_letter_superseded": {"en": "S", "az": "Ə"},
    "status_letter_unknown": {"en": "?", "az": "?"},
    "readiness_note_proposal": {"en": "This is a proposal ({when}) measured with today's data: each value is today's readiness for the proposed component, from the latest published year up to {year} (the years are in the Indicators column), not the state when the proposal was written.",
                                "az": "Bu, bugünkü məlumatlarla ölçülən təklifdir ({when}): hər dəyər təklif olunan komponent üçün bugünkü hazırlıqdır, {year_ord} ilədək dərc olunmuş son il üzrə (illər Göstəricilər sütunundadır), təklifin yazıldığı vaxtın vəziyyəti deyil."},
    # strategy structure: two assessors, KPIs and action points (workbook), structure sheet (report)
    "sheet_assessors": {"en": "Two assessors", "az": "İki qiymətləndirici"},
    "sheet_kpis": {"en": "KPIs", "az": "Göstəricilər"},
    "sheet_actions": {"en": "Action points", "az": "Fəaliyyət nöqtələri"},
    "sheet_structure": {"en": "Strategy structure", "az": "Strategiyanın strukturu"},
    "tpl_assessors_title": {"en": "Two assessors: levels, discrepancies and the reconciled level",
                            "az": "İki qiymətləndirici: səviyyələr, fərqlər və razılaşdırılmış səviyyə"},
    "tpl_kpis_title": {"en": "KPIs: definition, baseline, target, owner", "az": "Göstəricilər: tərif, başlanğıc, hədəf, məsul"},
    "tpl_actions_title": {"en": "Action points: owner, dates, status, budget line",
                          "az": "Fəaliyyət nöqtələri: məsul, tarixlər, vəziyyət, büdcə sətri"},
    "tpl_strategy": {"en": "Strategy", "az": "Strategiya"},
    "tpl_assessor_a": {"en": "Assessor A", "az": "Qiymətləndirici A"},
    "tpl_assessor_b": {"en": "Assessor B", "az": "Qiymətləndirici B"},
    "col_level_a": {"en": "Level (A)", "az": "Səviyyə (A)"},
    "col_evidence_a": {"en": "Evidence (A)", "az": "Sübut (A)"},
    "col_level_b": {"en": "Level (B)", "az": "Səviyyə (B)"},
    "col_evidence_b": {"en": "Evidence (B)", "az": "Sübut (B)"},
    "col_reconciled": {"en": "Reconciled level", "az": "Razılaşdırılmış səviyyə"},
    "col_note": {"en": "Note (why this level)", "az": "Qeyd (niyə bu səviyyə)"},
    "col_name_en": {"en": "Name (English)", "az": "Ad (ingiliscə)"},
    "col_name_az": {"en": "Name (Azerbaijani)", "az": "Ad (azərbaycanca)"},
    "col_goal": {"en": "Goal (id)", "az": "Məqsəd (id)"},
    "col_definition": {"en": "Definition", "az": "Tərif"},
    "col_unit": {"en": "Unit", "az": "Ölçü vahidi"},
    "col_baseline": {"en": "Baseline", "az": "Başlanğıc dəyər"},
    "col_baseline_year": {"en": "Baseline year", "az": "Başlanğıc ili"},
    "col_target_max": {"en": "Target, upper end of a range", "az": "Hədəf, aralığın yuxarı həddi"},
    "col_target_date": {"en": "Target date", "az": "Hədəf tarixi"},
    "col_owner": {"en": "Owner body (id)", "az": "Məsul qurum (id)"},
    "col_data_source": {"en": "Data source", "az": "Məlumat mənbəyi"},
    "col_start": {"en": "Start", "az": "Başlanğıc"},
    "col_end": {"en": "End", "az": "Son"},
    "col_action_status": {"en": "Status", "az": "Vəziyyət"},
    "col_budget_line": {"en": "Budget line", "az": "Büdcə sətri"},
    "tpl_step5": {"en": "5. With two assessors, each fills a level and evidence in '{sheet}'; where they differ, agree on a level, write it with a note, and enter it in the first sheet.",
                  "az": "5. İki qiymətləndirici olduqda hər biri '{sheet}' vərəqində səviyyə və sübut yazır; fərqli olduqda razılaşdırılmış səviyyəni qeydlə yazın və onu birinci vərəqə daxil edin."},
    "tpl_step6": {"en": "6. In '{kpis}' and '{actions}' enter the strategy's KPIs and action points with owners (body ids of the country model) and dates (YYYY, YYYY-MM or YYYY-MM-DD).",
                  "az": "6. '{kpis}' və '{actions}' vərəqlərində strategiyanın göstəricilərini və fəaliyyət nöqtələrini məsul qurumlar (ölkə modelindəki qurum id-ləri) və tarixlərlə (YYYY, YYYY-MM və ya YYYY-MM-DD) daxil edin."},
    "st_title": {"en": "Strategy structure: {strategy}", "az": "Strategiyanın strukturu: {strategy}"},
    "st_counts": {"en": "What the structure has", "az": "Strukturda nələr var"},
    "st_levels": {"en": "Levels computed from the structure beside the judged level",
                  "az": "Strukturdan hesablanmış səviyyələr və ekspert səviyyəsi"},
    "st_findings": {"en": "Traceability findings: what is missing", "az": "İzlənə bilmə nəticələri: nə çatışmır"},
    "st_assessors": {"en": "Two assessors and the reconciled level", "az": "İki qiymətləndirici və razılaşdırılmış səviyyə"},
    "col_lower": {"en": "From verified elements", "az": "Təsdiqlənmiş elementlərdən"},
    "col_upper": {"en": "From all elements", "az": "Bütün elementlərdən"},
    "col_judged": {"en": "Judged", "az": "Ekspert qiyməti"},
    "col_flag": {"en": "Disagreement", "az": "Uyğunsuzluq"},
    "col_reason": {"en": "Why (all elements)", "az": "Səbəb (bütün elementlər)"},
    "col_rule": {"en": "Rule", "az": "Qayda"},
    "col_st_element": {"en": "Element", "az": "Element"},
    "col_finding": {"en": "What is missing", "az": "Nə çatışmır"},
    "col_count": {"en": "Count", "az": "Say"},
    "st_no_assessors": {"en": "This assessment has one assessor.", "az": "Bu qiymətləndirmənin bir qiymətləndiricisi var."},
    "st_note": {"en": "Levels from the structure follow the rules of assess.strategy.rubric: a level is reached only when every lower level's condition holds; the first column counts verified elements and links the source states, the second every element of the file. A judged level outside that range is not supported by the file's evidence (which may lack what the documents hold).",
                "az": "Strukturdan səviyyələr assess.strategy.rubric qaydalarına əsasən hesablanır: səviyyəyə yalnız bütün aşağı səviyyələrin şərtləri ödəndikdə çatılır; birinci sütun təsdiqlənmiş elementləri və mənbənin göstərdiyi əlaqələri, ikinci sütun faylın bütün elementlərini sayır. Bu aralıqdan kənar ekspert qiyməti faylın sübutları ilə təsdiqlənmir (fayl sənədlərdəki hər şeyi əks etdirməyə bilər)."},
}


def t(key: str, lang: str = "en", **values) -> str:
    """Return the text of ``key`` in ``lang`` with ``values`` filled in.

    Falls back to English, then to the key itself, so a missing translation never fails.

    Examples
    --------
    >>> t("group_VH", "az"), t("no_such_key", "az")
    ('Çox yüksək', 'no_such_key')
    """
    entry = STRINGS.get(key)
    text = key if entry is None else entry.get(lang) or entry["en"]
    if not values:
        return text
    extra = {f"{k}_ord": ordinal(v, lang) for k, v in values.items() if isinstance(v, int) and not isinstance(v, bool)}
    return text.format(**values, **extra)


_AZ_UNITS = {0: "cı", 1: "ci", 2: "ci", 3: "cü", 4: "cü", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cu"}
_AZ_TENS = {1: "cu", 2: "ci", 3: "cu", 4: "cı", 5: "ci", 6: "cı", 7: "ci", 8: "ci", 9: "cı"}


def ordinal(n: int, lang: str = "en") -> str:
    """Ordinal of ``n``: ``74th`` in English, ``74-cü`` in Azerbaijani (suffix by vowel harmony).

    Integer values passed to :func:`t` are also available as ``{name_ord}``.

    Examples
    --------
    >>> [ordinal(n, "az") for n in (1, 3, 6, 9, 10, 40, 74, 100, 2024, 2022, 1000)]
    ['1-ci', '3-cü', '6-cı', '9-cu', '10-cu', '40-cı', '74-cü', '100-cü', '2024-cü', '2022-ci', '1000-ci']
    >>> [ordinal(n) for n in (1, 2, 3, 11, 74, 112)]
    ['1st', '2nd', '3rd', '11th', '74th', '112th']
    """
    n = int(n)
    if lang == "az":
        a = abs(n)
        if a % 10:
            suffix = _AZ_UNITS[a % 10]
        elif a % 100:
            suffix = _AZ_TENS[(a // 10) % 10]
        elif a % 1000:
            suffix = "cü"  # yüz
        elif a:
            suffix = "ci"  # min
        else:
            suffix = "cı"  # sıfır
        return f"{n}-{suffix}"
    suffix = "th" if 10 <= abs(n) % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(abs(n) % 10, "th")
    return f"{n}{suffix}"


def gettext_for(lang: str = "en") -> Callable[..., str]:
    """Return ``_(key, **values)`` bound to ``lang``.

    Examples
    --------
    >>> gettext_for("en")("sheet_gaps")
    'Gaps'
    """
    def _(key: str, **values) -> str:
        return t(key, lang, **values)

    return _


def name_in(name, lang: str = "en", default: str = "") -> str:
    """Text of a framework ``name`` (a ``{en, az}`` dict or a plain string) in ``lang``.

    Examples
    --------
    >>> name_in({"en": "Vision", "az": "Vizyon"}, "az"), name_in("Plain", "az")
    ('Vizyon', 'Plain')
    """
    if isinstance(name, dict):
        return str(name.get(lang) or name.get("en") or next(iter(name.values()), default))
    return default if name is None else str(name)


_ = gettext_for("en")
