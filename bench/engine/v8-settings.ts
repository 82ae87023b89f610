/**
 * The V8 heap setting the server's start scripts give the engine's process
 * (`--max-semi-space-size`, package.json), as this process was started with it. The engine
 * allocates many short-lived objects per run; with 128 runs in flight a larger young
 * generation is scavenged less often, and the benchmark must measure the engine as it is run.
 */
export function semiSpaceSetting(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string = process.env.NODE_OPTIONS ?? '',
): string {
  const flags = [...nodeOptions.split(/\s+/), ...execArgv];
  const given = flags.findLast((flag) => flag.startsWith('--max-semi-space-size='));
  return given
    ? `${given.split('=')[1]} MiB semi-space (\`${given}\`, as \`pnpm start\` runs the server)`
    : "V8's default semi-space: not how `pnpm start` runs the server (run it with `pnpm bench`)";
}
