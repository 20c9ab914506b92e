/** The service's winston Logger. */
export const LOGGER = Symbol('LOGGER');
/** The ServiceMetrics of the service named in ObservabilityModule.forRoot. */
export const SERVICE_METRICS = Symbol('SERVICE_METRICS');
export const OBSERVABILITY_OPTIONS = Symbol('OBSERVABILITY_OPTIONS');

/** Paths served outside any global prefix: `app.setGlobalPrefix('api/v1', { exclude: OBSERVABILITY_ROUTES })`. */
export const OBSERVABILITY_ROUTES = ['healthz', 'readyz', 'metrics'];
