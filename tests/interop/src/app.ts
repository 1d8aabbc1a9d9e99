// CLI over the seed's data layer (db.ts + storeMemoryEntry + session functions), for interop tests.
// Usage: DATABASE_URL=file:/abs/x.db npx tsx src/app.ts <command> [args]; prints one JSON document.
// `script` runs several commands in one process (one client, one Node start-up): see below.
import { createHash } from 'crypto';
import { fileURLToPath } from 'url';
import { createClient } from '@libsql/client';
import { eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import * as schema from './schema';
import { dailyLogs, memoryEntries, sessions } from './schema';

function fail(err: unknown) {
  const message = (e: unknown): string =>
    e instanceof Error ? e.message + (e.cause ? ` (cause: ${message(e.cause)})` : '') : String(e);
  process.stderr.write(JSON.stringify({ error: message(err) }) + '\n');
  process.exit(1);
}
process.on('uncaughtException', fail); // also catches rejected top-level awaits

const client = createClient({
  url: process.env.DATABASE_URL!,
  authToken: process.env.DATABASE_AUTH_TOKEN,
});
const db = drizzle(client, { schema });

const hash = (content: string) =>
  createHash('sha256').update(content.trim().toLowerCase()).digest('hex');

export async function storeMemoryEntry(content: string, category: string, source: string) {
  const contentHash = hash(content);
  const existing = await db.select()
    .from(memoryEntries)
    .where(eq(memoryEntries.contentHash, contentHash))
    .get();

  if (existing) {
    await db.update(memoryEntries)
      .set({ lastAccessed: new Date().toISOString() })
      .where(eq(memoryEntries.id, existing.id));
    return existing;
  }

  return await db.insert(memoryEntries).values({
    content,
    contentHash,
    category,
    source,
  }).returning().get();
}

export async function startSession(): Promise<number> {
  const result = await db.insert(sessions).values({
    startedAt: new Date().toISOString(),
  }).returning({ id: sessions.id }).get();

  return result.id;
}

export async function endSession(sessionId: number, trigger: string, summary?: string) {
  await db.update(sessions)
    .set({
      endedAt: new Date().toISOString(),
      endTrigger: trigger,
      summary,
    })
    .where(eq(sessions.id, sessionId));
}

export async function logSessionEvent(
  sessionId: number,
  eventType: string,
  eventData?: Record<string, unknown>
) {
  await db.insert(dailyLogs).values({
    sessionId,
    eventType,
    eventData: eventData ? JSON.stringify(eventData) : null,
  });
}

async function readStdinJson() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

type NewEntry = { content: string; category: string; source: string };
// A command gets its arguments and, for the commands that take JSON input, a reader of that input.
type Command = (args: string[], input: () => Promise<unknown>) => Promise<unknown>;

const commands: Record<string, Command> = {
  migrate: async () => {
    await migrate(db, {
      migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)),
    });
    return { migrated: true };
  },
  store: ([content, category, source]) => storeMemoryEntry(content, category, source),
  'store-many': async (_args, input) => {
    const results = [];
    for (const e of (await input()) as NewEntry[]) {
      results.push(await storeMemoryEntry(e.content, e.category, e.source));
    }
    return results;
  },
  // Seconds each storeMemoryEntry call took, timed inside Node (benchmarks/bench_sqld_store.py).
  'time-store': async (_args, input) => {
    const seconds = [];
    for (const e of (await input()) as NewEntry[]) {
      const started = performance.now();
      await storeMemoryEntry(e.content, e.category, e.source);
      seconds.push((performance.now() - started) / 1000);
    }
    return seconds;
  },
  hash: async (_args, input) => ((await input()) as string[]).map(hash),
  // A drizzle delete by id, as the app forgets a memory: the row deleted, or null.
  delete: async ([id]) =>
    (await db.delete(memoryEntries).where(eq(memoryEntries.id, Number(id))).returning().get()) ?? null,
  'start-session': async () => ({ id: await startSession() }),
  'end-session': async ([id, trigger, summary]) => {
    await endSession(Number(id), trigger, summary);
    return { id: Number(id) };
  },
  'log-event': async ([sessionId, eventType, json]) => {
    await logSessionEvent(Number(sessionId), eventType, JSON.parse(json));
    return { sessionId: Number(sessionId), eventType };
  },
  dump: async () => ({
    memory_entries: await db.select().from(memoryEntries).all(),
    sessions: await db.select().from(sessions).all(),
    daily_logs: await db.select().from(dailyLogs).all(),
  }),
  // stdin: [{"cmd": "start-session"}, {"cmd": "end-session", "args": ["$0.id", "explicit"]}, ...];
  // an argument "$N.path" is that path (e.g. "id", "0.id") in step N's result; a step's
  // "input" is its JSON input.  Prints the list of results; stops at the first failing step.
  script: async (_args, input) => {
    type Step = { cmd: string; args?: string[]; input?: unknown };
    const results: any[] = [];
    for (const step of (await input()) as Step[]) {
      const args = (step.args ?? []).map((a) => {
        const ref = /^\$(\d+)((?:\.\w+)+)$/.exec(a);
        if (!ref) return a;
        return String(ref[2].slice(1).split('.').reduce((value, key) => value[key], results[Number(ref[1])]));
      });
      results.push(await lookup(step.cmd)(args, async () => step.input));
    }
    return results;
  },
};

function lookup(name: string | undefined): Command {
  const command = name === undefined ? undefined : commands[name];
  if (!command) throw new Error(`unknown command: ${name ?? '(none)'}`);
  return command;
}

const [name, ...args] = process.argv.slice(2);
process.stdout.write(JSON.stringify(await lookup(name)(args, readStdinJson)) + '\n');
client.close();
