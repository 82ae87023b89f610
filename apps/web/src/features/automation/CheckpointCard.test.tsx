import { describe, expect, it } from 'vitest';
import { renderToStaticMarkup } from 'react-dom/server';
import { ToastProvider } from '../../ui/index.js';
import type { CheckpointAutomation } from './automation-api.js';
import { CheckpointCard } from './CheckpointCard.js';

const checkpoint: CheckpointAutomation = {
  nodeId: 'node_7f3a',
  title: 'Headline review',
  level: 'review_all',
  sampleRate: 0.1,
  locked: false,
  evidence: {
    decisions: 30,
    approvedUnedited: 30,
    unEditedApprovalRate: 1,
    editRate: 0,
    meanEditSize: 0,
    changesRequestedRate: 0,
    rejectionRate: 0,
    flaggedRate: 0,
    medianTimeToDecideMs: 60_000,
  },
  recommendation: {
    direction: 'raise',
    to: 'review_flagged',
    reason: '30 of the last 30 approved unedited and none rejected',
  },
};

const render = (cp: CheckpointAutomation) =>
  renderToStaticMarkup(
    <ToastProvider>
      <CheckpointCard flowId="flow_1" checkpoint={cp} onChanged={() => {}} />
    </ToastProvider>,
  );

describe('CheckpointCard', () => {
  it('shows the checkpoint by its title, not its node id', () => {
    const text = render(checkpoint).replace(/<[^>]+>/g, ' ');
    expect(text).toContain('Headline review');
    expect(text).not.toContain('node_7f3a');
  });
  it('says what following the recommendation does for the reviewers', () => {
    const html = render(checkpoint);
    expect(html).toContain('If you raise it to Review flagged: Flagged items wait;');
    expect(html).toContain('Raise to Review flagged');
    expect(render({ ...checkpoint, locked: true })).not.toContain('If you raise it');
  });

  it('says in words what every level does, the window of the recommendation and what "flagged" counts', () => {
    const text = render({
      ...checkpoint,
      evidence: { ...checkpoint.evidence!, decisions: 37, approvedUnedited: 36 },
      recommendation: {
        direction: 'keep',
        to: null,
        reason: '29 of the last 30 approved unedited, 1 rejected',
      },
    })
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    // Each level's help is on the page, not only in a tooltip.
    for (const help of [
      'Review all Every item waits for a reviewer.',
      'Spot check Flagged items wait; clean items pass, a sample is reviewed after publishing.',
      'Auto Everything passes without a reviewer, flagged items included.',
    ])
      expect(text).toContain(help);
    expect(text).toContain('The recommendation weighs only the last 30 decisions');
    expect(text).toContain('the figures count all 37');
    expect(text).toContain('Flagged by checks');
    expect(text).toContain('a check step (brand, budget) flagged before review');
  });
});
