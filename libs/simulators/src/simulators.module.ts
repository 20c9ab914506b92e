import { Module } from '@nestjs/common';
import { CasieSimulatorController } from './casie-simulator.controller';
import { CasieSimulator } from './casie-simulator.service';
import { TaSimulator } from './ta-simulator.service';

@Module({
  controllers: [CasieSimulatorController],
  providers: [CasieSimulator, TaSimulator],
  exports: [CasieSimulator],
})
export class SimulatorsModule {}
