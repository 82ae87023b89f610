import { StepSchema, type Step } from '@tandem/schema';

/** A finished AI step as the engine writes it: the document the reference work handles. */
const REFERENCE_STEP: Step = {
  id: 'step_01m8cq03pvk8s3y5f4ms4jvbtn',
  runId: 'run_01m8cq03prsbf3whpz492x466a',
  nodeId: 'draft',
  type: 'ai.generate',
  status: 'done',
  iteration: 0,
  output: {
    text: 'Here is what you need to know about the spring release. '.repeat(8),
    model: 'offline',
    usage: { promptTokens: 120, completionTokens: 110, costUsd: 0 },
    promptVersion: 'pv_3f2a',
  },
  handle: null,
  error: null,
  attempts: 1,
  wakeAt: null,
  state: {},
  usage: { promptTokens: 120, completionTokens: 110, costUsd: 0 },
  startedAt: '2026-11-26T19:58:23.963Z',
  endedAt: '2026-11-26T19:58:24.387Z',
  createdAt: '2026-11-26T19:58:23.962Z',
  updatedAt: '2026-11-26T19:58:24.387Z',
  revision: 0,
};

/**
 * How fast this machine runs the JavaScript a store write does (check the document with zod,
 * write it as JSON, parse it back), in µs per document: the same code measured at another
 * moment or on another machine. This machine's speed moved by up to 1.6× within an hour
 * (RESULTS.md, 2026-11-26), so each result says what speed it was measured at.
 */
export function referenceWriteMicros(documents = 20_000): number {
  let kept = 0;
  const started = performance.now();
  for (let i = 0; i < documents; i += 1) {
    const checked = StepSchema.parse(REFERENCE_STEP);
    kept += (JSON.parse(JSON.stringify(checked)) as Step).attempts;
  }
  const micros = ((performance.now() - started) * 1000) / documents;
  if (kept !== documents) throw new Error('The reference work lost documents');
  return micros;
}
