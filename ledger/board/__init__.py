"""挂图督战: the wall chart, the kanban and the overview, counted in SQL under a colour scheme."""

from ledger.board.kanban import KanbanColumn
from ledger.board.overview import CommunityProgress, Trends
from ledger.board.scheme import BoardScheme
from ledger.board.wallchart import BoardData, Cell, Totals

__all__ = ["BoardData", "BoardScheme", "Cell", "CommunityProgress", "KanbanColumn", "Totals", "Trends"]
