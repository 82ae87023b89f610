import { link, place } from './layout.js';
import type { FlowTemplate } from './layout.js';

const blogPost: FlowTemplate = {
  id: 'blog-post-brand-review',
  name: 'Blog post with brand review',
  description:
    'AI drafts a post from a brief, the brand check flags problems, a reviewer approves, and the post is saved to the content library to copy into your CMS. To publish straight to your site, swap the last step for “Publish to WordPress” or “Send to webhook”.',
  graph: {
    nodes: [
      place('start', 'trigger.manual', 'Brief', 0, 1, {
        fields: [
          { name: 'topic', label: 'Topic', kind: 'text', required: true, options: [] },
          {
            name: 'keyPoints',
            label: 'Key points',
            kind: 'longtext',
            required: false,
            options: [],
          },
        ],
      }),
      place('draft', 'ai.generate', 'Draft the post', 1, 1, {
        system: 'You are the content writer of our marketing team.',
        prompt:
          'Write a blog post of about 400 words about {{ input.topic }}. Cover these points: {{ input.keyPoints }}. Give it a short title on the first line.',
        temperature: 0.7,
        maxTokens: 900,
        output: 'text',
      }),
      place('brand_check', 'check.brand', 'Brand check', 2, 1, { maxWords: 700 }),
      place('review', 'human.review', 'Editor review', 3, 1, {
        title: 'Review blog post: {{ input.topic }}',
        instructions:
          'Check facts, tone and the brand flags. Edit freely; your edits teach the AI.',
        assigneeRoles: ['reviewer'],
        dueInMinutes: 24 * 60,
        onDue: 'escalate',
        escalateTo: 'manager',
      }),
      place('publish', 'publish.library', 'Save to library', 4, 1, {
        collection: 'Blog posts',
        titleTemplate: '',
      }),
    ],
    edges: [
      link('start', 'draft'),
      link('draft', 'brand_check'),
      link('brand_check', 'review'),
      link('review', 'publish', 'approved'),
    ],
  },
};

const socialCampaign: FlowTemplate = {
  id: 'social-campaign-manager-signoff',
  name: 'Social campaign with manager sign-off',
  description:
    'AI writes a short post per launch; clean posts go to a manager for sign-off, flagged ones back to a reviewer first.',
  graph: {
    nodes: [
      place('start', 'trigger.manual', 'Launch details', 0, 1, {
        fields: [
          {
            name: 'product',
            label: 'Product or feature',
            kind: 'text',
            required: true,
            options: [],
          },
          {
            name: 'channel',
            label: 'Channel',
            kind: 'select',
            required: true,
            options: ['LinkedIn', 'X', 'Instagram'],
          },
          { name: 'link', label: 'Landing page', kind: 'url', required: false, options: [] },
        ],
      }),
      place('post', 'ai.generate', 'Write the post', 1, 1, {
        prompt:
          'Write one {{ input.channel }} post announcing {{ input.product }}. At most 260 characters. End with {{ input.link }} if given.',
        temperature: 0.8,
        maxTokens: 200,
      }),
      place('brand_check', 'check.brand', 'Brand check', 2, 1, { maxCharacters: 280 }),
      place('clean', 'logic.branch', 'Clean?', 3, 1, {
        match: 'all',
        rules: [{ path: 'steps.brand_check.passed', operator: 'is_true' }],
      }),
      place('fix', 'human.review', 'Reviewer fixes flags', 4, 2, {
        title: 'Fix flagged post: {{ input.product }}',
        instructions: 'The brand check flagged this post. Edit it or ask for a new draft.',
        assigneeRoles: ['reviewer'],
      }),
      place('signoff', 'human.review', 'Manager sign-off', 5, 1, {
        title: 'Sign off post: {{ input.product }}',
        instructions: 'Final check before the post goes out.',
        assigneeRoles: ['manager'],
        separationOfDuties: true,
        defaultLevel: 'review_all',
      }),
      place('publish', 'publish.slack', 'Post to #launches', 6, 1, {
        // Saved connections belong to each workspace: the designer picks one (Settings first).
        connectionId: '',
        textTemplate: '{{ content.text }}',
      }),
    ],
    edges: [
      link('start', 'post'),
      link('post', 'brand_check'),
      link('brand_check', 'clean'),
      link('clean', 'signoff', 'true'),
      link('clean', 'fix', 'false'),
      link('fix', 'signoff', 'approved'),
      link('signoff', 'publish', 'approved'),
    ],
  },
};

const newsletter: FlowTemplate = {
  id: 'newsletter-spot-checks',
  name: 'Newsletter with spot checks',
  description:
    'Clean newsletters go out at once; a sample is reviewed afterwards, flagged ones always wait.',
  graph: {
    nodes: [
      place('start', 'trigger.manual', 'This week', 0, 1, {
        fields: [
          { name: 'topic', label: 'Theme', kind: 'text', required: true, options: [] },
          {
            name: 'highlights',
            label: 'Highlights',
            kind: 'longtext',
            required: true,
            options: [],
          },
        ],
      }),
      place('draft', 'ai.generate', 'Write the newsletter', 1, 1, {
        prompt:
          'Write this week’s customer newsletter on {{ input.topic }}, built around these highlights:\n{{ input.highlights }}',
        maxTokens: 1200,
      }),
      place('brand_check', 'check.brand', 'Brand check', 2, 1, {}),
      place('review', 'human.review', 'Spot check', 3, 1, {
        title: 'Newsletter: {{ input.topic }}',
        defaultLevel: 'spot_check',
        sampleRate: 0.2,
        assigneeRoles: ['reviewer'],
      }),
      place('send', 'publish.email', 'Email subscribers', 4, 1, {
        connectionId: '',
        to: ['subscribers@lumen-analytics.example'],
        subject: 'Lumen weekly: {{ input.topic }}',
        format: 'html',
      }),
    ],
    edges: [
      link('start', 'draft'),
      link('draft', 'brand_check'),
      link('brand_check', 'review'),
      link('review', 'send', 'approved'),
    ],
  },
};

const budget: FlowTemplate = {
  id: 'weekly-budget-reallocation',
  name: 'Weekly budget reallocation with manager confirmation',
  description:
    'AI proposes moving ad budget between channels; the guard flags big swings; a manager confirms, and the confirmed changes are kept in the content library. To apply them in your ad platform, swap the last step for “Send to webhook” with its address.',
  graph: {
    nodes: [
      place('start', 'trigger.manual', 'Weekly numbers', 0, 1, {
        fields: [
          {
            name: 'report',
            label: 'Spend and results per channel',
            kind: 'longtext',
            required: true,
            options: [],
          },
          {
            name: 'weeklyBudget',
            label: 'Weekly budget',
            kind: 'number',
            required: true,
            options: [],
          },
        ],
      }),
      place('recommend', 'ai.generate', 'Recommend changes', 1, 1, {
        system: 'You are a performance marketing analyst. Be conservative; explain each change.',
        prompt:
          'Given this report:\n{{ input.report }}\nand a weekly budget of {{ input.weeklyBudget }}, propose next week’s budget per channel.',
        temperature: 0.2,
        output: 'json',
        fields: [
          {
            name: 'changes',
            kind: 'table',
            description: 'One row per channel',
            columns: [
              { name: 'channel', kind: 'text' },
              { name: 'current', kind: 'number' },
              { name: 'proposed', kind: 'number' },
              { name: 'rationale', kind: 'text' },
            ],
          },
          { name: 'summary', kind: 'text', description: 'Two sentences for the manager' },
        ],
      }),
      place('guard', 'check.budget', 'Budget guard', 2, 1, {
        maxItemChangePercent: 25,
        maxTotalChangePercent: 5,
      }),
      place('confirm', 'human.review', 'Manager confirms', 3, 1, {
        title: 'Confirm budget changes',
        instructions: 'Check the proposed changes and the guard’s flags. Edit numbers if needed.',
        assigneeRoles: ['manager'],
        separationOfDuties: true,
        locked: true,
        defaultLevel: 'review_all',
        dueInMinutes: 48 * 60,
        onDue: 'reject',
      }),
      place('apply', 'publish.library', 'Keep the confirmed changes', 4, 1, {
        collection: 'Budget changes',
        titleTemplate: 'Budget changes for a weekly budget of {{ input.weeklyBudget }}',
      }),
    ],
    edges: [
      link('start', 'recommend'),
      link('recommend', 'guard'),
      link('guard', 'confirm'),
      link('confirm', 'apply', 'approved'),
    ],
  },
};

/** Starting points offered in the editor and seeded in the demo; each is a valid graph. */
export const flowTemplates: readonly FlowTemplate[] = [
  blogPost,
  socialCampaign,
  newsletter,
  budget,
];
