import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONFIG_ENV_VARS, loadConfig } from './config.js';

/*
 * docker-compose cannot run on the CI machines (no Docker engine), so this keeps it honest by
 * reading: the services it names exist, and every variable it passes is one the server reads.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<string, ComposeService>;
};

describe('docker-compose.yml', () => {
  it('runs MongoDB as a replica set, Redis and the server built from the Dockerfile', () => {
    const { mongo, redis, tandem } = compose.services;
    expect(mongo?.image).toMatch(/^mongo:/);
    expect(JSON.stringify(mongo)).toContain('--replSet');
    expect(redis?.image).toMatch(/^redis:/);
    expect(tandem?.build).toBe('.');
    expect(Object.keys(tandem?.depends_on ?? {})).toEqual(['mongo', 'redis']);
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toContain('@tandem/server');
  });

  it('passes only variables the server configuration reads, and the ones the scaled setup needs', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.build) continue;
      const vars = Object.keys(service.environment ?? {});
      expect(
        vars.filter((v) => !(CONFIG_ENV_VARS as string[]).includes(v)),
        name,
      ).toEqual([]);
      expect(vars).toEqual(
        expect.arrayContaining(['MONGODB_URI', 'REDIS_URL', 'TANDEM_SECRET_KEY']),
      );
      const uri = service.environment?.MONGODB_URI ?? '';
      expect(uri).toContain('mongo:27017');
      expect(service.environment?.REDIS_URL).toContain('redis:6379');
    }
  });

  it('gives a configuration the server accepts', () => {
    const env = compose.services.tandem?.environment ?? {};
    const resolved = Object.fromEntries(
      Object.entries(env).map(([k, v]) => [k, v.startsWith('${') ? undefined : v]),
    );
    const config = loadConfig({
      ...resolved,
      TANDEM_SECRET_KEY: 'x'.repeat(32),
      TANDEM_ADMIN_EMAIL: 'ops@example.com',
      TANDEM_ADMIN_PASSWORD: 'a-long-password',
    });
    expect(config.mongoUri).toMatch(/^mongodb:\/\/mongo:27017/);
    expect(config.nodeEnv).toBe('production');
  });
});

describe('.env.example', () => {
  it('documents every variable the server reads', () => {
    const text = readFileSync(path.join(root, '.env.example'), 'utf8');
    const missing = CONFIG_ENV_VARS.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(text));
    expect(missing).toEqual([]);
  });
});
