import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createSetrValidator, type SetrValidator, SetrValidatorError } from '@contingency/iso20022';
import { ACKS_SETTINGS, type AcksSettings } from '../acks.options';

/**
 * The XSD validator of the inbox, started on first use: one that cannot start (XSD folder missing) or
 * stops working throws SetrValidatorError, and the document waits in the inbox for the next poll — an
 * infrastructure fault is never the document's fault. Without an XSD folder, documents are only parsed.
 */
@Injectable()
export class InboxValidator implements OnApplicationShutdown {
  private validator?: Promise<SetrValidator>;

  constructor(@Inject(ACKS_SETTINGS) private readonly settings: AcksSettings) {}

  get(): Promise<SetrValidator | undefined> {
    const { xsdDir } = this.settings.inbox;
    if (xsdDir === undefined) return Promise.resolve(undefined);
    this.validator ??= createSetrValidator(xsdDir).catch((error: unknown) => {
      this.validator = undefined;
      throw error instanceof SetrValidatorError ? error : new SetrValidatorError(String(error));
    });
    return this.validator;
  }

  /** Drops a validator that failed to run: the next document starts a fresh one. */
  async reset(): Promise<void> {
    const validator = this.validator;
    this.validator = undefined;
    await validator?.then((v) => v.close()).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reset();
  }
}
