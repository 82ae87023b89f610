import { describe, expect, it } from 'vitest';
import { navItemsFor } from './nav-items.js';

describe('navItemsFor', () => {
  it('shows a reviewer the inbox only (the runs list is closed to reviewers)', () => {
    expect(navItemsFor(['reviewer']).map((i) => i.label)).toEqual(['Inbox']);
  });
  it('shows a designer flows and runs', () => {
    expect(navItemsFor(['designer']).map((i) => i.label)).toEqual(['Flows', 'Runs']);
  });
  it('shows an admin everything', () => {
    expect(navItemsFor(['admin']).map((i) => i.label)).toEqual([
      'Flows',
      'Inbox',
      'Runs',
      'Automation',
      'Settings',
    ]);
  });
  it('shows a manager the inbox, runs and automation', () => {
    expect(navItemsFor(['manager']).map((i) => i.label)).toEqual(['Inbox', 'Runs', 'Automation']);
  });
});
