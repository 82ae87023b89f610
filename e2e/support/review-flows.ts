/*
 * Flows for the review browser tests. The social post runs an AI draft through a brand check (its
 * banned phrase gets flagged) to a reviewer, then posts the approved text to a webhook sink.
 */

export function socialReviewFlow(sinkUrl: string) {
  const at = (x: number, y: number) => ({ x, y });
  return {
    name: 'Spring launch post',
    description: 'Drafted by the AI, reviewed, posted through a webhook.',
    graph: {
      nodes: [
        {
          id: 'start',
          type: 'trigger.manual',
          label: 'Brief',
          position: at(0, 0),
          config: {
            fields: [{ name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] }],
          },
        },
        {
          id: 'draft',
          type: 'ai.generate',
          label: 'Draft the post',
          position: at(260, 0),
          config: {
            prompt: 'Write a short LinkedIn post about {{ input.topic }}.',
            output: 'text',
          },
        },
        {
          id: 'brand',
          type: 'check.brand',
          label: 'Brand check',
          position: at(520, 0),
          config: { bannedPhrases: ['get back to you'], requireDisclaimers: false },
        },
        {
          id: 'review',
          type: 'human.review',
          label: 'Review the post',
          position: at(780, 0),
          config: {
            title: 'Review post: {{ input.topic }}',
            instructions: 'Check the tone and the facts. Edit freely.',
            assigneeRoles: ['reviewer'],
            dueInMinutes: 120,
          },
        },
        {
          id: 'post',
          type: 'publish.webhook',
          label: 'Post to LinkedIn',
          position: at(1040, 0),
          config: { url: `${sinkUrl}/linkedin`, method: 'POST' },
        },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'brand' },
        { id: 'e3', source: 'brand', target: 'review' },
        { id: 'e4', source: 'review', sourceHandle: 'approved', target: 'post' },
      ],
    },
  };
}

/** The social post without its brand check, so every task is clean and can be bulk-approved. */
export function cleanBlurbFlow(sinkUrl: string) {
  const flow = socialReviewFlow(sinkUrl);
  return {
    name: 'Newsletter blurb',
    graph: {
      nodes: flow.graph.nodes
        .filter((n) => n.id !== 'brand')
        .map((n) =>
          n.id === 'review'
            ? {
                ...n,
                label: 'Review blurb',
                config: { ...n.config, title: 'Blurb: {{ input.topic }}' },
              }
            : n.id === 'post'
              ? { ...n, label: 'Send blurb', config: { url: `${sinkUrl}/blurbs`, method: 'POST' } }
              : n,
        ),
      edges: [
        { id: 'e1', source: 'start', target: 'draft' },
        { id: 'e2', source: 'draft', target: 'review' },
        { id: 'e3', source: 'review', sourceHandle: 'approved', target: 'post' },
      ],
    },
  };
}
