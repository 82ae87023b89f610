import { describe, expect, it } from 'vitest';
import { followLabel, nameFromLabel } from './field-name-from-label.js';

describe('nameFromLabel', () => {
  it('turns a label into a name a template can read', () => {
    expect(nameFromLabel('Product name')).toBe('product_name');
    expect(nameFromLabel('  Café & crème brûlée! ')).toBe('cafe_creme_brulee');
    expect(nameFromLabel('2nd CTA')).toBe('field_2nd_cta');
    expect(nameFromLabel('Constructor')).toBe('constructor_field');
    expect(nameFromLabel('???')).toBe('');
    const long = nameFromLabel('A very long label that goes on and on well past forty letters');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(long).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
  });
});

describe('followLabel', () => {
  const item = (name: string, label: string) => ({ name, label, kind: 'text' });

  it('fills an empty name from the label as it is typed, and keeps following it', () => {
    const typed = followLabel(item('', ''), item('', 'Product'), ['topic']);
    expect(typed.name).toBe('product');
    expect(followLabel(typed, { ...typed, label: 'Product name' }, ['topic']).name).toBe(
      'product_name',
    );
  });

  it('keeps a name the designer chose, and leaves edits to other settings alone', () => {
    expect(followLabel(item('sku', 'Product'), item('sku', 'Product name'), []).name).toBe('sku');
    const renamed = followLabel(item('product', 'Product'), item('prod', 'Product'), []);
    expect(renamed.name).toBe('prod');
    const kind = followLabel(item('', 'Product'), { ...item('', 'Product'), kind: 'longtext' }, []);
    expect(kind.name).toBe('');
  });

  it('does not take a name another field already has', () => {
    expect(followLabel(item('', ''), item('', 'Topic'), ['topic']).name).toBe('topic_2');
    expect(followLabel(item('', ''), item('', 'Topic'), ['topic', 'topic_2']).name).toBe('topic_3');
    // A name numbered to stay unique still follows its label.
    expect(followLabel(item('topic_2', 'Topic'), item('topic_2', 'Topics'), ['topic']).name).toBe(
      'topics',
    );
  });
});
