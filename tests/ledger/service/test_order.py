"""The ledger's natural order follows the user's ordering of categories, problems and communities."""

from ledger.storage import TaskFilter


def _order(led):
    return [(t["category"], t["problem"], t["community"]) for t in led.tasks_json()]


def test_natural_order_follows_moves_and_new_rows(filled):
    before = _order(filled)
    assert before[0] == ("关于党建引领方面的整改", "针对治理效能不足的问题", "南郊别墅")
    b = filled.community_id("鑫峰苑")
    filled.move_community(b, -1)
    assert [c for _cat, _p, c in _order(filled)][:2] == ["鑫峰苑", "南郊别墅"]
    cat2 = filled.categories()[1]["id"]
    filled.move_category(cat2, -1)
    assert _order(filled)[0][0] == "关于廉政建设方面的整改"
    pid = filled.add_problem(cat2, "针对新发现的问题")
    filled.add_task(pid, b, "新措施", owner="某人")
    rows = _order(filled)
    assert rows.index(("关于廉政建设方面的整改", "针对新发现的问题", "鑫峰苑")) == 2


def test_first_screen_limit_is_a_prefix_of_the_full_order(filled):
    for sort in ("order", "owner", "deadline", "community", "status"):
        for desc in (False, True):
            flt = TaskFilter(sort=sort, descending=desc)
            full = filled.task_rowids(flt)
            assert filled.task_rowids(flt, limit=3) == full[:3]
            assert filled.task_count(flt) == len(full)


def test_undo_of_a_delete_restores_order_keys(filled):
    tid = filled.tasks_json()[0]["id"]
    filled.delete_task(tid)
    entry = filled.history(tid)[-1].id
    filled.undo(entry)
    assert filled.tasks_json()[0]["id"] == tid
