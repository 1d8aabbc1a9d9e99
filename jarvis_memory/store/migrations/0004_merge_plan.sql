-- Staging for `jarvis-memory dedup apply` and `dedup undo`: the merges to carry out (or to undo) are written here in
-- chunks of bounded size, then carried out by a few set-based statements in one atomic batch, so no request grows
-- with the number of merges (sqld refuses a WebSocket message over 16 MiB). Rows live only while a command runs;
-- a killed command's rows are removed by the next one. A table of this package's own, like jm_memory_merges.
CREATE TABLE IF NOT EXISTS `jm_merge_plan` (
	`plan_id` text NOT NULL,
	`seq` integer NOT NULL,
	`staged_at` text NOT NULL,
	`step` text NOT NULL,
	`merge_id` integer,
	`removed_id` integer,
	`survivor_id` integer,
	`kind` text,
	`score` real,
	`removed_hash` text,
	`survivor_hash` text,
	`last_accessed_from` text,
	`last_accessed_to` text,
	PRIMARY KEY (`plan_id`, `seq`)
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_merge_plan_survivor_idx` ON `jm_merge_plan` (`plan_id`, `survivor_id`, `seq`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_merge_plan_removed_idx` ON `jm_merge_plan` (`removed_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_memory_merges_survivor_id_idx` ON `jm_memory_merges` (`survivor_id`, `merge_id`);
