"""Files handed to people, started from the window: the 台账 Excel and its templates, the 通报, the 修改记录."""
