import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './store.factory.js';
import { SQLITE_FILE_NAME } from './sqlite/sqlite.store.js';

describe('openStore', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('opens SQLite in the data directory when no MongoDB URI is set (blank counts as unset)', async () => {
    for (const mongoUri of [undefined, '', '  ']) {
      const dataDir = mkdtempSync(join(tmpdir(), 'tandem-factory-'));
      dirs.push(dataDir);
      const store = await openStore({ dataDir, mongoUri });
      expect(store.kind).toBe('sqlite');
      expect(await store.ping()).toBe(true);
      await store.close();
      expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(true);
    }
  });

  it('chooses MongoDB when a URI is set, loading its driver only then', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tandem-factory-'));
    dirs.push(dataDir);
    await expect(
      openStore({ dataDir, mongoUri: 'postgres://db.example.com/tandem' }),
    ).rejects.toThrow(/mongodb:\/\//);
    expect(existsSync(join(dataDir, SQLITE_FILE_NAME))).toBe(false);
  });
});
