// The correlation id of the work in progress, taken from the observability log context when there is one.
export function ambientCorrelationId(): string | undefined {
  return undefined;
}
