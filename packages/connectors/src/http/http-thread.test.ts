import { spawn } from 'node:child_process';
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import { createThreadedHttpClient } from './http-thread.js';
import { startLocalHttpServer, type LocalHttpServer } from './testing/local-http-server.js';

// What only the threaded client has: its thread's life. Its HTTP behaviour is the shared suite
// in safe-http.client.test.ts.
describe('HTTP thread', () => {
  let server: LocalHttpServer;
  beforeAll(async () => {
    server = await startLocalHttpServer((req, res) => {
      if (req.url === '/hang') return;
      res.end('ok');
    });
  });
  afterAll(() => server.close());

  it('a thread that dies fails its requests as retryable, and the next request gets a new one', async () => {
    const threads: Worker[] = [];
    const client = createThreadedHttpClient(
      { allowPrivateNetwork: true, timeoutMs: 10_000 },
      { onThreadStart: (thread) => threads.push(thread) },
    );
    try {
      expect((await client.request({ method: 'GET', url: `${server.origin}/` })).text()).toBe('ok');
      const hanging = client.request({ method: 'POST', url: `${server.origin}/hang`, body: 'x' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      await threads[0]!.terminate();
      const error = await hanging.catch((e) => e);
      expect(isAppError(error, 'PUBLISH_FAILED')).toBe(true);
      expect(error.retryable).toBe(true);
      expect(error.message).toMatch(/HTTP thread stopped/);

      const again = await client.request({ method: 'GET', url: `${server.origin}/` });
      expect(again.status).toBe(200);
      expect(threads).toHaveLength(2);
    } finally {
      client.close();
    }
  });

  it('an answer carries only its own bytes, not the pool a small Buffer shares', async () => {
    const client = createThreadedHttpClient({ allowPrivateNetwork: true });
    try {
      const res = await client.request({ method: 'GET', url: `${server.origin}/` });
      expect(res.text()).toBe('ok');
      expect(res.body.buffer.byteLength).toBe(2);
    } finally {
      client.close();
    }
  });

  it('close fails what is in flight and refuses what comes after', async () => {
    const client = createThreadedHttpClient({ allowPrivateNetwork: true, timeoutMs: 10_000 });
    const hanging = client.request({ method: 'GET', url: `${server.origin}/hang` });
    await new Promise((resolve) => setTimeout(resolve, 100));
    client.close();
    expect(isAppError(await hanging.catch((e) => e), 'PUBLISH_FAILED')).toBe(true);
    await expect(client.request({ method: 'GET', url: `${server.origin}/` })).rejects.toThrow(
      /closed/,
    );
  });

  it('warm starts the thread before any request, and the first request uses it', async () => {
    const threads: Worker[] = [];
    const client = createThreadedHttpClient(
      { allowPrivateNetwork: true },
      { onThreadStart: (thread) => threads.push(thread) },
    );
    client.warm();
    expect(threads).toHaveLength(1);
    const res = await client.request({ method: 'GET', url: `${server.origin}/` });
    expect(res.text()).toBe('ok');
    client.warm();
    expect(threads).toHaveLength(1);
    client.close();
  });

  it('a burst is sent a few requests per turn: early answers come back while the rest go out', async () => {
    const arrived: string[] = [];
    const burst = await startLocalHttpServer((req, res) => {
      arrived.push(req.url!);
      res.end(req.url);
    });
    const client = createThreadedHttpClient({ allowPrivateNetwork: true });
    try {
      client.warm();
      let answered = 0;
      let arrivedAtFirstAnswer = -1;
      const answers = await Promise.all(
        Array.from({ length: 240 }, (_, i) =>
          client.request({ method: 'GET', url: `${burst.origin}/${i}` }).then((res) => {
            if (answered++ === 0) arrivedAtFirstAnswer = arrived.length;
            return res.text();
          }),
        ),
      );
      expect(answers).toEqual(Array.from({ length: 240 }, (_, i) => `/${i}`));
      // Started all in one turn, no answer came back before (nearly) all 240 had gone out
      // (232–240 seen); paced, the first answer comes after 16.
      expect(arrivedAtFirstAnswer).toBeLessThanOrEqual(120);
    } finally {
      client.close();
      await burst.close();
    }
  });

  it('a request aborted while it waits for its turn fails as canceled and is never sent', async () => {
    // The thread is cold: all ten messages reach it in one batch once it has loaded, so the
    // last one waits behind the eight that fill the first turn.
    const client = createThreadedHttpClient({ allowPrivateNetwork: true, timeoutMs: 10_000 });
    const before = server.requests.length;
    try {
      const hanging = Array.from({ length: 8 }, () =>
        client.request({ method: 'GET', url: `${server.origin}/hang` }).catch((e) => e),
      );
      const controller = new AbortController();
      const queued = client.request({
        method: 'GET',
        url: `${server.origin}/late`,
        signal: controller.signal,
      });
      controller.abort();
      // Settled before the hanging requests could be (they end only at close or their 10 s).
      const error = await queued.catch((e) => e);
      expect(isAppError(error, 'CANCELED')).toBe(true);
      expect(server.requests.slice(before).map((r) => r.url)).not.toContain('/late');
      client.close();
      await Promise.all(hanging);
    } finally {
      client.close();
    }
  });

  it('an idle thread does not keep the process alive, warmed or after a request', async () => {
    // A process whose only work was one request must end by itself, thread or no thread.
    const afterRequest = `
      import http from 'node:http';
      import { createThreadedHttpClient } from ${JSON.stringify(new URL('./http-thread.ts', import.meta.url).href)};
      const server = http.createServer((req, res) => res.end('ok')).listen(0, '127.0.0.1');
      await new Promise((resolve) => server.on('listening', resolve));
      const client = createThreadedHttpClient({ allowPrivateNetwork: true });
      const res = await client.request({ method: 'GET', url: 'http://127.0.0.1:' + server.address().port + '/' });
      server.close();
      console.log('answered ' + res.text());
    `;
    expect(await runScript(afterRequest)).toEqual({ exited: true, out: 'answered ok\n' });
    const warmedOnly = `
      import { createThreadedHttpClient } from ${JSON.stringify(new URL('./http-thread.ts', import.meta.url).href)};
      createThreadedHttpClient({ allowPrivateNetwork: true }).warm();
      console.log('warmed');
    `;
    expect(await runScript(warmedOnly)).toEqual({ exited: true, out: 'warmed\n' });
  }, 40_000);
});

/** Runs an ES module script in a child process; whether it ended by itself within 15 s. */
async function runScript(script: string): Promise<{ exited: boolean; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk) => (out += chunk));
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 15_000);
    child.on('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!exited) child.kill('SIGKILL');
  return { exited, out };
}
