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
  ports?: string[];
  volumes?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, unknown>;
}

// Compose resolves `<<:` merge keys (the shared server/worker settings); so does this parse.
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as {
  services: Record<string, ComposeService>;
};
const tandemServices = Object.entries(compose.services).filter(([, s]) => s.build);

describe('docker-compose.yml', () => {
  it('runs MongoDB as a replica set, Redis, two servers and two workers built from the Dockerfile', () => {
    const { mongo, redis } = compose.services;
    expect(mongo?.image).toMatch(/^mongo:/);
    expect(JSON.stringify(mongo)).toContain('--replSet');
    expect(redis?.image).toMatch(/^redis:/);
    const roles = tandemServices.map(([, s]) => s.environment?.TANDEM_ROLE).sort();
    expect(roles).toEqual(['server', 'server', 'worker', 'worker']);
    for (const [name, service] of tandemServices) {
      expect(service.build, name).toBe('.');
      expect(Object.keys(service.depends_on ?? {}), name).toEqual(['mongo', 'redis']);
      // Only the load balancer is published; servers and workers stay on the compose network.
      expect(service.ports, name).toBeUndefined();
    }
    expect(readFileSync(path.join(root, 'Dockerfile'), 'utf8')).toContain('@tandem/server');
  });

  it('puts nginx with sticky sessions and WebSocket upgrades in front of both servers', () => {
    const { lb } = compose.services;
    expect(lb?.image).toMatch(/^nginx:/);
    expect(lb?.ports).toEqual(['3000:80']);
    const mount = (lb?.volumes ?? []).find((v) => v.startsWith('./deploy/'))!;
    const nginx = readFileSync(path.join(root, mount.split(':')[0]!), 'utf8');
    expect(nginx).toMatch(/^\s*ip_hash;/m);
    const servers = tandemServices.filter(([, s]) => s.environment?.TANDEM_ROLE === 'server');
    for (const [name] of servers) expect(nginx).toContain(`server ${name}:3000;`);
    expect(nginx).toContain('proxy_set_header Upgrade $http_upgrade;');
    for (const [, service] of servers) expect(service.environment?.TANDEM_TRUST_PROXY).toBe('1');
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
    for (const [name, service] of tandemServices) {
      const resolved = Object.fromEntries(
        Object.entries(service.environment ?? {}).map(([k, v]) => [
          k,
          v.startsWith('${') ? undefined : v,
        ]),
      );
      const config = loadConfig({
        ...resolved,
        TANDEM_SECRET_KEY: 'x'.repeat(32),
        TANDEM_ADMIN_EMAIL: 'ops@example.com',
        TANDEM_ADMIN_PASSWORD: 'a-long-password',
        TANDEM_METRICS_TOKEN: 'metrics-token-for-the-test',
      });
      expect(config.mongoUri, name).toMatch(/^mongodb:\/\/mongo:27017/);
      expect(config.nodeEnv, name).toBe('production');
      expect(config.metrics?.port, name).toBe(9464);
    }
  });
});

describe('.env.example', () => {
  it('documents every variable the server reads', () => {
    const text = readFileSync(path.join(root, '.env.example'), 'utf8');
    const missing = CONFIG_ENV_VARS.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(text));
    expect(missing).toEqual([]);
  });
});

describe('the start scripts', () => {
  const scriptsOf = (file: string) =>
    (JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { scripts: Record<string, string> })
      .scripts;
  const semiSpace = (script: string) => /--max-semi-space-size=(\d+)/.exec(script)?.[1] ?? null;

  // The Docker image runs apps/server's `start`; `pnpm start` the root's. The engine benchmark
  // runs under `pnpm bench` and must measure the heap the server really gets.
  it('run the server with the young-generation size the engine benchmark measures', () => {
    const workspace = scriptsOf('package.json');
    const server = scriptsOf('apps/server/package.json');
    const benchSize = semiSpace(workspace.bench!);
    expect(benchSize).not.toBeNull();
    const starts = {
      start: workspace.start!,
      'start:server': workspace['start:server']!,
      'start:worker': workspace['start:worker']!,
      'apps/server start': server.start!,
      'apps/server start:server': server['start:server']!,
      'apps/server start:worker': server['start:worker']!,
    };
    for (const [name, script] of Object.entries(starts)) {
      expect(script, name).toContain('main.ts');
      expect(semiSpace(script), name).toBe(benchSize);
    }
  });
});
