/**
 * `pnpm bench [name...]` runs the named benchmarks (all when none is named) and records their
 * figures in bench/RESULTS.md under a heading with the machine and the date. Benchmarks are
 * measurements, not tests: nothing here fails on a timing.
 */
import { existsSync } from 'node:fs';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type BenchModule = Record<string, unknown>;

const here = path.dirname(fileURLToPath(import.meta.url));

/** Each benchmark: its folder's module and the function that returns a markdown section. */
const BENCHMARKS: Record<string, { file: string; run: string }> = {
  engine: { file: 'engine/engine.bench.ts', run: 'runEngineBench' },
  push: { file: 'push/push.bench.ts', run: 'runPushBench' },
  editor: { file: 'editor/editor.bench.ts', run: 'runEditorBench' },
  scale: { file: 'scale/scale.bench.ts', run: 'runScaleBench' },
};

function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const memGiB = (os.totalmem() / 2 ** 30).toFixed(0);
  return `${os.cpus().length} × ${cpu}, ${memGiB} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = requested.length ? requested : Object.keys(BENCHMARKS);
  const unknown = names.filter((n) => !BENCHMARKS[n]);
  if (unknown.length) {
    console.error(
      `Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHMARKS).join(', ')}`,
    );
    process.exit(2);
  }
  const sections: string[] = [];
  for (const name of names) {
    const { file, run } = BENCHMARKS[name]!;
    const full = path.join(here, file);
    if (!existsSync(full)) {
      console.log(`- ${name}: not built yet (${file} is missing), skipped`);
      continue;
    }
    console.log(`Running ${name} benchmark...`);
    const mod = (await import(pathToFileURL(full).href)) as BenchModule;
    const fn = mod[run];
    if (typeof fn !== 'function') throw new Error(`${file} does not export ${run}()`);
    const section = (await (fn as () => Promise<string>)()).trim();
    console.log(`\n${section}\n`);
    sections.push(section);
  }
  if (!sections.length) return;
  const resultsFile = path.join(here, 'RESULTS.md');
  if (!existsSync(resultsFile)) {
    await writeFile(
      resultsFile,
      '# Benchmark results\n\nNewest runs last. Recorded by `pnpm bench`.\n',
    );
  }
  const heading = `\n## ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machineLine()}\n`;
  await appendFile(resultsFile, `${heading}\n${sections.join('\n\n')}\n`);
  const total = (await readFile(resultsFile, 'utf8')).split('\n').length;
  console.log(`Recorded in bench/RESULTS.md (${total} lines).`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
