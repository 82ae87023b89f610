/*
 * Child process for the shutdown test: makes enough writes to start the background WAL
 * checkpointer, closes the store, reopens it and prints "closed <runs found>". A close that
 * never finished would end the process silently instead.
 * Usage: node --import tsx close-after-writes.ts <dataDir> <count>
 */
import { makeRun } from '../contract/fixtures.js';
import { openSqliteStore } from '../sqlite/sqlite.store.js';

const [dataDir, countText] = process.argv.slice(2);
if (!dataDir || !countText) throw new Error('usage: close-after-writes.ts <dataDir> <count>');

const store = openSqliteStore({ dataDir });
const count = Number(countText);
for (let i = 0; i < count; i += 1) await store.runs.create(makeRun(`run_${i}`));
await store.close();
const reopened = openSqliteStore({ dataDir, groupCommit: false });
const counts = await reopened.runs.countByStatus();
await reopened.close();
console.log(`closed ${Object.values(counts).reduce((a, b) => a + b, 0)}`);
