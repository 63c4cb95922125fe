"""社区包 in the window: issuing packages, merging returns and open conflicts, and the community's own mode."""
