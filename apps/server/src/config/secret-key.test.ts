import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '@tandem/nodes';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Config } from './config.js';
import { resolveSecretKey } from './secret-key.js';

const quiet = { info: () => undefined, warn: () => undefined } as unknown as Logger;

describe('the generated secret key', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'tandem-key-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('creates the data directory readable by its owner only, as the SQLite store does', () => {
    const dataDir = join(root, 'data');
    const key = resolveSecretKey({ dataDir } as Config, quiet);

    expect(key.length).toBeGreaterThanOrEqual(32);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
  });
});
