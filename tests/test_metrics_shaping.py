"""The pure shaping functions the pages call instead of pivoting or merging themselves, on
small hand-made frames whose answers are written out here."""
import numpy as np
import pandas as pd

from analytics.metrics import complaints, marketing, overview, scorecard


def test_judged_grid_puts_halls_in_the_given_order_and_kpis_as_columns():
    judged = pd.DataFrame({"hall_code": ["A", "A", "B", "B"], "kpi": ["csat", "nps", "csat", "nps"],
                           "value": [0.9, 30.0, 0.7, None], "status": ["good", "warn", "bad", None]})
    grid = overview.judged_grid(judged, "status", ["B", "A"], kpis=("nps", "csat"))
    assert grid.index.tolist() == ["B", "A"] and grid.columns.tolist() == ["nps", "csat"]
    assert pd.isna(grid.loc["B", "nps"]) and grid.loc["B", "csat"] == "bad"
    assert grid.loc["A"].tolist() == ["warn", "good"]


def test_worst_first_keeps_the_attention_order_with_the_missed_count():
    table = pd.DataFrame({"hall_code": ["A", "B", "C"], "csat": [0.9, 0.5, 0.7]})
    attention = pd.DataFrame({"hall_code": ["B", "C", "A"], "missed": [2, 1, 0]})
    shown = overview.worst_first(table, attention)
    assert shown[["hall_code", "missed", "csat"]].values.tolist() == [["B", 2, 0.5], ["C", 1, 0.7], ["A", 0, 0.9]]


def test_busiest_halls_keeps_every_cell_of_the_first_n_halls():
    cells = pd.DataFrame({"hall_code": ["A", "A", "B", "C", "C"], "category": ["x", "y", "x", "x", "y"],
                          "tickets": [5, 4, 6, 1, 1]})  # listed busiest first, as category_by_hall lists them
    assert complaints.busiest_halls(cells, 2)[["hall_code", "category"]].values.tolist() == [
        ["A", "x"], ["A", "y"], ["B", "x"]]


def test_most_broken_promises_leaves_out_halls_that_broke_none_and_orders_ties_by_code():
    by_hall = pd.DataFrame({"hall_code": ["A", "B", "C", "D"], "broken_48h": [3, 0, 5, 3]})
    assert complaints.most_broken_promises(by_hall, 10)["hall_code"].tolist() == ["C", "A", "D"]
    assert complaints.most_broken_promises(by_hall, 2)["hall_code"].tolist() == ["C", "A"]


def test_named_staff_and_unattributed_contacts_split_the_staff_rows():
    by_staff = pd.DataFrame({"staff_id": ["S1", None, "S2"], "contacts": [10, 25, 4], "rank": [1, 2, 3]})
    named = marketing.named_staff(by_staff)
    assert named["staff_id"].tolist() == ["S1", "S2"] and named["rank"].tolist() == [1, 2]
    assert marketing.unattributed_contacts(by_staff) == 25
    assert marketing.unattributed_contacts(by_staff.iloc[[0, 2]]) == 0


def test_hall_grids_and_score_table():
    rows = []
    for hall, name, scores in (("B", "乙厅", (80.0, 60.0)), ("A", "甲厅", (np.nan, 90.0))):
        for commitment, score in zip(("integrity", "professional"), scores):
            rows.append({"hall_code": hall, "hall_name": name, "region": "R", "city": "C", "commitment": commitment,
                         "score": score, "kpis": 3, "no_data": 1 if np.isnan(score) else 0, "low_sample": 1})
    halls, grids = scorecard.hall_grids(pd.DataFrame(rows))
    assert halls["hall_code"].tolist() == ["B", "A"]  # the scores' order
    assert list(grids["score"].columns) == list(scorecard.COMMITMENTS)
    assert grids["score"].loc["B", "integrity"] == 80.0 and np.isnan(grids["score"].loc["A", "integrity"])
    assert grids["uncounted"].loc["A", "integrity"] == 2 and grids["judged"].loc["A", "integrity"] == 1
    assert grids["judged"].loc["B", "professional"] == 2
    assert np.isnan(grids["score"].loc["B", "experience"])  # a commitment without rows stays empty
    table = scorecard.score_table(halls, grids["score"])
    assert table.set_index("hall_code").loc["A", "professional"] == 90.0
    assert table.columns.tolist()[:4] == ["hall_code", "hall_name", "region", "city"]


def test_hall_ranking_names_the_best_value_of_city_and_region():
    # Two cities of one region; CSAT with its interval and n. The fair rank uses the lower
    # bound, so C3's 0.95 from 10 answers (a low sample) does not come first.
    table = pd.DataFrame({
        "hall_code": ["H1", "H2", "H3"], "city": ["c1", "c1", "c2"], "region": ["r", "r", "r"],
        "responses": [100, 100, 10], "csat": [0.80, 0.90, 0.95], "csat_low": [0.72, 0.83, 0.70],
        "csat_high": [0.86, 0.95, 0.99]})
    from analytics import measures

    for key in overview.RANKED_KPIS:  # the other ranked KPIs: all halls alike
        if key not in table:
            table[key], table[f"{key}_low"], table[f"{key}_high"] = 1.0, 1.0, 1.0
        n_column = measures.get(key).n_column
        if n_column and n_column not in table:
            table[n_column] = 100
    ranking = overview.hall_ranking(table, "H1").set_index("kpi")
    assert ranking.loc["csat", "city_rank"] == 2 and ranking.loc["csat", "region_rank"] == 2
    assert ranking.loc["csat", "city_best"] == 0.90 and ranking.loc["csat", "region_best"] == 0.90
