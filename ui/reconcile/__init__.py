"""对账 in the window: a week's lines to tick, the chase list, closing and comparing weeks."""
