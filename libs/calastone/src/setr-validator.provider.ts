import { Inject, Injectable, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { createSetrValidator, type SetrValidator } from '@contingency/iso20022';

export const SETR_VALIDATOR = Symbol('SETR_VALIDATOR');

/** The XSD validator (a worker thread, each XSD compiled once at start): a missing XSD folder fails the start. */
export function setrValidatorProvider(xsdDir: string): Provider {
  return { provide: SETR_VALIDATOR, useFactory: () => createSetrValidator(xsdDir) };
}

@Injectable()
export class SetrValidatorCloser implements OnApplicationShutdown {
  constructor(@Inject(SETR_VALIDATOR) private readonly validator: SetrValidator) {}

  async onApplicationShutdown(): Promise<void> {
    await this.validator.close();
  }
}
