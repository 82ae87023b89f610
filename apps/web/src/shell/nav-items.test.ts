import { describe, expect, it } from 'vitest';
import { navItemsFor } from './nav-items.js';

describe('navItemsFor', () => {
  it('shows a reviewer the inbox only (the runs list is closed to reviewers)', () => {
    expect(navItemsFor(['reviewer']).map((i) => i.label)).toEqual(['Inbox']);
  });
  it('shows a designer flows, the inbox (anyone may be named at a checkpoint), runs and the library', () => {
    expect(navItemsFor(['designer']).map((i) => i.label)).toEqual([
      'Flows',
      'Inbox',
      'Runs',
      'Library',
    ]);
  });
  it('shows an admin everything', () => {
    expect(navItemsFor(['admin']).map((i) => i.label)).toEqual([
      'Flows',
      'Inbox',
      'Runs',
      'Library',
      'Automation',
      'Settings',
    ]);
  });
  it('shows a manager the inbox, runs, the library and automation', () => {
    expect(navItemsFor(['manager']).map((i) => i.label)).toEqual([
      'Inbox',
      'Runs',
      'Library',
      'Automation',
    ]);
  });
});
