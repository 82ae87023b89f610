import type {
  AutomationSetting,
  BrandKit,
  Connection,
  Feedback,
  Flow,
  FlowVersion,
  Graph,
  Publication,
  Run,
  Session,
  Step,
  Suggestion,
  Task,
  UserRecord,
} from '@tandem/schema';

/** Deterministic timestamps: `at(n)` is n seconds after a fixed instant. */
export function at(seconds: number): string {
  return new Date(Date.UTC(2026, 0, 1) + seconds * 1000).toISOString();
}

const graph: Graph = {
  nodes: [
    { id: 'draft', type: 'ai.generate', position: { x: 0, y: 0 }, config: { prompt: 'Write' } },
    { id: 'review', type: 'human.review', position: { x: 200, y: 0 }, config: {} },
  ],
  edges: [{ id: 'e1', source: 'draft', target: 'review' }],
};

export function makeUser(id: string, over: Partial<UserRecord> = {}): UserRecord {
  return {
    id,
    email: `${id}@example.com`,
    name: `User ${id}`,
    roles: ['reviewer'],
    disabled: false,
    createdAt: at(0),
    updatedAt: at(0),
    revision: 0,
    passwordHash: 'scrypt$abc$def',
    ...over,
  };
}

export function makeSession(id: string, over: Partial<Session> = {}): Session {
  return {
    id: id.padEnd(16, 'x'),
    userId: 'u1',
    createdAt: at(0),
    expiresAt: at(3600),
    revokedAt: null,
    csrfToken: 'csrf-token-0123456789',
    ...over,
  };
}

export function makeFlow(id: string, over: Partial<Flow> = {}): Flow {
  return {
    id,
    name: `Flow ${id}`,
    graph,
    publishedVersion: null,
    createdBy: 'u1',
    createdAt: at(0),
    updatedBy: 'u1',
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makeVersion(
  flowId: string,
  number: number,
  over: Partial<FlowVersion> = {},
): FlowVersion {
  return {
    id: `${flowId}-v${number}`,
    flowId,
    number,
    name: `Flow ${flowId}`,
    graph,
    promptVersions: [{ id: 'p1', nodeId: 'draft', prompt: 'Write', since: 1 }],
    createdBy: 'u1',
    createdAt: at(number),
    ...over,
  };
}

const usage = { promptTokens: 0, completionTokens: 0, costUsd: 0 };

export function makeRun(id: string, over: Partial<Run> = {}): Run {
  return {
    id,
    flowId: 'f1',
    flowVersionId: 'f1-v1',
    versionNumber: 1,
    status: 'running',
    input: { topic: 'launch' },
    startedBy: 'u1',
    error: null,
    usage,
    createdAt: at(0),
    updatedAt: at(0),
    endedAt: null,
    revision: 0,
    ...over,
  };
}

export function makeStep(id: string, over: Partial<Step> = {}): Step {
  return {
    id,
    runId: 'r1',
    nodeId: id,
    type: 'ai.generate',
    status: 'pending',
    iteration: 0,
    output: null,
    handle: null,
    error: null,
    attempts: 0,
    wakeAt: null,
    state: {},
    usage: null,
    startedAt: null,
    endedAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makeTask(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    runId: 'r1',
    flowId: 'f1',
    nodeId: 'review',
    stepId: 's1',
    kind: 'blocking',
    status: 'open',
    title: 'Review the draft',
    instructions: 'Check the tone',
    content: { text: 'Hello world', sourceNodeId: 'draft' },
    editable: true,
    flags: [],
    assignees: { roles: ['reviewer'], userIds: [] },
    requiredApprovals: 1,
    approvals: [],
    startedBy: 'u1',
    separationOfDuties: false,
    round: 0,
    dueAt: null,
    escalatedAt: null,
    claimedBy: null,
    claimedAt: null,
    decision: null,
    createdAt: at(0),
    updatedAt: at(0),
    decidedAt: null,
    revision: 0,
    ...over,
  };
}

export function makeFeedback(id: string, over: Partial<Feedback> = {}): Feedback {
  return {
    id,
    flowId: 'f1',
    nodeId: 'review',
    sourceNodeId: 'draft',
    runId: 'r1',
    taskId: 't1',
    promptVersion: 'p1',
    action: 'approve',
    original: 'Hello',
    final: 'Hello',
    editSize: 0,
    reason: null,
    tags: [],
    flagged: false,
    sampled: false,
    actorId: 'u1',
    timeToDecideMs: 1200,
    createdAt: at(0),
    ...over,
  };
}

export function makeSetting(
  nodeId: string,
  over: Partial<AutomationSetting> = {},
): AutomationSetting {
  return {
    flowId: 'f1',
    nodeId,
    level: 'review_all',
    sampleRate: 0.1,
    locked: false,
    lockedBy: null,
    reason: null,
    updatedBy: 'u1',
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makePublication(id: string, over: Partial<Publication> = {}): Publication {
  return {
    id,
    key: `r1:${id}`,
    runId: 'r1',
    flowId: 'f1',
    nodeId: id,
    channel: 'webhook',
    status: 'pending',
    contentHash: 'a'.repeat(64),
    request: { url: 'https://example.com/hook', body: { text: 'Hi' } },
    target: 'example.com',
    attempts: [],
    externalId: null,
    error: null,
    createdAt: at(0),
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makeBrandKit(id: string, over: Partial<BrandKit> = {}): BrandKit {
  return {
    id,
    name: `Brand ${id}`,
    voice: 'Warm, direct',
    audience: 'Marketers',
    preferredTerms: [{ use: 'customers', insteadOf: 'users' }],
    bannedPhrases: ['synergy'],
    requiredDisclaimers: [],
    linkAllowList: ['example.com'],
    examplePosts: [],
    updatedBy: null,
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makeConnection(id: string, over: Partial<Connection> = {}): Connection {
  return {
    id,
    kind: 'webhook',
    name: `Hook ${id}`,
    settings: { host: 'example.com' },
    secretsCiphertext: 'v1:abc',
    disabled: false,
    disabledReason: null,
    createdAt: at(0),
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}

export function makeSuggestion(id: string, over: Partial<Suggestion> = {}): Suggestion {
  return {
    id,
    flowId: 'f1',
    nodeId: 'draft',
    kind: 'preferred_term',
    use: 'customers',
    insteadOf: 'users',
    phrase: null,
    note: null,
    occurrences: 3,
    status: 'proposed',
    decidedBy: null,
    decidedAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    revision: 0,
    ...over,
  };
}
