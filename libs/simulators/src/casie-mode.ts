import { z } from 'zod';

export const CASIE_MODES = ['up', 'down', 'slow', 'flaky', 'accept-then-timeout'] as const;
export type CasieModeName = (typeof CASIE_MODES)[number];

/** PUT /sim/casie/mode: the mode, and the knobs that apply to it (defaults below). */
export const CasieModeRequest = z
  .object({
    mode: z.enum(CASIE_MODES),
    /** slow: the delay of every answer; accept-then-timeout: how long the answer is held back. */
    delayMs: z.number().int().min(0).max(600_000).optional(),
    /** flaky: the share of requests answered 503. */
    failureRatio: z.number().min(0).max(1).optional(),
    /** flaky: the seed of the failure sequence (the same seed, the same sequence). */
    seed: z.number().int().optional(),
    /** down: answer 503, or close the connection without a word (then the adapter cannot tell). */
    downWith: z.enum(['503', 'reset']).optional(),
  })
  .strict();
export type CasieModeRequest = z.infer<typeof CasieModeRequest>;

export interface CasieMode {
  mode: CasieModeName;
  delayMs: number;
  failureRatio: number;
  seed: number;
  downWith: '503' | 'reset';
}

export function casieMode(request: CasieModeRequest): CasieMode {
  return {
    mode: request.mode,
    delayMs: request.delayMs ?? (request.mode === 'accept-then-timeout' ? 120_000 : 2_000),
    failureRatio: request.failureRatio ?? 0.5,
    seed: request.seed ?? 1,
    downWith: request.downWith ?? '503',
  };
}

/** What the simulator does with one request in the current mode. */
export type CasieBehaviour =
  | { action: 'fail'; with: '503' | 'reset' }
  | { action: 'answer'; delayMs: number }
  | { action: 'record-then-hold'; holdMs: number };

/** `random` is the mode's seeded sequence; only flaky draws from it. */
export function behaviourFor(
  mode: CasieMode,
  request: 'submit' | 'status',
  random: () => number,
): CasieBehaviour {
  switch (mode.mode) {
    case 'up':
      return { action: 'answer', delayMs: 0 };
    case 'down':
      return { action: 'fail', with: mode.downWith };
    case 'slow':
      return { action: 'answer', delayMs: mode.delayMs };
    case 'flaky':
      return random() < mode.failureRatio
        ? { action: 'fail', with: '503' }
        : { action: 'answer', delayMs: 0 };
    case 'accept-then-timeout':
      // The status query still answers: that is how the adapter finds out.
      return request === 'submit'
        ? { action: 'record-then-hold', holdMs: mode.delayMs }
        : { action: 'answer', delayMs: 0 };
  }
}

/** mulberry32: a tiny seeded PRNG, so that a flaky drill can be repeated exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
