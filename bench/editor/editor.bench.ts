/**
 * `pnpm bench editor`: opens flows of 100 to 2,000 steps in headless Chromium on the production
 * build and reports time to first render, time to interactive, and frame times while panning the
 * canvas and while dragging a step. Measurements only; nothing fails on a number.
 */
import type { Page } from 'playwright-core';
import { apiLogin } from '../../e2e/support/api.js';
import { loginAs } from '../../e2e/support/auth.js';
import { launchBrowser } from '../../e2e/support/browser.js';
import { startServer } from '../../e2e/support/server.js';
import { largeGraph } from './large-graph.js';

const SIZES = [100, 500, 1000, 2000];

interface Result {
  size: number;
  firstRenderMs: number;
  interactiveMs: number;
  pan: { median: number; p95: number; frames: number };
  drag: { median: number; p95: number; frames: number };
}

// Runs in the page before the app: records when the first step card appears and every animation
// frame's timestamp (to find when the main thread goes quiet), plus frame intervals on demand.
const PAGE_PROBE = `
  window.__bench = { firstNode: null, ticks: [], frames: [], recording: false };
  let last = null;
  const tick = (now) => {
    const b = window.__bench;
    if (b.firstNode === null && document.querySelector('.react-flow__node')) b.firstNode = now;
    if (b.ticks.length < 20000) b.ticks.push(now);
    if (b.recording && last !== null) b.frames.push(now - last);
    last = now;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

/** Like time-to-interactive: the first moment after the first card with no frame gap over 50 ms for 500 ms. */
function quietAfter(ticks: number[], from: number): number | null {
  const after = ticks.filter((t) => t >= from);
  for (let i = 0; i < after.length; i += 1) {
    let quiet = true;
    for (let j = i + 1; j < after.length && after[j]! - after[i]! <= 500; j += 1) {
      if (after[j]! - after[j - 1]! > 50) {
        quiet = false;
        break;
      }
    }
    const lastTick = after[after.length - 1]!;
    if (quiet && lastTick - after[i]! >= 500) return after[i]!;
  }
  return null;
}

function stats(frames: number[]): { median: number; p95: number; frames: number } {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { median: round(at(0.5)), p95: round(at(0.95)), frames: sorted.length };
}

const round = (n: number) => Math.round(n * 10) / 10;

async function recordFrames(page: Page, action: () => Promise<void>) {
  await page.evaluate(() => {
    const b = (globalThis as unknown as { __bench: { frames: number[]; recording: boolean } })
      .__bench;
    b.frames = [];
    b.recording = true;
  });
  await action();
  return stats(
    await page.evaluate(() => {
      const b = (globalThis as unknown as { __bench: { frames: number[]; recording: boolean } })
        .__bench;
      b.recording = false;
      return b.frames;
    }),
  );
}

async function measure(page: Page, url: string, size: number): Promise<Result> {
  await page.goto(url);
  await page.locator('.react-flow__node').first().waitFor({ timeout: 120_000 });
  await page.waitForTimeout(3_000);
  const timing = await page.evaluate(() => {
    const b = (globalThis as unknown as { __bench: { firstNode: number; ticks: number[] } })
      .__bench;
    return { firstNode: b.firstNode, ticks: b.ticks };
  });
  const interactive =
    quietAfter(timing.ticks, timing.firstNode) ?? timing.ticks[timing.ticks.length - 1]!;
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('The canvas did not render');
  const cx = pane.x + pane.width / 2;
  const cy = pane.y + pane.height / 2;
  const pan = await recordFrames(page, async () => {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx - 400, cy - 250, { steps: 90 });
    await page.mouse.up();
  });
  const card = page.locator('.react-flow__node').first();
  const box = await card.boundingBox();
  if (!box) throw new Error('No step card in view');
  const drag = await recordFrames(page, async () => {
    await page.mouse.move(box.x + 40, box.y + 20);
    await page.mouse.down();
    await page.mouse.move(box.x + 340, box.y + 220, { steps: 90 });
    await page.mouse.up();
  });
  return {
    size,
    firstRenderMs: Math.round(timing.firstNode),
    interactiveMs: Math.round(interactive),
    pan,
    drag,
  };
}

export async function runEditorBench(): Promise<string> {
  const server = await startServer();
  const browser = await launchBrowser();
  const results: Result[] = [];
  try {
    const designer = await apiLogin(server.url, 'designer@example.com');
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await loginAs(page, server.url, 'designer@example.com');
    await page.addInitScript(PAGE_PROBE);
    for (const size of SIZES) {
      const flow = await designer.post<{ id: string }>('/api/flows', {
        name: `Benchmark ${size} steps`,
        graph: largeGraph(size),
      });
      results.push(await measure(page, `${server.url}/flows/${flow.id}`, size));
      console.log(`  ${size} steps: interactive ${results.at(-1)!.interactiveMs} ms`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const row = (r: Result) =>
    `| ${r.size.toLocaleString('en')} | ${r.firstRenderMs} | ${r.interactiveMs} | ${r.pan.median} / ${r.pan.p95} | ${r.drag.median} / ${r.drag.p95} |`;
  const at1000 = results.find((r) => r.size === 1000);
  return [
    '### Editor (`pnpm bench editor`)',
    '',
    'Headless Chromium (software rendering, `--disable-gpu`) on the production build; each flow opened by URL after sign-in.',
    'Times from navigation start; "interactive" is the first moment after the first card with no frame gap over 50 ms for 500 ms.' +
      ' Wall-clock figures: other processes on the machine shift them from run to run. Frame times are animation-frame intervals during a 90-step mouse pan of the canvas and a 90-step drag of one step.',
    '',
    '| steps | first render (ms) | interactive (ms) | pan frame median / p95 (ms) | drag frame median / p95 (ms) |',
    '| ---: | ---: | ---: | ---: | ---: |',
    ...results.map(row),
    '',
    at1000
      ? `Targets at 1,000 steps: interactive ≤ 1,500 ms (measured ${at1000.interactiveMs} ms), median drag frame ≤ 20 ms (measured ${at1000.drag.median} ms).`
      : '',
  ].join('\n');
}
