#!/usr/bin/env python3
"""Writes the committed seed corpus fuzz/corpus/seed/<target>/ from the contract's examples
plus edge cases. Re-run after editing: python3 fuzz/seeds_gen/make_seeds.py"""
import json, os, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "seed")

def j(v):
    return json.dumps(v, separators=(",", ":"), ensure_ascii=False)

example = {
    "funnel": {"top": "12000", "stages": [{"name": "meetings", "rate": "0.025"}, {"name": "deals", "rate": "0.2"}], "dealSize": "12500"},
    "target": "1000000", "cycleDays": "45", "acquisitionCost": "90000",
    "customer": {"purchaseValue": "12500", "purchasesPerYear": "1", "lifespanYears": "4", "grossMargin": "0.6"},
    "retention": {"start": "200", "end": "210", "new": "30"},
    "growth": {"previous": "800000", "current": "912000"},
}
funnel_only = {"funnel": example["funnel"]}
with_target = {"funnel": example["funnel"], "target": "1000000"}
churn = {"funnel": {"top": 100, "stages": [{"name": "deals", "rate": 0.5}], "dealSize": 3.5},
         "acquisitionCost": "1.5e3", "customer": {"annualChurn": "0.25", "grossMargin": None}}
twelve = {"funnel": {"top": "1000000", "stages": [{"name": f"stage {i}" , "rate": "0.9"} for i in range(12)], "dealSize": "1"},
          "target": "123456789", "cycleDays": "0.5"}
zero_rate = {"funnel": {"top": "500", "stages": [{"name": "a", "rate": "0.5"}, {"name": "b", "rate": "0"}, {"name": "c", "rate": "1"}], "dealSize": "10"},
             "target": "1000", "acquisitionCost": "0", "customer": {"lifespanYears": "2"}}
zero_deal = {"funnel": {"top": "0", "stages": [{"name": "x", "rate": "1"}], "dealSize": "0"}, "target": "1", "acquisitionCost": "10",
             "customer": {"purchaseValue": "1", "lifespanYears": "1", "grossMargin": "0"}}
huge = {"funnel": {"top": "79228162514264337593543950335", "stages": [{"name": "x" * 40, "rate": "1"}], "dealSize": "79228162514264337593543950335"},
        "target": "0.0000000000000000000000000001"}
tiny = {"funnel": {"top": "1e-28", "stages": [{"name": "ünïcødé ✓ 𝄞", "rate": "0.0000000000000000000000000001"}], "dealSize": "7.9228162514264337593543950335"},
        "target": "1E+28", "cycleDays": "1e-28", "retention": {"start": "1e-28", "end": "0", "new": "0"}, "growth": {"previous": "1e-28", "current": "79228162514264337593543950335"}}
odd = {"funnel": {"top": "-0", "stages": [{"name": "a", "rate": "-0.0"}], "dealSize": "0e99"}, "target": "1.50000", "growth": None}
models = {"example": example, "funnel_only": funnel_only, "with_target": with_target, "churn": churn, "twelve": twelve,
          "zero_rate": zero_rate, "zero_deal": zero_deal, "huge": huge, "tiny": tiny, "odd": odd}
bad_models = {
    "bad_rate": '{"funnel":{"top":"12000","stages":[{"name":"meetings","rate":"0.025"},{"name":"deals","rate":"1.5"}],"dealSize":"12500"}}',
    "bad_typo": '{"funnel":{"top":"1","stages":[{"name":"a","rate":"1"}],"dealsize":"1"}}',
    "bad_both": '{"funnel":{"top":"1","stages":[{"name":"a","rate":"1"}],"dealSize":"1"},"customer":{"lifespanYears":"1","annualChurn":"0.5"}}',
    "bad_dup": '{"funnel":{"top":"1","top":"2"}}',
    "bad_deep": "[" * 17 + "]" * 17,
    "bad_escape": '{"funnel":{"top":"1","stages":[{"name":"\\ud800\\u0041\\/~","rate":"1"}],"dealSize":"1"},"\\u0000":1}',
    "bad_numbers": '{"funnel":{"top":"NaN","stages":[{"name":"","rate":"12,5"}],"dealSize":" 1"},"target":1e999}',
    "bad_long": '{"funnel":{"top":"' + "9" * 65 + '","stages":[],"dealSize":true}}',
}

def write(target, name, text):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, name), "w", encoding="utf-8") as f:
        f.write(text)

shutil.rmtree(ROOT, ignore_errors=True)
for name, m in models.items():
    write("compute", name, j(m))
for name, text in bad_models.items():
    write("compute", name, text)

changes = {
    "by": [{"lever": "/funnel/dealSize", "by": "0.1"}],
    "add": [{"lever": "/funnel/stages/1/rate", "add": "0.01"}, {"lever": "/funnel/top", "to": "20000"}],
    "many": [{"lever": "/target", "by": "-0.05"}, {"lever": "/cycleDays", "to": 30}, {"lever": "/acquisitionCost", "add": "-1000"},
             {"lever": "/customer/lifespanYears", "by": "1"}, {"lever": "/customer/grossMargin", "to": "1"},
             {"lever": "/retention/new", "to": "210"}, {"lever": "/retention/end", "add": "5"}, {"lever": "/growth/current", "to": "0"}],
    "too_far": [{"lever": "/funnel/stages/1/rate", "add": "0.9"}],
    "pointers": [{"lever": "/funnel/stages/-1/rate", "to": "0"}, {"lever": "/", "to": "1"}, {"lever": "/~1", "by": "1"}],
    "two_ops": [{"lever": "/funnel/top", "by": "1", "add": "1"}],
    "overflow": [{"lever": "/funnel/top", "by": "79228162514264337593543950334"}],
    "empty": [],
}
for name, c in changes.items():
    write("what_if", name, j(example) + "\n" + j(c))
write("what_if", "churn_by", j(churn) + "\n" + j([{"lever": "/customer/annualChurn", "by": "-0.5"}, {"lever": "/funnel/stages/0/rate", "to": 1}]))
write("what_if", "twelve", j(twelve) + "\n" + j([{"lever": "/funnel/stages/11/rate", "to": "0"}]))
write("what_if", "not_list", j(funnel_only) + "\n" + '{"lever":"/funnel/top","to":"1"}')

goals = {
    "dealsize": {"lever": "/funnel/dealSize", "metric": "/funnel/revenue", "target": "1000000"},
    "rate": {"lever": "/funnel/stages/0/rate", "metric": "/funnel/revenue", "target": "1000000"},
    "rate_too_high": {"lever": "/funnel/stages/0/rate", "metric": "/funnel/revenue", "target": "100000000"},
    "attainment": {"lever": "/funnel/top", "metric": "/target/attainment", "target": "1"},
    "ltv": {"lever": "/acquisitionCost", "metric": "/economics/ltvToCac", "target": "3"},
    "payback": {"lever": "/customer/grossMargin", "metric": "/economics/paybackMonths", "target": "12"},
    "cycle": {"lever": "/cycleDays", "metric": "/velocity/perDay", "target": "20000"},
    "needed_top": {"lever": "/funnel/stages/1/rate", "metric": "/target/needed/top", "target": "10000"},
    "needed_count": {"lever": "/funnel/dealSize", "metric": "/target/needed/stages/1/count", "target": "50"},
    "deals_needed": {"lever": "/target", "metric": "/target/dealsNeeded", "target": "7"},
    "gap": {"lever": "/funnel/top", "metric": "/target/gap", "target": "0"},
    "churn": {"lever": "/retention/end", "metric": "/retention/churn", "target": "0.1"},
    "growth": {"lever": "/growth/current", "metric": "/growth/rate", "target": "-0.5"},
    "stage_count": {"lever": "/funnel/stages/1/rate", "metric": "/funnel/stages/0/count", "target": "5"},
    "lifespan": {"lever": "/customer/lifespanYears", "metric": "/economics/clv", "target": "1e6"},
    "bad_lever": {"lever": "abc", "metric": "/funnel/revenue", "target": "1"},
    "bad_metric": {"lever": "/funnel/top", "metric": "/funnel/revenue/", "target": "1"},
}
for name, g in goals.items():
    write("solve", name, j(example) + "\n" + j(g))
write("solve", "churn_ltv", j(churn) + "\n" + j({"lever": "/customer/annualChurn", "metric": "/economics/ltvToCac", "target": "0.5"}))
write("solve", "zero_rate", j(zero_rate) + "\n" + j({"lever": "/funnel/top", "metric": "/funnel/revenue", "target": "10"}))
write("solve", "huge", j(huge) + "\n" + j({"lever": "/target", "metric": "/target/attainment", "target": "1e-28"}))
write("solve", "twelve", j(twelve) + "\n" + j({"lever": "/funnel/stages/5/rate", "metric": "/target/needed/stages/11/count", "target": "3"}))

sens = {
    "null": None, "empty": {}, "by": {"by": "0.2"}, "attainment": {"metric": "/target/attainment", "by": "0.5"},
    "ltv": {"metric": "/economics/ltvToCac"}, "payback": {"metric": "/economics/paybackMonths", "by": "0.9999999999999999999999999999"},
    "churn": {"metric": "/retention/churn", "by": "1e-28"}, "needed": {"metric": "/target/needed/top"},
    "bad_by": {"by": "1"}, "bad_metric": {"metric": "/nope"},
}
for name, o in sens.items():
    write("sensitivity", name, j(example) + "\n" + j(o))
write("sensitivity", "twelve", j(twelve) + "\n" + j({"metric": "/velocity/perDay"}))
write("sensitivity", "huge", j(huge) + "\n" + "null")
write("sensitivity", "churn", j(churn) + "\n" + j({"metric": "/economics/clv"}))

sims = {
    "dealsize": {"ranges": [{"lever": "/funnel/dealSize", "low": "10000", "high": "15000"}], "samples": 1000, "seed": 42},
    "triangular": {"ranges": [{"lever": "/funnel/top", "low": "8000", "high": "16000", "mode": "12000"},
                              {"lever": "/funnel/stages/0/rate", "low": "0.01", "high": "0.04", "mode": "0.04"}],
                   "samples": 500, "seed": "18446744073709551615", "threshold": "800000"},
    "metric": {"ranges": [{"lever": "/acquisitionCost", "low": "0", "high": "100000"}], "samples": 200, "metric": "/economics/ltvToCac"},
    "retention": {"ranges": [{"lever": "/retention/end", "low": "30", "high": "300"}, {"lever": "/retention/new", "low": "0", "high": "30"}],
                  "samples": 100, "metric": "/retention/rate"},
    "no_ranges": {"samples": 1},
    "defaults": {},
    "bad_samples": {"ranges": [], "samples": 0},
    "bad_dup": {"ranges": [{"lever": "/funnel/top", "low": "1", "high": "2"}, {"lever": "/funnel/top", "low": "1", "high": "2"}]},
    "bad_mode": {"ranges": [{"lever": "/funnel/top", "low": "1", "high": "2", "mode": "3"}], "samples": 10},
    "bad_high": {"ranges": [{"lever": "/funnel/stages/1/rate", "low": "0.5", "high": "0.1"}], "samples": 10},
}
for name, o in sims.items():
    write("simulate", name, j(example) + "\n" + j(o))
write("simulate", "huge", j(huge) + "\n" + j({"ranges": [{"lever": "/funnel/top", "low": "0", "high": "79228162514264337593543950335"}], "samples": 50}))
write("simulate", "twelve", j(twelve) + "\n" + j({"ranges": [{"lever": f"/funnel/stages/{i}/rate", "low": "0", "high": "1", "mode": "0.5"} for i in range(12)],
                                                  "samples": 100, "metric": "/target/needed/top"}))
# Finding 5: uniform draws over a wide range (the rejection loop must accept most candidates).
write("simulate", "uniform_wide", j({"funnel": {"dealSize": "143165576.5", "stages": [{"name": "stage 0", "rate": "1e-28"}, {"name": "stage 1", "rate": "1e-28"}], "top": "143165576.5"}})
      + "\n" + j({"ranges": [{"high": "79228162514264337593543950334", "lever": "/funnel/top", "low": "0.0000000000000000000000000001"}], "samples": 1846, "threshold": "143165576.5"}))
write("simulate", "churn", j(churn) + "\n" + j({"ranges": [{"lever": "/customer/annualChurn", "low": "0.01", "high": "1"}], "samples": 100, "metric": "/economics/clv", "threshold": 0}))

plans = {
    "contract": {"start": "2027-01-01", "end": "2027-03-31", "reps": "4", "capacity": "70",
                 "workdays": [1, 2, 3, 4, 5], "holidays": ["2027-01-01"]},
    "smart": {"start": "2027-01-01", "end": "2027-03-31", "growth": {"baseline": "135000", "by": "0.14"}},
    "three_years": {"start": "2024-01-01", "end": "2027-01-01", "workdays": [7, 6, 5, 4, 3, 2, 1], "reps": "2.5"},
    "week_53": {"start": "2020-12-28", "end": "2021-01-10", "target": 1000},
    "range_ends": {"start": "1900-01-01", "end": "1900-01-07", "capacity": "0.0000000000000000000000000001"},
    "last_days": {"start": "2200-12-25", "end": "2200-12-31", "reps": "79228162514264337593543950335"},
    "holidays_400": {"start": "2027-01-01", "end": "2027-12-31",
                     "holidays": [f"2027-{1 + i % 12:02}-{1 + i % 28:02}" for i in range(400)]},
    "bad_too_long": {"start": "2024-01-01", "end": "2027-01-02"},
    "bad_before": {"start": "2027-01-02", "end": "2027-01-01"},
    "bad_date": {"start": "2027-02-29", "end": "2027-03-01"},
    "bad_both": {"start": "2027-01-01", "end": "2027-01-31", "target": "1", "growth": {"baseline": "1", "by": "0"}},
    "bad_dup": {"start": "2027-01-01", "end": "2027-01-31", "workdays": [1, 1]},
    "bad_weekend": {"start": "2027-01-02", "end": "2027-01-03"},
    "bad_holidays": {"start": "2027-01-01", "end": "2027-01-31", "holidays": ["x"] * 401},
}
for name, o in plans.items():
    write("plan", name, j(example) + "\n" + j(o))
write("plan", "zero_rate", j(zero_rate) + "\n" + j(plans["contract"]))
write("plan", "zero_deal", j(zero_deal) + "\n" + j(plans["three_years"]))
write("plan", "huge", j(huge) + "\n" + j(plans["week_53"]))
write("plan", "twelve", j(twelve) + "\n" + j(plans["holidays_400"]))
write("plan", "tiny_cycle", j(tiny) + "\n" + j(plans["range_ends"]))
# Finding 6: a 29-digit target over one month (row targets rounded twice).
write("plan", "row_target_29_digits", j(example) + "\n" + j({"start": "2195-07-20", "end": "2195-07-30", "target": "7.9228162514264337593543950335"}))

# Structure-aware recipes (fuzz/src/gen.rs): a first byte >= 0x80, then bytes that `arbitrary`
# reads as choices. Deterministic pseudo-random bytes, a few per target.
import hashlib
for target in ["compute", "what_if", "solve", "sensitivity", "simulate", "plan"]:
    for n in range(6):
        block = b""
        h = f"{target}-{n}".encode()
        while len(block) < 96 + 64 * n:
            h = hashlib.sha256(h).digest()
            block += h
        d = os.path.join(ROOT, target)
        with open(os.path.join(d, f"recipe_{n}"), "wb") as f:
            f.write(bytes([0x80 + n]) + block)
