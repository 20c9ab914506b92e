/**
 * `work`'s result, or a rejection with `message` once `ms` have passed — whichever comes first; the
 * timer is cleared either way. `work` that throws synchronously fails like one that rejects. The work
 * itself is not cancelled: callers whose work holds a resource must release it themselves.
 */
export async function withTimeout<T>(work: () => Promise<T> | T, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  try {
    return await Promise.race([(async () => work())(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
