import { describe, expect, it } from 'vitest';
import { createSaveQueue } from './save-queue.js';

/** A save the test settles by hand, recording what it sent. */
function deferredSaves() {
  const sent: string[] = [];
  const settle: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const job = (graph: () => string) => () => {
    sent.push(graph());
    return new Promise<string>((resolve, reject) => settle.push({ resolve, reject }));
  };
  return { sent, settle, job };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createSaveQueue', () => {
  it('sends one save at a time: saves asked for meanwhile run once, after it, with the latest graph', async () => {
    const queue = createSaveQueue<string>();
    const { sent, settle, job } = deferredSaves();
    let graph = 'v1';
    const first = queue.run(job(() => graph));
    graph = 'v2';
    const second = queue.run(job(() => graph));
    graph = 'v3';
    const third = queue.run(job(() => graph));
    await tick();
    expect(sent).toEqual(['v1']);

    settle[0]!.resolve('saved v1');
    await expect(first).resolves.toBe('saved v1');
    await tick();
    expect(sent).toEqual(['v1', 'v3']);
    settle[1]!.resolve('saved v3');
    await expect(second).resolves.toBe('saved v3');
    await expect(third).resolves.toBe('saved v3');
    await tick();
    expect(sent).toEqual(['v1', 'v3']);
  });

  it('still sends the waiting save once after a failed one (a retry and a new edit do not both go)', async () => {
    const queue = createSaveQueue<string>();
    const { sent, settle, job } = deferredSaves();
    const retry = queue.run(job(() => 'retry'));
    const edit = queue.run(job(() => 'edit'));
    const again = queue.run(job(() => 'edit 2'));
    settle[0]!.reject(new Error('server down'));
    await expect(retry).rejects.toThrow('server down');
    await tick();
    expect(sent).toEqual(['retry', 'edit 2']);
    settle[1]!.resolve('saved');
    await expect(edit).resolves.toBe('saved');
    await expect(again).resolves.toBe('saved');
  });

  it('drops a waiting save when told to, answering its callers with null', async () => {
    const queue = createSaveQueue<string>();
    const { sent, settle, job } = deferredSaves();
    void queue.run(job(() => 'on the way'));
    const waiting = queue.run(job(() => 'another flow'));
    queue.dropPending();
    await expect(waiting).resolves.toBeNull();
    settle[0]!.resolve('saved');
    await tick();
    expect(sent).toEqual(['on the way']);
  });

  it('runs a save at once when none is on the way', async () => {
    const queue = createSaveQueue<string>();
    await expect(queue.run(() => Promise.resolve('a'))).resolves.toBe('a');
    await expect(queue.run(() => Promise.resolve('b'))).resolves.toBe('b');
  });
});
