import { describe, expect, it } from 'vitest';
import { copySelection, pasteClipboard } from './clipboard.js';

const node = (id: string, nodeType: string, config: Record<string, unknown> = {}) => ({
  id,
  position: { x: 0, y: 0 },
  data: { nodeType, config },
});
const edge = (source: string, target: string) => ({ id: `${source}-${target}`, source, target });

describe('clipboard', () => {
  it('copies the selection with inner edges and pastes with fresh ids, skipping a second trigger', () => {
    const nodes = [
      node('trigger', 'trigger.manual'),
      node('draft', 'ai.generate', { prompt: 'x' }),
      node('send', 'publish.webhook'),
    ];
    const edges = [edge('trigger', 'draft'), edge('draft', 'send')];
    const copied = copySelection(nodes, edges, new Set(['trigger', 'draft', 'send']));
    expect(copied.edges).toHaveLength(2);
    const pasted = pasteClipboard(copied, {
      nodeIds: new Set(nodes.map((n) => n.id)),
      hasTrigger: true,
    });
    expect(pasted.nodes.map((n) => n.id)).toEqual(['draft_2', 'webhook']);
    expect(pasted.edges).toEqual([
      expect.objectContaining({ source: 'draft_2', target: 'webhook' }),
    ]);
    expect(pasted.nodes[0]!.position).toEqual({ x: 40, y: 40 });
    pasted.nodes[0]!.data.config.prompt = 'changed';
    expect(nodes[1]!.data.config.prompt).toBe('x');
  });
});
