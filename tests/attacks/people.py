"""The people of the attack tests: the work team, two leaders, a secretary per community, one clerk."""

from __future__ import annotations

from ledger.core import Operator, Role

WT = Operator("张专班", Role.WORK_TEAM)
CLERK = Operator("王经办", Role.WORK_TEAM)
L1 = Operator("刘副书记", Role.LEADER)
L2 = Operator("陈书记", Role.LEADER)
SEC_A = Operator("王书记", Role.SECRETARY)  # 南郊别墅
SEC_B = Operator("李书记", Role.SECRETARY)  # 鑫峰苑
