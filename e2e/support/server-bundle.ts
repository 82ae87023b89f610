import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

/*
 * The browser tests start about forty servers. Through tsx each start compiled the server's
 * TypeScript again, file by file: 3.4–3.6 s of CPU, on CI's two cores shared with Chromium and
 * the other test file. One bundle, built once per run by the global setup, starts in about
 * 2.4 s. It is the same source (`pnpm start` and every other test still run it through tsx);
 * only the loading differs, so two things are kept as they are under tsx:
 * - each file's `import.meta.url` is its own source file's URL, so paths found relative to it
 *   (the built web app, the HTTP thread's entry, which registers tsx itself) are the same;
 * - third-party packages stay outside the bundle, imported from where each package of the
 *   workspace resolves them.
 */

const BUILTINS = new Set(builtinModules);

/** Set by the global setup to the built bundle; startServer falls back to tsx without it. */
export const SERVER_BUNDLE_ENV = 'TANDEM_TEST_SERVER_BUNDLE';

/** The bundle's path under `repoRoot`; the global setup builds it, startServer runs it. */
export function serverBundlePath(repoRoot: string): string {
  return join(repoRoot, 'node_modules', '.cache', 'tandem-e2e', 'server.mjs');
}

function keepSourcePaths(): Plugin {
  return {
    name: 'keep-source-paths',
    setup(bundler) {
      bundler.onResolve({ filter: /^[^./]/ }, async (args) => {
        // A resolve of our own, from below, is left to esbuild.
        if (args.pluginData === 'resolving') return undefined;
        const name = args.path;
        if (name.startsWith('node:') || BUILTINS.has(name.split('/')[0]!)) {
          return { path: name, external: true };
        }
        // The workspace's own packages are the server: bundled.
        if (name.startsWith('@tandem/')) return undefined;
        const found = await bundler.resolve(name, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          pluginData: 'resolving',
        });
        if (found.errors.length > 0) return { errors: found.errors };
        return { path: found.path, external: true };
      });
      bundler.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        const source = await readFile(args.path, 'utf8');
        const own = JSON.stringify(pathToFileURL(args.path).href);
        return {
          contents: source.replaceAll('import.meta.url', own),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/** Bundles apps/server/src/main.ts into serverBundlePath(repoRoot). */
export async function buildServerBundle(repoRoot: string): Promise<string> {
  const outfile = serverBundlePath(repoRoot);
  mkdirSync(join(outfile, '..'), { recursive: true });
  await build({
    entryPoints: [join(repoRoot, 'apps/server/src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    conditions: ['node'],
    logLevel: 'warning',
    plugins: [keepSourcePaths()],
  });
  return outfile;
}
