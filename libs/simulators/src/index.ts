export * from './casie-simulator.service';
export * from './simulators.module';
