export * from './casie-mode';
export * from './casie-order.journal';
export * from './casie-simulator.controller';
export * from './casie-simulator.service';
export * from './simulators.module';
