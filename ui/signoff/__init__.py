"""销号 in the window: submit, review and extension dialogs, 待我审核, 回头看 and the printed 销号审批表."""
