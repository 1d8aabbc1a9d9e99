-- The full-text index of memory_entries.content that `search` and `recall` use (SQLite FTS5): whole words,
-- Unicode case folded and accents removed (unicode61 remove_diacritics 2), ranked by BM25. External content: the
-- text stays in memory_entries only; the index holds the words. Triggers keep it in step with every client's
-- inserts, deletes and edits (the TypeScript app's included); a touch of last_accessed fires none of them. The
-- last statement indexes the rows already there. A table of this package's own, like jm_memory_merges.
CREATE VIRTUAL TABLE IF NOT EXISTS `jm_memory_fts` USING fts5(
	content, content='memory_entries', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `jm_memory_fts_insert` AFTER INSERT ON `memory_entries` BEGIN
	INSERT INTO `jm_memory_fts` (rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `jm_memory_fts_delete` AFTER DELETE ON `memory_entries` BEGIN
	INSERT INTO `jm_memory_fts` (`jm_memory_fts`, rowid, content) VALUES ('delete', old.id, old.content);
END;
--> statement-breakpoint
CREATE TRIGGER IF NOT EXISTS `jm_memory_fts_update` AFTER UPDATE OF id, content ON `memory_entries` BEGIN
	INSERT INTO `jm_memory_fts` (`jm_memory_fts`, rowid, content) VALUES ('delete', old.id, old.content);
	INSERT INTO `jm_memory_fts` (rowid, content) VALUES (new.id, new.content);
END;
--> statement-breakpoint
INSERT INTO `jm_memory_fts` (`jm_memory_fts`) VALUES ('rebuild');
