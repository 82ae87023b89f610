import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';

/**
 * A CPU profile of the main thread over the measured phase only, written to `file` (open it in
 * Chrome DevTools' Performance panel): `BENCH_ENGINE_CPU_PROFILE=engine.cpuprofile pnpm bench
 * engine`. Node's own `--cpu-prof` covers the whole process, whose warm-up, ceiling and
 * reference measurements then blur where the measured runs spend their time. Without a file,
 * nothing is profiled.
 */
export async function startCpuProfile(
  file: string | undefined,
): Promise<{ stop(): Promise<void> }> {
  if (!file) return { stop: async () => undefined };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      console.error(`CPU profile of the measured phase: ${file}`);
    },
  };
}
