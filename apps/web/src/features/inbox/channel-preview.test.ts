import { describe, expect, it } from 'vitest';
import type { Graph } from '@tandem/schema';
import {
  channelForCheckpoint,
  checkLength,
  splitBlog,
  splitEmail,
  visibleLength,
} from './channel-preview.js';

const node = (id: string, type: string, label?: string): Graph['nodes'][number] => ({
  id,
  type,
  position: { x: 0, y: 0 },
  config: {},
  ...(label ? { label } : {}),
});

describe('channelForCheckpoint', () => {
  const graph: Graph = {
    nodes: [
      node('review', 'human.review'),
      node('delay', 'util.delay'),
      node('mail', 'publish.email'),
      node('notify', 'publish.slack'),
    ],
    edges: [
      { id: 'e1', source: 'review', sourceHandle: 'rejected', target: 'notify' },
      { id: 'e2', source: 'review', sourceHandle: 'approved', target: 'delay' },
      { id: 'e3', source: 'delay', target: 'mail' },
    ],
  };
  it('follows the approved path to the nearest publish step', () => {
    expect(channelForCheckpoint(graph, 'review')).toBe('email');
  });
  it('reads social webhooks from their label and falls back to plain', () => {
    const social: Graph = {
      nodes: [node('r', 'human.review'), node('w', 'publish.webhook', 'Post to LinkedIn')],
      edges: [{ id: 'e', source: 'r', target: 'w' }],
    };
    expect(channelForCheckpoint(social, 'r')).toBe('social');
    const plain: Graph = { ...social, nodes: [social.nodes[0]!, node('w', 'publish.webhook')] };
    expect(channelForCheckpoint(plain, 'r')).toBe('plain');
    expect(channelForCheckpoint({ nodes: [node('r', 'human.review')], edges: [] }, 'r')).toBe(
      'plain',
    );
  });
  it('survives cycles in a malformed graph', () => {
    const loop: Graph = {
      nodes: [node('a', 'human.review'), node('b', 'util.delay')],
      edges: [
        { id: '1', source: 'a', target: 'b' },
        { id: '2', source: 'b', target: 'a' },
      ],
    };
    expect(channelForCheckpoint(loop, 'a')).toBe('plain');
  });
});

describe('length limits', () => {
  it('counts graphemes, not UTF-16 units', () => {
    expect(visibleLength('héllo 👋🏽')).toBe(7);
  });
  it('reports how far a social post is over its limit', () => {
    expect(checkLength('social', 'x'.repeat(281))).toEqual({
      length: 281,
      limit: 280,
      over: 1,
      label: '281 / 280',
    });
    expect(checkLength('social', 'short').over).toBe(0);
    expect(checkLength('blog', 'x'.repeat(1204)).label).toBe('1,204 characters');
  });
});

describe('splitEmail / splitBlog', () => {
  it('takes a Subject line as the subject', () => {
    expect(splitEmail('Subject: Spring sale\n\nHi there')).toEqual({
      subject: 'Spring sale',
      body: 'Hi there',
    });
    expect(splitEmail('Hi there')).toEqual({ subject: null, body: 'Hi there' });
  });
  it('takes a heading or a first line before a blank line as the title', () => {
    expect(splitBlog('# Title\nPara one\n\nPara two')).toEqual({
      title: 'Title',
      paragraphs: ['Para one', 'Para two'],
    });
    expect(splitBlog('Title\n\nBody')).toEqual({ title: 'Title', paragraphs: ['Body'] });
    expect(splitBlog('Just one paragraph')).toEqual({
      title: null,
      paragraphs: ['Just one paragraph'],
    });
  });
});
