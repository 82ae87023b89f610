import { AUDIT_ACTIONS, auditActionLabel } from '@tandem/schema';
import { describe, expect, it } from 'vitest';
import { auditActionGroups } from './audit-actions.js';
import { auditSubject, type SubjectNames } from './audit-subject.js';

const names: SubjectNames = {
  users: new Map([['usr_1', 'Ada Admin']]),
  flows: new Map([['flw_1', 'Blog post with brand review']]),
};

describe('auditSubject', () => {
  it('names people and flows, and links a flow to its page', () => {
    expect(auditSubject({ subjectType: 'user', subjectId: 'usr_1' }, names)).toEqual({
      text: 'Ada Admin',
      raw: 'user:usr_1',
    });
    expect(auditSubject({ subjectType: 'flow', subjectId: 'flw_1' }, names)).toEqual({
      text: 'Blog post with brand review',
      href: '/flows/flw_1',
      raw: 'flow:flw_1',
    });
  });

  it('names connections and the brand kit as the event recorded them, linking their settings', () => {
    expect(
      auditSubject(
        {
          subjectType: 'connection',
          subjectId: 'con_01m8abcdefghij',
          details: { kind: 'llm', name: 'Team model' },
        },
        names,
      ),
    ).toEqual({
      text: 'Connection Team model',
      href: '/settings/connections',
      raw: 'connection:con_01m8abcdefghij',
    });
    expect(
      auditSubject(
        { subjectType: 'brand_kit', subjectId: 'brand_default', details: { name: 'Lumen' } },
        names,
      ),
    ).toEqual({ text: 'Brand kit Lumen', href: '/settings/brand', raw: 'brand_kit:brand_default' });
    expect(
      auditSubject({ subjectType: 'connection', subjectId: 'con_01m8abcdefghij' }, names).text,
    ).toBe('Connection …efghij');
  });

  it('shows the stored id, without a link, for a flow that is gone', () => {
    expect(auditSubject({ subjectType: 'flow', subjectId: 'flw_gone' }, names)).toEqual({
      text: 'flow:flw_gone',
      raw: 'flow:flw_gone',
    });
  });

  it('links runs, tasks, publications and checkpoints to the page that shows them', () => {
    const run = auditSubject({ subjectType: 'run', subjectId: 'run_01m8egf6svvktn2r' }, names);
    expect(run).toMatchObject({ text: 'Run …vktn2r', href: '/runs/run_01m8egf6svvktn2r' });
    expect(
      auditSubject({ subjectType: 'task', subjectId: 'tsk_abcdefghijkl' }, names),
    ).toMatchObject({
      text: 'Task …ghijkl',
      href: '/inbox/tsk_abcdefghijkl',
    });
    expect(
      auditSubject({ subjectType: 'publication', subjectId: 'run_abcdefghijkl:publish' }, names),
    ).toMatchObject({ text: 'Run …ghijkl, step publish', href: '/runs/run_abcdefghijkl' });
    expect(
      auditSubject({ subjectType: 'checkpoint', subjectId: 'flw_1:review' }, names),
    ).toMatchObject({
      text: 'Checkpoint review in Blog post with brand review',
      href: '/automation/flw_1',
    });
  });

  it('escapes ids in links and leaves unknown kinds as stored', () => {
    expect(auditSubject({ subjectType: 'run', subjectId: 'a/b' }, names).href).toBe('/runs/a%2Fb');
    expect(auditSubject({ subjectType: 'route', subjectId: 'GET /api/x' }, names)).toEqual({
      text: 'route:GET /api/x',
      raw: 'route:GET /api/x',
    });
  });
});

describe('audit actions', () => {
  it('offers every recorded action once, grouped by area, in words', () => {
    const groups = auditActionGroups();
    const offered = groups.flatMap((g) => g.actions.map((a) => a.action));
    expect(offered.sort()).toEqual(Object.keys(AUDIT_ACTIONS).sort());
    expect(groups[0]).toMatchObject({ area: 'Sign-in and access' });
    expect(groups[0]!.actions[0]).toEqual({ action: 'auth.login', label: 'Signed in' });
  });

  it('reads an action no longer listed as its code', () => {
    expect(auditActionLabel('task.decided')).toBe('Decision made');
    expect(auditActionLabel('old.thing')).toBe('old.thing');
    expect(auditActionLabel('toString')).toBe('toString');
  });
});
