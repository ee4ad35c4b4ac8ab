"""Field readers: dates, casualty counts, actors, weapons and claims from sentence text."""
