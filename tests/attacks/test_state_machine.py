"""No sequence of commands, by anyone under any spelling of their name, signs a task off without the round's chain
of distinct, authorised signers (a hypothesis state machine over people, roles and commands; bounded examples)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from ledger import signoff
from ledger.core import Action, FixedClock, LedgerError, Operator, Role, Status
from ledger.core.people import normalize_name
from ledger.service import Ledger, add_person, register

PEOPLE = [
    ("张专班", Role.WORK_TEAM, None),
    ("王经办", Role.WORK_TEAM, None),
    ("刘副书记", Role.LEADER, None),
    ("陈书记", Role.LEADER, None),
    ("王书记", Role.SECRETARY, "南郊别墅"),
    ("李书记", Role.SECRETARY, "鑫峰苑"),
]
VARIANTS = ["{}", "{}\u200b", "\u200d{}", "{}\u2060"]
# Anyone may claim any role: the register decides whether the claim holds.
claims = st.tuples(
    st.sampled_from([p[0] for p in PEOPLE]), st.sampled_from(list(Role)), st.sampled_from(VARIANTS)
)


class SignOff(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tmp = tempfile.TemporaryDirectory()
        self.led = Ledger.create(
            Path(self.tmp.name) / "台账.db",
            clock=FixedClock.on("2025-11-20"),
            operator=Operator("张专班", Role.WORK_TEAM),
        )
        led = self.led
        a = led.add_community("南郊别墅", secretary="王书记")
        b = led.add_community("鑫峰苑", secretary="李书记")
        prob = led.add_problem(led.add_category("关于党建方面的整改"), "针对治理效能不足的问题")
        self.tasks = [
            led.add_task(prob, c, f"措施{i}", owner="x", deadline="2025-12-31") for i, c in enumerate((a, b))
        ]
        for name, role, community in PEOPLE:
            add_person(led, name, role, community)

    def teardown(self) -> None:
        self.led.close()
        self.tmp.cleanup()

    def _as(self, claim: tuple[str, Role, str]) -> None:
        name, role, variant = claim
        self.led.operator = Operator(variant.format(name), role)

    @rule(
        claim=claims,
        task=st.integers(0, 1),
        action=st.sampled_from(list(Action)),
        grade=st.sampled_from(["好", "差"]),
    )
    def act(self, claim: tuple[str, Role, str], task: int, action: Action, grade: str) -> None:
        self._as(claim)
        try:
            self.led.act(self.tasks[task], action, reason="理由", grade=grade, exception="纸质材料已核")
        except LedgerError:
            pass

    @rule(task=st.integers(0, 1), pick=st.integers(0, 5), variant=st.sampled_from(VARIANTS))
    def guided(self, task: int, pick: int, variant: str) -> None:
        """A step the state admits, by someone of the role it needs (any of them, under any spelling)."""
        tid = self.tasks[task]
        t = self.led.task(tid)
        if t.status in (Status.SUBMITTED, Status.IN_REVIEW):
            role, action = self.led.round_chain(tid)[min(t.review_level, 2)].role, Action.APPROVE
        elif t.status == Status.CLOSED:
            role, action = Role.LEADER, Action.REOPEN
        else:
            role = Role.SECRETARY if pick % 2 else Role.WORK_TEAM
            action = (
                Action.START
                if t.status in (Status.NOT_STARTED, Status.RETURNED, Status.REOPENED)
                else Action.SUBMIT
            )
        names = [n for n, r, _ in PEOPLE if r == role]
        self._as((names[pick % len(names)], role, variant))
        try:
            self.led.act(tid, action, reason="理由", grade="好", exception="纸质材料已核")
        except LedgerError:
            pass
        if self.led.task(tid).status == Status.CLOSED:
            event("signed off")

    @rule(claim=claims, task=st.integers(0, 1))
    def evidence(self, claim: tuple[str, Role, str], task: int) -> None:
        self._as(claim)
        try:
            signoff.attach_evidence(
                self.led, self.tasks[task], data=b"photo" + bytes([task]), file_name="照片.jpg"
            )
        except LedgerError:
            pass

    @rule(claim=claims, leader=st.sampled_from(["陈书记", "王经办", "王书记"]), levels=st.integers(1, 3))
    def change_chain(self, claim: tuple[str, Role, str], leader: str, levels: int) -> None:
        self._as(claim)
        chain = [{"name": f"第{i}级", "role": "leader" if i else "work_team"} for i in range(levels)]
        try:
            signoff.set_review_chain(self.led, chain, leader)
        except LedgerError:
            pass

    @invariant()
    def every_closed_task_has_its_chain_of_distinct_authorised_signers(self) -> None:
        people = {(p.key, p.role) for p in register(self.led) if p.active}
        for tid in self.tasks:
            t = self.led.task(tid)
            if t.status != Status.CLOSED:
                continue
            rows = self.led.store.rows(
                "SELECT level, reviewer, role FROM review WHERE task_id = ? AND round = ? AND decision = 'approve' "
                "ORDER BY level",
                (tid, t.review_round),
            )
            submitter = normalize_name(
                self.led.store.one(
                    "SELECT actor FROM journal WHERE task_id = ? AND command = 'submit' ORDER BY seq DESC LIMIT 1",
                    (tid,),
                )
            )
            names = [normalize_name(r["reviewer"]) for r in rows]
            assert [r["level"] for r in rows] == list(range(1, len(rows) + 1)) and rows
            assert len(set(names)) == len(names), names
            assert submitter not in names
            assert all(r["role"] != Role.SECRETARY.value for r in rows)
            assert all((n, Role(r["role"])) in people for n, r in zip(names, rows, strict=True))


SignOff.TestCase.settings = settings(
    max_examples=25, stateful_step_count=40, deadline=None, suppress_health_check=list(HealthCheck)
)
TestSignOff = SignOff.TestCase
