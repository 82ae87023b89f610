import { describe, expect, it } from 'vitest';
import { isAppError } from '@tandem/schema';
import type { UpstreamStep } from './core/define-node.js';
import { nodeContext } from './testing/node-context.js';
import { hashContent } from './core/sha256.js';
import { aiStep, config, def, failure, run } from './testing/node-test-helpers.js';

describe('human.review', () => {
  it('asks for a task with the nearest AI content and the upstream flags', async () => {
    const { result } = await run(
      'human.review',
      { title: 'Review {{ input.topic }}', dueInMinutes: 60 },
      {
        upstream: [
          {
            nodeId: 'check',
            type: 'check.brand',
            output: { flags: [{ rule: 'banned_phrase', severity: 'error', message: 'x' }] },
            distance: 1,
          },
          aiStep('Draft'),
        ],
      },
    );
    expect(result.kind).toBe('wait');
    if (result.kind !== 'wait') return;
    expect(result.task).toMatchObject({
      title: 'Review Launch',
      content: { text: 'Draft', sourceNodeId: 'draft', promptVersion: 'pv_1' },
      flags: [{ rule: 'banned_phrase', nodeId: 'check' }],
      assignees: { roles: ['reviewer'], userIds: [] },
      dueInMinutes: 60,
      defaultLevel: 'review_all',
    });
  });

  it('resumes with approved, edited (JSON re-parsed) or rejected output', () => {
    const review = def('human.review');
    const ctx = nodeContext(config('human.review'));
    const content = { text: '{"a":1}', data: { a: 1 }, sourceNodeId: 'draft' };
    const approved = review.resume!(ctx, {
      decision: { action: 'approve', actorId: 'u' },
      content,
    });
    expect(approved).toMatchObject({
      handle: 'approved',
      output: {
        approved: true,
        edited: false,
        contentHash: hashContent({ text: '{"a":1}', data: { a: 1 } }),
      },
    });
    const edited = review.resume!(ctx, {
      decision: { action: 'edit', actorId: 'u', content: '{"a": 2}' },
      content,
    });
    expect(edited).toMatchObject({ output: { data: { a: 2 }, edited: true } });
    expect(() =>
      review.resume!(ctx, {
        decision: { action: 'edit', actorId: 'u', content: 'not json' },
        content,
      }),
    ).toThrow(/valid JSON/);
    expect(
      review.resume!(ctx, { decision: { action: 'reject', actorId: 'u', reason: 'no' }, content }),
    ).toMatchObject({
      handle: 'rejected',
      output: { approved: false, reason: 'no' },
    });
    const locked = nodeContext(config('human.review', { editable: false }));
    expect(() =>
      review.resume!(locked, { decision: { action: 'edit', actorId: 'u', content: 'x' }, content }),
    ).toThrow(/does not allow edits/);
  });
});

describe('publish nodes', () => {
  const reviewed: UpstreamStep = {
    nodeId: 'review',
    type: 'human.review',
    output: { approved: true, text: 'Approved text', contentHash: 'h' },
    distance: 1,
  };

  it('sends the approved content with the idempotency key; templates cannot reach other steps', async () => {
    const { ctx, output } = await run(
      'publish.webhook',
      {
        url: 'https://example.com/x',
        bodyTemplate:
          '{"t": {{ content.text | json }}, "leak": "{{ steps.draft.text }}", "run": "{{ run.id }}"}',
      },
      {
        upstream: [reviewed, aiStep('Unapproved draft')],
        steps: { draft: { text: 'Unapproved draft' } },
      },
    );
    const sent = ctx.published[0]!;
    expect(sent.key).toBe('run_1:node');
    expect(sent.content.text).toBe('Approved text');
    expect(JSON.parse(sent.content.body!)).toEqual({ t: 'Approved text', leak: '', run: 'run_1' });
    expect(sent.contentHash).toBe(hashContent({ text: 'Approved text' }));
    expect(output).toMatchObject({ publicationKey: 'run_1:node', channel: 'webhook' });
  });

  it('in a test run says what it would have sent, with no status or external id', async () => {
    const { output } = await run(
      'publish.webhook',
      { url: 'https://example.com/x' },
      {
        upstream: [reviewed],
        run: { id: 'run_1', flowId: 'flow_1', flowVersionId: 'fv_1', startedBy: 'u1', test: true },
      },
    );
    expect(output).toMatchObject({
      publicationKey: 'run_1:node',
      channel: 'webhook',
      status: null,
      externalId: null,
      test: true,
      wouldSend: { target: 'test', request: {} },
    });
  });

  it('refuses a body template that is not JSON, and renders email, Slack and WordPress fields', async () => {
    const error = await failure(
      run(
        'publish.webhook',
        { url: 'https://e.com', bodyTemplate: '{ {{ content.text }} }' },
        { upstream: [reviewed] },
      ),
    );
    expect(isAppError(error, 'CONFIG_INVALID')).toBe(true);
    const email = await run(
      'publish.email',
      {
        connectionId: 'smtp',
        to: ['a@b.co'],
        subject: 'About {{ input.topic }}',
        bodyTemplate: '<p>{{ content.text }}</p>',
      },
      { upstream: [{ ...reviewed, output: { approved: true, text: '<script>x</script>' } }] },
    );
    expect(email.ctx.published[0]!.content).toMatchObject({
      title: 'About Launch',
      body: '<p>&lt;script&gt;x&lt;/script&gt;</p>',
    });
    const slack = await run('publish.slack', { connectionId: 's' }, { upstream: [reviewed] });
    expect(slack.ctx.published[0]!.content.body).toBe('Approved text');
    const wp = await run(
      'publish.wordpress',
      { connectionId: 'wp', titleTemplate: '{{ input.topic }} news' },
      { upstream: [reviewed] },
    );
    expect(wp.ctx.published[0]).toMatchObject({
      channel: 'wordpress',
      content: { title: 'Launch news' },
    });
    const library = await run(
      'publish.library',
      { collection: 'Blog posts', titleTemplate: '{{ input.topic }} post' },
      { upstream: [reviewed] },
    );
    expect(library.ctx.published[0]).toMatchObject({
      channel: 'library',
      config: { collection: 'Blog posts', reviewed: true },
      content: { text: 'Approved text', title: 'Launch post' },
    });
    // No title template: the library takes its title from the content's first line.
    const untitled = await run('publish.library', {}, { upstream: [reviewed] });
    expect(untitled.ctx.published[0]!.content).not.toHaveProperty('title');
    // Saved straight from an AI step, with no checkpoint before it: the library says so.
    const drafted: UpstreamStep = {
      nodeId: 'draft',
      type: 'ai.generate',
      output: { text: 'Draft text' },
      distance: 1,
    };
    const unreviewed = await run('publish.library', {}, { upstream: [drafted] });
    expect(unreviewed.ctx.published[0]!.config).toMatchObject({ reviewed: false });
  });
});

describe('util.delay', () => {
  it('sleeps until now plus the duration', async () => {
    const { result } = await run('util.delay', { amount: 2, unit: 'hours' });
    expect(result).toEqual({ kind: 'sleep', until: '2026-01-05T11:00:00.000Z' });
  });
});
