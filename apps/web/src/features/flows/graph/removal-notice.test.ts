import { describe, expect, it } from 'vitest';
import { edgesAfterRemoving } from './bridge-removed.js';
import { approvedChain, chainNodes, chainTypes, link } from './chain-fixture.js';
import { removalNotice } from './removal-notice.js';

const types = chainTypes;
const nodes = chainNodes;
const chain = approvedChain;
/** The notice for deleting these steps from the chain, as the editor removes them. */
const noticeFor = (ids: string[], edges = chain) => {
  const removed = new Set(ids);
  return removalNotice(
    nodes,
    edges,
    edgesAfterRemoving(nodes, edges, types, removed),
    removed,
    types,
  );
};

describe('removalNotice', () => {
  it('names the deleted step and the connection made in its place, by the steps’ names', () => {
    expect(noticeFor(['brand'])).toBe('Deleted “Brand check”; connected “Draft” → “Review”.');
  });

  it('counts several deleted steps, naming the one connection made across them', () => {
    expect(noticeFor(['draft', 'brand'])).toBe(
      'Deleted 2 steps; connected “Manual start” → “Review”.',
    );
  });

  it('names just the deleted step when nothing was reconnected', () => {
    const approvedOrNot = [...chain, link('review', 'rejected', 'draft')];
    expect(noticeFor(['review'], approvedOrNot)).toBe('Deleted “Review”.');
    expect(noticeFor(['webhook'])).toBe('Deleted “Webhook”.');
    expect(noticeFor(['draft', 'webhook'], [])).toBe('Deleted 2 steps.');
  });

  it('names no connection when the neighbours were already connected', () => {
    expect(noticeFor(['brand'], [...chain, link('draft', 'out', 'review')])).toBe(
      'Deleted “Brand check”.',
    );
  });

  it('says nothing when only connections were deleted', () => {
    expect(noticeFor([])).toBeNull();
  });
});
