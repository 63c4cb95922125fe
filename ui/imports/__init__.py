"""Files brought in from the window: rectification plans, filled 填报表 and other tools' 台账, each previewed first."""
