import { withTimeout } from './with-timeout';
import { Injectable } from '@nestjs/common';
import { maskUrlPasswords } from './mask-secrets';

export type HealthCheck = () => Promise<void>;

export interface HealthCheckOptions {
  /** true (default): a dependency, checked by /readyz. false: the process itself, checked by /healthz. */
  readiness?: boolean;
  timeoutMs?: number;
}

export interface CheckResult {
  status: 'ok' | 'error';
  error?: string;
  durationMs: number;
}

export interface HealthReport {
  status: 'ok' | 'error';
  checks: Record<string, CheckResult>;
}

const DEFAULT_TIMEOUT_MS = 2_000;

interface Registered {
  check: HealthCheck;
  readiness: boolean;
  timeoutMs: number;
}

@Injectable()
export class HealthRegistry {
  private readonly checks = new Map<string, Registered>();

  register(name: string, check: HealthCheck, options: HealthCheckOptions = {}): void {
    if (this.checks.has(name)) throw new Error(`health check "${name}" is already registered`);
    const { readiness = true, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
    this.checks.set(name, { check, readiness, timeoutMs });
  }

  /** The process can make progress: only the liveness checks (a failing one gets the task restarted). */
  liveness(): Promise<HealthReport> {
    return this.run((registered) => !registered.readiness);
  }

  /** The process can take work: every check, since a process that is not alive is not ready either. */
  readiness(): Promise<HealthReport> {
    return this.run(() => true);
  }

  private async run(include: (registered: Registered) => boolean): Promise<HealthReport> {
    const selected = [...this.checks].filter(([, registered]) => include(registered));
    const results = await Promise.all(
      selected.map(async ([name, registered]) => [name, await runCheck(name, registered)] as const),
    );
    return {
      status: results.every(([, result]) => result.status === 'ok') ? 'ok' : 'error',
      checks: Object.fromEntries(results),
    };
  }
}

async function runCheck(name: string, { check, timeoutMs }: Registered): Promise<CheckResult> {
  const started = performance.now();
  try {
    await withTimeout(check, timeoutMs, `${name} did not answer within ${timeoutMs} ms`);
    return { status: 'ok', durationMs: elapsed(started) };
  } catch (error) {
    // Driver errors sometimes quote the connection string.
    const message = maskUrlPasswords(error instanceof Error ? error.message : String(error));
    return { status: 'error', error: message, durationMs: elapsed(started) };
  }
}

const elapsed = (started: number): number => Math.round(performance.now() - started);
