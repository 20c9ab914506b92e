export { Canary, CANARY_SETTINGS, type CanaryProbe, type CanarySettings } from './canary';
export { CanaryMetrics, PROBE_OUTCOMES, type ProbeOutcome } from './canary.metrics';
export { canaryProbe, CanaryModule, type CanaryProbeDefinition } from './canary.module';
