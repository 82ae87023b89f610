import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * A feature's stylesheets are its own: styles two pages share belong in the UI kit (ui/), loaded
 * up front for every page. The automation, runs and settings pages once imported the inbox's
 * review-common.css for their filters and key/value rows: a change meant for the inbox restyled
 * them, and the inbox's folder was the last place to look for their styles.
 */

const FEATURES = dirname(fileURLToPath(import.meta.url));

/** Every module under features/, as [path, source]. */
function modules(): [string, string][] {
  return readdirSync(FEATURES, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
    .map((file) => [join(FEATURES, file), readFileSync(join(FEATURES, file), 'utf8')]);
}

/** The feature folder a path under features/ is in ("runs" for features/runs/RunsPage.tsx). */
const featureOf = (path: string) => relative(FEATURES, path).split(sep)[0];

describe('feature styles', () => {
  it('imports no other feature’s stylesheet', () => {
    const crossing: string[] = [];
    for (const [path, source] of modules()) {
      for (const [, spec] of source.matchAll(/^import '(\.{1,2}\/[^']+\.css)';$/gm)) {
        const sheet = resolve(dirname(path), spec!);
        const inFeatures = !relative(FEATURES, sheet).startsWith('..');
        if (inFeatures && featureOf(sheet) !== featureOf(path))
          crossing.push(`${relative(FEATURES, path)} imports ${spec}`);
      }
    }
    expect(crossing).toEqual([]);
  });
});
