"""Scoring extraction against human-coded gold data (``blotter eval``) and the CI floors."""
