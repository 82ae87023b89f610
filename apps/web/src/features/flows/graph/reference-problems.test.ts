import { describe, expect, it } from 'vitest';
import type { ConnectionDirectoryEntry, UserDirectoryEntry } from '@tandem/schema';
import { describeProblem } from './local-validation.js';
import { indexNodeTypes, type NodeTypeInfo } from './node-catalog.js';
import {
  CONNECTIONS_SETTINGS,
  referenceProblems,
  withReferenceProblems,
} from './reference-problems.js';

const base = { version: 1, description: '', icon: '', defaultConfig: {}, inputs: [], outputs: [] };
const types = indexNodeTypes([
  {
    ...base,
    type: 'publish.webhook',
    title: 'Webhook',
    category: 'publish',
    configSchema: {
      type: 'object',
      properties: {
        connectionId: {
          title: 'Webhook connection',
          type: 'string',
          widget: 'connection',
          connectionKind: 'webhook',
        },
      },
    },
  },
  {
    ...base,
    type: 'publish.slack',
    title: 'Post to Slack',
    category: 'publish',
    configSchema: {
      type: 'object',
      required: ['connectionId'],
      properties: {
        connectionId: {
          title: 'Slack connection',
          type: 'string',
          widget: 'connection',
          connectionKind: 'slack',
        },
      },
    },
  },
  {
    ...base,
    type: 'human.review',
    title: 'Review',
    category: 'human',
    configSchema: {
      type: 'object',
      properties: {
        assigneeUserIds: {
          title: 'Who may decide (people)',
          type: 'array',
          items: { type: 'string' },
          widget: 'people',
        },
      },
    },
  },
] satisfies NodeTypeInfo[]);

const connections: ConnectionDirectoryEntry[] = [
  { id: 'con_cms', name: 'CMS hook', kind: 'webhook', disabled: false },
  { id: 'con_old', name: 'Old hook', kind: 'webhook', disabled: true },
  { id: 'con_mail', name: 'Agency mail', kind: 'smtp', disabled: false },
];
const people: UserDirectoryEntry[] = [
  { id: 'usr_rae', name: 'Rae Reviewer', roles: ['reviewer'], disabled: false },
  { id: 'usr_gus', name: 'Gus Gone', roles: ['reviewer'], disabled: true },
];
const directory = { connections, people };

const node = (id: string, nodeType: string, config: Record<string, unknown>) => ({
  id,
  data: { nodeType, config },
});

describe('referenceProblems', () => {
  it('finds nothing wrong with known, enabled connections and people, or empty fields', () => {
    const graph = {
      nodes: [
        node('send', 'publish.webhook', { connectionId: 'con_cms' }),
        node('blank', 'publish.webhook', { connectionId: '' }),
        node('review', 'human.review', { assigneeUserIds: ['usr_rae'] }),
      ],
    };
    expect(referenceProblems(graph, types, directory)).toEqual([]);
  });

  it('reports a deleted or wrong-kind connection and a deleted person as errors of their step', () => {
    const graph = {
      nodes: [
        node('gone', 'publish.webhook', { connectionId: 'con_deleted' }),
        node('mail', 'publish.webhook', { connectionId: 'con_mail' }),
        node('review', 'human.review', { assigneeUserIds: ['usr_rae', 'usr_deleted'] }),
      ],
    };
    const problems = referenceProblems(graph, types, directory);
    expect(problems.map((p) => [p.nodeId, p.path, p.severity])).toEqual([
      ['gone', ['connectionId'], 'error'],
      ['mail', ['connectionId'], 'error'],
      ['review', ['assigneeUserIds'], 'error'],
    ]);
    expect(describeProblem(problems[0]!, types, 'publish.webhook')).toBe(
      'Webhook connection: The connection con_deleted no longer exists. Choose another one.',
    );
    expect(problems[1]!.message).toBe(
      'Agency mail is an SMTP connection; this step needs a webhook connection.',
    );
    expect(problems[2]!.message).toMatch(/^One person chosen here no longer exists\./);
  });

  it('warns about a disabled connection or person: the flow publishes but the step will fail', () => {
    const graph = {
      nodes: [
        node('old', 'publish.webhook', { connectionId: 'con_old' }),
        node('review', 'human.review', { assigneeUserIds: ['usr_gus'] }),
      ],
    };
    expect(referenceProblems(graph, types, directory).map((p) => p.severity)).toEqual([
      'warning',
      'warning',
    ]);
  });

  it('checks nothing against a list that is not loaded', () => {
    const graph = {
      nodes: [
        node('gone', 'publish.webhook', { connectionId: 'con_deleted' }),
        node('review', 'human.review', { assigneeUserIds: ['usr_deleted'] }),
      ],
    };
    expect(referenceProblems(graph, types, { connections: null, people: null })).toEqual([]);
  });

  it('says what to do when a required connection has none of its kind saved yet', () => {
    const graph = { nodes: [node('notify', 'publish.slack', {})] };
    const [problem, ...rest] = referenceProblems(graph, types, directory);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ nodeId: 'notify', path: ['connectionId'], severity: 'error' });
    expect(describeProblem(problem!, types, 'publish.slack')).toBe(
      'Slack connection: No Slack connection is saved yet. Ask an admin to add one in Settings → Connections, then choose it here.',
    );
    expect(problem!.link).toBeUndefined();
    // An admin adds it: the problem says so and leads there.
    const [forAdmin] = referenceProblems(graph, types, {
      ...directory,
      canManageConnections: true,
    });
    expect(forAdmin!.message).toBe(
      'No Slack connection is saved yet. Add one in Settings → Connections, then choose it here.',
    );
    expect(forAdmin!.link).toBe(CONNECTIONS_SETTINGS);
  });

  it('leaves an empty connection to the form’s own check once one of its kind is saved', () => {
    const slack: ConnectionDirectoryEntry = {
      id: 'con_team',
      name: 'Team',
      kind: 'slack',
      disabled: false,
    };
    const graph = { nodes: [node('notify', 'publish.slack', { connectionId: '' })] };
    const withSlack = { ...directory, connections: [...connections, slack] };
    expect(referenceProblems(graph, types, withSlack)).toEqual([]);
  });
});

describe('withReferenceProblems', () => {
  it('keeps the directory’s word on a setting over the graph’s bare “Required”', () => {
    const required = { nodeId: 'notify', path: ['connectionId'], message: 'Required' };
    const other = { nodeId: 'notify', path: ['text'], message: 'Required' };
    const none = { nodeId: 'notify', path: ['connectionId'], message: 'No Slack connection…' };
    expect(
      withReferenceProblems(
        [
          { ...required, severity: 'error' },
          { ...other, severity: 'error' },
        ],
        [{ ...none, severity: 'error' }],
      ).map((p) => p.message),
    ).toEqual(['No Slack connection…', 'Required']);
  });
});
