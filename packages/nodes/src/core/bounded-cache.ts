/**
 * Values worth computing once per key (parsed templates, compiled patterns), at most `limit`
 * of them: past it the oldest is dropped. Keys come from flow configs, so the bound keeps a
 * stream of distinct ones from growing the process.
 */
export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly limit: number,
    private readonly compute: (key: K) => V,
  ) {}

  get(key: K): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = this.compute(key);
      if (this.entries.size >= this.limit) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, value);
    }
    return value;
  }
}
