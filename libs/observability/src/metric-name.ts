// Prometheus names allow [a-zA-Z0-9_:]; ours are lower snake case: `<service>_<noun>_<unit>`.
const METRIC_NAME = /^[a-z][a-z0-9_]*$/;

/** upload-gateway -> upload_gateway; casieAdapter -> casie_adapter. */
export function metricPrefix(service: string): string {
  const prefix = service
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  if (!METRIC_NAME.test(prefix)) throw new Error(`"${service}" cannot prefix metric names`);
  return prefix;
}

export function assertMetricName(name: string): void {
  if (!METRIC_NAME.test(name)) throw new Error(`metric name "${name}" must be lower snake case (noun_unit)`);
}
