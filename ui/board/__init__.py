"""挂图督战 in the window: the wall chart tab, its painting, colours and printing; the kanban and the overview."""
