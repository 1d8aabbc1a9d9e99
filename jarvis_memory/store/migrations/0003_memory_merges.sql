-- The log of reviewed merges (`jarvis-memory dedup apply`), one row per removed memory: the removed row's every
-- column, the survivor and its last_accessed before the merge, so `jarvis-memory dedup undo` can restore both.
-- A table of this package's own: the TypeScript app's queries and inserts are unaffected.
CREATE TABLE IF NOT EXISTS `jm_memory_merges` (
	`merge_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`merged_at` text NOT NULL,
	`survivor_id` integer NOT NULL,
	`survivor_last_accessed` text,
	`kind` text NOT NULL,
	`score` real,
	`removed_id` integer NOT NULL,
	`content` text NOT NULL,
	`content_hash` text,
	`category` text NOT NULL,
	`source` text NOT NULL,
	`created_at` text NOT NULL,
	`last_accessed` text,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_memory_merges_removed_id_idx` ON `jm_memory_merges` (`removed_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_memory_merges_merged_at_idx` ON `jm_memory_merges` (`merged_at`);
