"""Reading input records and writing results."""
