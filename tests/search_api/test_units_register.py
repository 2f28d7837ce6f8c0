"""The register of units from owner summaries: twins merged, names as written, aliases, fragments."""

from __future__ import annotations

from search_api.units.register import build_register, display_name, find_unit, fragments, unit_slug


def row(key: str, name: str, total: int, **counts: int) -> dict:
    return {"key": key, "name": name, "total": total, "open": counts.get("open", total),
            "overdue": counts.get("overdue", 0), "done": counts.get("done", 0)}


def test_case_and_accent_twins_are_one_unit_named_as_most_tasks_write_it() -> None:
    units = build_register([row("uỷ ban nhân dân các xã phường", "uỷ ban nhân dân các xã, phường", 5),
                            row("uy ban nhan dan cac xa phuong", "Uy ban nhan dan cac xa phuong", 1)])
    assert len(units) == 1
    assert units[0].name == "Uỷ ban nhân dân các xã, phường"  # proper case, the comma kept
    assert units[0].total == 6 and units[0].key == "uỷ ban nhân dân các xã phường"


def test_aliases_and_names_of_an_administrator_win() -> None:
    rows = [row("bo tu phap", "Bộ Tư pháp", 3), row("vu phap che", "Vụ Pháp chế", 2)]
    units = build_register(rows, aliases={"vu phap che": "bo tu phap"}, names={"bo tu phap": "Bộ Tư pháp (BTP)"})
    assert [(u.key, u.name, u.total, u.keys) for u in units] == [
        ("bo tu phap", "Bộ Tư pháp (BTP)", 5, ("bo tu phap", "vu phap che"))]
    assert find_unit(units, "vu phap che") is units[0]


def test_fragments_are_flagged_for_review() -> None:
    units = {u.key: u for u in build_register([row("cục", "Cục", 2), row("chính quyền", "chính quyền", 1),
                                                row("bo tu phap", "Bộ Tư pháp", 3)])}
    assert units["cục"].fragment and units["chính quyền"].fragment and not units["bo tu phap"].fragment
    assert unit_slug("chính quyền") in fragments()


def test_display_name() -> None:
    assert display_name("các bộ,  ngành") == "Các bộ, ngành"
    assert display_name("UBND tỉnh") == "UBND tỉnh"
