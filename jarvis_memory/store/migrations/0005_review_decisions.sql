-- The reviewer's decisions of `jarvis-memory dedup apply`, beside the rows they removed (migration 0003).
-- `decision` says why a row left memory_entries: 'merge' (a duplicate of the row kept) or 'supersede' (an older
-- statement that the row kept replaced, as "Lives in Lisbon" by "Lives in Porto"); the log's earlier rows were merges.
ALTER TABLE `jm_memory_merges` ADD `decision` text DEFAULT 'merge' NOT NULL;--> statement-breakpoint
ALTER TABLE `jm_merge_plan` ADD `decision` text;--> statement-breakpoint
-- Pairs a reviewer decided to keep both of, with the content hashes the two rows had: the next audit does not ask
-- about them again while both rows keep those hashes. `dedup undo --all-since` reopens them (`undone_at`).
-- Tables of this package's own, like jm_memory_merges: the TypeScript app's queries and inserts are unaffected.
CREATE TABLE IF NOT EXISTS `jm_kept_both` (
	`decision_id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`decided_at` text NOT NULL,
	`id_a` integer NOT NULL,
	`id_b` integer NOT NULL,
	`hash_a` text,
	`hash_b` text,
	`kind` text NOT NULL,
	`undone_at` text
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_kept_both_pair_idx` ON `jm_kept_both` (`id_a`, `id_b`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_kept_both_decided_at_idx` ON `jm_kept_both` (`decided_at`);
