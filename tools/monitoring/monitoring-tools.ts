import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const REPO = join(__dirname, '..', '..');
export const PROMETHEUS_DIR = join(REPO, 'deploy', 'prometheus');

/** The path of a Debian monitoring binary, or a failure that says how to install it. */
export function requireBinary(name: 'prometheus' | 'promtool' | 'amtool'): string {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    throw new Error(
      `${name} is not installed: run tools/system-deps.sh (Debian prometheus, prometheus-alertmanager)`,
    );
  }
  return found.stdout.trim();
}

/** Runs a tool; resolves with its output, or throws with everything it printed. */
export function run(binary: string, args: readonly string[], cwd = PROMETHEUS_DIR): string {
  try {
    return execFileSync(binary, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`${binary} ${args.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
}
