"""A deliberately plain, loop-based re-implementation of COINr 1.1.14's full ASEM build.

Written straight from COINr's R source (bluefoxr/COINr, files named per function), with
Python lists and ``math`` only — no numpy, no code shared with ``coinr_steps`` — so that
the tests compare two independent implementations. Each function states the R code it
follows.
"""

from __future__ import annotations

import math


def _nona(x):
    return [v for v in x if v is not None and not math.isnan(v)]


def skew(x):
    # R/treat.R skew(): x <- x[!is.na(x)]; n <- length(x); if(n<3) return(NA)
    # x <- x - mean(x); y <- sqrt(n) * sum(x^3)/(sum(x^2)^(3/2)); y * sqrt(n * (n - 1))/(n - 2)
    v = _nona(x)
    n = len(v)
    if n < 3:
        return math.nan
    m = sum(v) / n
    d = [a - m for a in v]
    s2 = sum(a * a for a in d)
    s3 = sum(a ** 3 for a in d)
    if s2 == 0:
        return math.nan
    y = math.sqrt(n) * s3 / s2 ** 1.5
    return y * math.sqrt(n * (n - 1)) / (n - 2)


def kurt(x):
    # R/treat.R kurt(): r <- n * sum(x^4)/(sum(x^2)^2)
    # y <- ((n + 1) * (r - 3) + 6) * (n - 1)/((n - 2) * (n - 3))
    v = _nona(x)
    n = len(v)
    if n < 4:
        return math.nan
    m = sum(v) / n
    d = [a - m for a in v]
    s2 = sum(a * a for a in d)
    s4 = sum(a ** 4 for a in d)
    if s2 == 0:
        return math.nan
    r = n * s4 / s2 ** 2
    return ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))


BOUNDARY = []  # distances of every tested statistic to its threshold (for the property test)


def check_skew_kurt(x, skew_thresh=2.0, kurt_thresh=3.5):
    # R/treat.R check_SkewKurt(): ans <- (abs(sk) < skew_thresh) | (kt < kurt_thresh)
    # returns None for R's NA
    sk, kt = skew(x), kurt(x)
    BOUNDARY.extend(abs(v) for v in (abs(sk) - skew_thresh, kt - kurt_thresh) if not math.isnan(v))
    a = None if math.isnan(sk) else bool(abs(sk) < skew_thresh)
    b = None if math.isnan(kt) else bool(kt < kurt_thresh)
    if a is True or b is True:
        return True
    if a is None or b is None:
        return None
    return False


def winsorise(x, winmax=5, skew_thresh=2.0, kurt_thresh=3.5):
    # R/treat.R winsorise(): while((!passing | force_win) & below_winmax) {
    #   if(skew(x, na.rm = TRUE) >= 0) { imax <- which(x==max(x, na.rm=T)); x[imax] <- max(x[-imax], na.rm=T) }
    #   else { imin <- which(x==min(x, na.rm=T)); x[imin] <- min(x[-imin], na.rm=T) }
    #   nwin <- sum(length(imax) + length(imin)); below_winmax <- nwin < winmax; passing <- check_SkewKurt(x) }
    # Returns (x, nwin, imax, imin) or None where R errors (NA in a condition).
    x = list(x)
    passing = check_skew_kurt(x, skew_thresh, kurt_thresh)
    if passing is None:
        return None
    nwin, imax, imin = 0, [], []
    if not passing:
        while (not passing) and nwin < winmax:
            sk = skew(x)
            if math.isnan(sk):
                return None
            obs = [(i, v) for i, v in enumerate(x) if not math.isnan(v)]
            if sk >= 0:
                top = max(v for _, v in obs)
                imax = [i for i, v in obs if v == top]
                rest = [v for i, v in obs if i not in imax]
                new = max(rest) if rest else -math.inf
                for i in imax:
                    x[i] = new
            else:
                bot = min(v for _, v in obs)
                imin = [i for i, v in obs if v == bot]
                rest = [v for i, v in obs if i not in imin]
                new = min(rest) if rest else math.inf
                for i in imin:
                    x[i] = new
            nwin = len(imax) + len(imin)
            passing = check_skew_kurt(x, skew_thresh, kurt_thresh)
            if passing is None:
                # `while((!NA) & TRUE)` is an R error when still below winmax
                if nwin < winmax:
                    return None
                break
    return x, nwin, imax, imin


def log_ct(x):
    # R/treat.R log_CT(): log(x - min(x, na.rm) + 0.01*(max(x, na.rm) - min(x, na.rm)))
    v = _nona(x)
    mn, mx = min(v), max(v)
    return [math.nan if math.isnan(a) else math.log(a - mn + 0.01 * (mx - mn)) for a in x]


def treat_numeric(x, winmax=5):
    # R/treat.R Treat.numeric() with COINr's default specs (f1 winsorise, f2 log_CT,
    # f_pass check_SkewKurt, combine_treat = FALSE); NA pass -> untreated x.
    p0 = check_skew_kurt(x)
    if p0 is None:
        return list(x), "untreated", []
    if p0:
        return list(x), "none", []
    w = winsorise(x, winmax)
    if w is None:
        return list(x), "untreated", []
    x1, nwin, imax, imin = w
    p1 = check_skew_kurt(x1)
    if p1 is None:
        return list(x), "untreated", []
    if p1:
        return x1, "winsorise", sorted(imax + imin)
    x2 = log_ct(x)  # applied to the ORIGINAL x
    if check_skew_kurt(x2) is None:
        return list(x), "untreated", []
    return x2, "log_CT", []


def build_full(imeta_rows, idata_rows, *, winmax=5, l_u=(0.0, 100.0)):
    """COINr's build_example_coin() (R/examples.R), row dicts in, dict of dicts out.

    new_coin -> Denominate(dset = "Raw") -> Impute(f_i = "i_mean_grp", use_group = "EurAsia_group")
    -> Screen(dat_thresh = 0.9, unit_screen = "byNA") -> Treat(winmax = 5)
    -> Normalise(n_minmax, c(0, 100)) -> Aggregate(a_amean).
    """
    inds = [r for r in imeta_rows if r["Type"] == "Indicator"]
    aggs = [r for r in imeta_rows if r["Type"] == "Aggregate"]
    units = [r["uCode"] for r in idata_rows]
    col = {r["iCode"]: [float(u[r["iCode"]]) if u[r["iCode"]] not in ("", "NA") else math.nan
                        for u in idata_rows] for r in inds}
    # Denominate (R/denominate.R): x / denominator
    for r in inds:
        den = r.get("Denominator") or ""
        if den:
            d = [float(u[den]) if u[den] not in ("", "NA") else math.nan for u in idata_rows]
            col[r["iCode"]] = [a / b if b else math.nan for a, b in zip(col[r["iCode"]], d, strict=True)]
    # Impute (R/impute.R i_mean_grp): split by group, i_mean within, unsplit
    grp = [u["EurAsia_group"] for u in idata_rows]
    for c, x in col.items():
        means = {}
        for g in set(grp):
            vals = [v for v, gg in zip(x, grp, strict=True) if gg == g and not math.isnan(v)]
            means[g] = sum(vals) / len(vals) if vals else math.nan
        col[c] = [means[g] if math.isnan(v) else v for v, g in zip(x, grp, strict=True)]
    # Screen (R/screen_units.R): Dat_Avail = 1 - nNA/ncol; keep Dat_Avail >= 0.9
    keep = []
    for i in range(len(units)):
        n_na = sum(1 for c in col if math.isnan(col[c][i]))
        keep.append(1 - n_na / len(col) >= 0.9)
    units = [u for u, k in zip(units, keep, strict=True) if k]
    col = {c: [v for v, k in zip(x, keep, strict=True) if k] for c, x in col.items()}
    # Treat
    treated, info = {}, {}
    for c, x in col.items():
        treated[c], kind, pts = treat_numeric(x, winmax)
        info[c] = (kind, [units[i] for i in pts])
    # Normalise (R/normalise.R n_minmax after x * direction)
    norm = {}
    for r in inds:
        x = [v * float(r["Direction"]) for v in treated[r["iCode"]]]
        v = _nona(x)
        mn, mx = min(v), max(v)
        norm[r["iCode"]] = [(a - mn) / (mx - mn) * (l_u[1] - l_u[0]) + l_u[0] for a in x]
    # Aggregate (R/aggregate.R a_amean, level by level; weights from iMeta)
    scores = dict(norm)
    weight = {r["iCode"]: float(r["Weight"]) for r in imeta_rows if r["Type"] in ("Indicator", "Aggregate")}
    for lev in sorted({int(r["Level"]) for r in aggs}):
        for a in [r["iCode"] for r in aggs if int(r["Level"]) == lev]:
            kids = [r["iCode"] for r in imeta_rows if r["Parent"] == a]
            out = []
            for i in range(len(units)):
                xs = [(scores[k][i], weight[k]) for k in kids if not math.isnan(scores[k][i])]
                ws = sum(w for _, w in xs)
                out.append(sum(v * w / ws for v, w in xs) if xs else math.nan)
            scores[a] = out
    return {"units": units, "treated": treated, "treat_info": info, "scores": scores}
