"""Analysis over the store: load tables into DuckDB/pandas (:mod:`.load`), the dedup audit
(:mod:`.dedup`), data-quality findings (:mod:`.quality`) and the doctor's checks (:mod:`.health`).
Imports the store; never the reports or the demo.
"""
