import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/*
 * Tests only: the real entry point with TANDEM_ROLE=worker in a child process, as
 * `pnpm start:worker` runs it, so a test can SIGKILL it mid-step.
 */

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  pid: number;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

export function startWorkerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<WorkerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: { ...process.env, ...env, TANDEM_ROLE: 'worker' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`worker did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onEarlyExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code} before it was ready:\n${output}`));
    };
    child.once('exit', onEarlyExit);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (!output.includes('Tandem worker ready')) return;
      clearTimeout(timer);
      child.off('exit', onEarlyExit);
      resolve({
        child,
        pid: child.pid!,
        output: () => output,
        async kill(signal) {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          await exited;
        },
      });
    });
  });
}
