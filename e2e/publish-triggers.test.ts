import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  apiLogin,
  describeBrowser,
  startDesignerStack,
  until,
  type ApiClient,
  type DesignerStack,
  type Page1,
  type TandemServer,
} from './support/index.js';

interface VersionBody {
  graph: { nodes: { type: string; config: Record<string, unknown> }[] };
}
interface RunRow {
  id: string;
  test?: boolean;
}

/*
 * What publishing switches on beyond the editor. A designer who tries a scheduled flow with
 * Test run publishes it paused, so no real run starts on its schedule (and one who chooses to
 * publish it on gets its scheduled runs). A developer finds a webhook start's address, how to
 * sign a call and a working example in its settings, and cannot publish it unsigned.
 */
describeBrowser('publishing a schedule or a webhook start', () => {
  let stack: DesignerStack | undefined;
  let server: TandemServer;
  let designer: ApiClient;
  let page: Page;

  beforeAll(async () => {
    stack = await startDesignerStack();
    ({ server, designer } = stack);
    page = await stack.designerPage({ width: 1024, height: 768 });
  }, 300_000);

  afterAll(() => stack?.stop(), 90_000);

  /**
   * A schedule due once a day at the next whole minute at least `leadMs` away (UTC): soon enough
   * to watch it come, late enough for the designer to publish first (a new version never runs a
   * slot from before it was published). The slot's time in ms too.
   */
  function soonDaily(leadMs: number): { time: string; at: number } {
    const at = Math.ceil((Date.now() + leadMs) / 60_000) * 60_000;
    return { time: new Date(at).toISOString().slice(11, 16), at };
  }

  async function scheduledFlow(name: string, time: string): Promise<string> {
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name,
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.schedule',
            position: { x: 0, y: 0 },
            config: {
              frequency: 'daily',
              time,
              timeZone: 'UTC',
              fields: [{ label: 'Theme', name: 'theme', value: 'Spring launches' }],
            },
          },
          {
            id: 'wait',
            type: 'util.delay',
            position: { x: 280, y: 0 },
            config: { amount: 1, unit: 'hours' },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'wait' }],
      },
    });
    return flow.id;
  }

  /** Opens the flow's Test run dialog, checks its schedule warning, and starts a test run. */
  async function testRunFromDialog(flowId: string, time: string, keepPaused: boolean) {
    await page.goto(`${server.url}/flows/${flowId}`);
    await page.getByTestId('node-start').waitFor();
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    const warning = dialog.getByTestId('run-turns-on');
    await warning.waitFor();
    expect(await warning.getByRole('note').textContent()).toBe(
      `Publishing turns this schedule on. From then on it runs every day at ${time}, UTC, for real: each scheduled run sends what the flow sends and gives reviewers their tasks. Only the run you start here is a test.`,
    );
    // The schedule's fixed value is the test run's input too, filled in as each run gets it.
    expect(await dialog.getByLabel('Theme').inputValue()).toBe('Spring launches');
    const pause = dialog.getByRole('checkbox', { name: /Publish with the schedule paused/ });
    // Paused unless the designer says otherwise: trying the flow switches nothing on.
    expect(await pause.isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: /^Test run/ }).isChecked()).toBe(true);
    if (!keepPaused) {
      await pause.uncheck();
      await dialog.getByRole('button', { name: 'Publish and start test run', exact: true }).click();
    } else {
      await dialog
        .getByRole('button', { name: 'Publish paused and start test run', exact: true })
        .click();
    }
    await dialog.waitFor({ state: 'detached' });
    // The run waits on its Wait step: for its time, not for anyone's review.
    const bar = page.locator('[data-testid="run-bar"][data-run-status="waiting"]');
    await bar
      .getByText(/^Wait step continues in (an hour|1 hour|60 minutes|59 minutes)$/)
      .waitFor();
    expect(await bar.locator('.badge').textContent()).toBe('Waiting');
    expect(await bar.textContent()).not.toMatch(/review|inbox/i);
  }

  const publishedTrigger = async (flowId: string) => {
    const flow = await designer.get<{ publishedVersion: number | null }>(`/api/flows/${flowId}`);
    if (flow.publishedVersion === null) return undefined;
    const version = await designer.get<VersionBody>(
      `/api/flows/${flowId}/versions/${flow.publishedVersion}`,
    );
    return version.graph.nodes.find((n) => n.type === 'trigger.schedule')?.config;
  };
  const runsOf = async (flowId: string) =>
    (await designer.get<Page1<RunRow>>(`/api/runs?flowId=${flowId}`)).items;
  const scheduledRuns = async (flowId: string) =>
    (await runsOf(flowId)).filter((r) => r.id.startsWith('run_sched_'));

  it('publishes a tried schedule paused, so no real run starts on it; on only when asked', async () => {
    // Each flow's slot is a minute or so after its designer publishes it.
    const first = soonDaily(50_000);
    const pausedFlow = await scheduledFlow('Daily ideas, tried', first.time);
    await testRunFromDialog(pausedFlow, first.time, true);
    const second = soonDaily(50_000);
    const liveFlow = await scheduledFlow('Daily ideas, live', second.time);
    await testRunFromDialog(liveFlow, second.time, false);

    // The published version holds the schedule paused; the draft says so on its card.
    expect(await until(() => publishedTrigger(pausedFlow), 'the paused version')).toMatchObject({
      paused: true,
      time: first.time,
    });
    const liveConfig = await until(() => publishedTrigger(liveFlow), 'the live version');
    expect(liveConfig.paused ?? false).toBe(false);
    // The run the designer started is a test run, in both.
    expect(await runsOf(pausedFlow)).toEqual([expect.objectContaining({ test: true })]);

    // The live flow's slot starts its real run (the runner looks every 20 s), which shows the
    // paused one would have had its own by now, its slot having passed at least as long ago.
    const live = await until(
      async () => (await scheduledRuns(liveFlow))[0],
      'the live schedule to start its run',
      second.at - Date.now() + 60_000,
    );
    expect(live.test).toBeUndefined();
    await new Promise((r) => setTimeout(r, Math.max(0, first.at + 25_000 - Date.now())));
    expect(await scheduledRuns(pausedFlow)).toEqual([]);
    expect(await runsOf(pausedFlow)).toHaveLength(1);

    await page.goto(`${server.url}/flows/${pausedFlow}`);
    await page
      .getByTestId('node-start')
      .locator('.node-summary', { hasText: `Paused · Every day at ${first.time}, UTC` })
      .waitFor();
  }, 300_000);

  it('shows a webhook start’s address, how to sign and an example that works once published', async () => {
    const admin = await apiLogin(server.url, 'admin@example.com');
    const secret = `whsec_${Buffer.from('e2e-signing-secret-24byt').toString('base64')}`;
    await admin.post('/api/connections', {
      kind: 'webhook',
      name: 'Inbound CRM',
      settings: { url: 'https://crm.example.com/hooks' },
      secrets: { signingSecret: secret },
    });
    const flow = await designer.post<{ id: string }>('/api/flows', {
      name: 'From the CRM',
      graph: {
        nodes: [
          {
            id: 'start',
            type: 'trigger.webhook',
            position: { x: 0, y: 0 },
            config: {
              fields: [
                { name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] },
              ],
            },
          },
          {
            id: 'wait',
            type: 'util.delay',
            position: { x: 280, y: 0 },
            config: { amount: 1, unit: 'hours' },
          },
        ],
        edges: [{ id: 'e1', source: 'start', target: 'wait' }],
      },
    });
    await page.goto(`${server.url}/flows/${flow.id}`);
    await page.getByTestId('node-start').dispatchEvent('click');
    const inspector = page.getByTestId('inspector');
    const panel = inspector.getByTestId('webhook-address');
    const url = `${server.url}/api/hooks/${flow.id}`;
    expect(await panel.getByTestId('webhook-url').textContent()).toBe(`POST ${url}`);

    // No signing connection: a problem on its field and in the list, so it cannot be published.
    const field = inspector.getByLabel('Signing connection', { exact: true });
    await inspector
      .locator('.field-error', { hasText: 'Choose a signing connection: without one every call' })
      .waitFor();
    await page.getByTestId('problems-button').click();
    await page
      .getByTestId('problems-panel')
      .getByRole('button', { name: /Signing connection: Choose a signing connection/ })
      .waitFor();
    await page.getByTestId('publish-button').click();
    await page.getByText('Fix the problems listed before publishing').waitFor();

    await field.selectOption({ label: 'Inbound CRM' });
    await panel.getByTestId('webhook-signing').getByText('Inbound CRM').waitFor();
    expect(await panel.getByTestId('webhook-signing').textContent()).toContain(
      'webhook-signature: v1, and the base64 HMAC-SHA256 of id.timestamp.body, keyed with the signing secret of the connection Inbound CRM',
    );
    expect(await inspector.textContent()).not.toContain(secret);

    // The copy button puts the address on the clipboard.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: server.url,
    });
    await panel.getByRole('button', { name: 'Copy address' }).click();
    await page.getByText('Address copied').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);

    // The Test run dialog says that publishing opens the webhook to real runs.
    await page.getByRole('button', { name: 'Test run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Test run' });
    expect(await dialog.getByTestId('run-turns-on').textContent()).toBe(
      'Publishing opens this flow’s webhook: from then on each signed call to its address starts a real run, not a test.',
    );
    // It asks for the fields a call must carry, as a form start asks for its own.
    await dialog.getByRole('button', { name: /start test run/i }).click();
    await dialog.locator('.field-error', { hasText: 'Required' }).waitFor();
    await expect(
      dialog.getByLabel(/^Topic/).evaluate((el) => el === document.activeElement),
    ).resolves.toBe(true);
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('publish-button').click();
    await page.getByText(/Published version 1/).waitFor();
    await panel.getByText('Example request (curl)').click();
    const example = (await panel.getByTestId('webhook-example').textContent())!;
    const { stdout } = await promisify(execFile)('bash', ['-c', example], {
      env: { ...process.env, TANDEM_WEBHOOK_SECRET: secret },
    });
    const run = JSON.parse(stdout) as { id: string };
    expect((await designer.get<{ input: unknown }>(`/api/runs/${run.id}`)).input).toEqual({
      topic: 'Example topic',
    });
  }, 180_000);
});
