-- Indexes for the analysis and session queries. Plain indexes only: they change
-- no column, so the TypeScript app's queries and inserts are unaffected.
CREATE INDEX IF NOT EXISTS `jm_daily_logs_session_id_idx` ON `daily_logs` (`session_id`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_daily_logs_timestamp_idx` ON `daily_logs` (`timestamp`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_memory_entries_created_at_idx` ON `memory_entries` (`created_at`);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `jm_sessions_open_idx` ON `sessions` (`ended_at`);
