import { sqliteTable, text, integer, real } from 'drizzle-orm/sqlite-core';

export const memoryEntries = sqliteTable('memory_entries', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  content: text('content').notNull(),
  contentHash: text('content_hash').unique(),
  category: text('category').notNull(), // 'preference' | 'fact' | 'pattern'
  source: text('source').notNull(), // 'user_explicit' | 'jarvis_inferred'
  createdAt: text('created_at').notNull().$defaultFn(() => new Date().toISOString()),
  lastAccessed: text('last_accessed'),
});

export const sessions = sqliteTable('sessions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
  endTrigger: text('end_trigger'), // 'timeout' | 'explicit' | 'browser_close'
  summary: text('summary'),
});

export const dailyLogs = sqliteTable('daily_logs', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  sessionId: integer('session_id').references(() => sessions.id),
  eventType: text('event_type').notNull(),
  eventData: text('event_data'), // JSON string
  timestamp: text('timestamp').notNull().$defaultFn(() => new Date().toISOString()),
});
