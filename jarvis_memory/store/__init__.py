"""The store: one libSQL database shared with the TypeScript app.

Settings (:mod:`.config`), the client layer over libsql-client and Hrana (:mod:`._clients`), the
:class:`~.database.Database` with its schema migrations, the three services (:mod:`.memories`, with
:mod:`.search`, :mod:`.sessions`, :mod:`.events`) plus reviewed merges (:mod:`.merges`), bulk import/export
(:mod:`.bulk`) and embedded replicas (:mod:`.replica`).  Imports nothing from the other sub-packages.
"""
