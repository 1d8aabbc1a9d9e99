"""Scheduled reports: run the notebooks with papermill (:mod:`.runner`), keep the index and history
(:mod:`.index`), and the formatted tables and charts the notebooks show (:mod:`.tables`, :mod:`.charts`).
Imports analysis and store; never the demo.
"""
