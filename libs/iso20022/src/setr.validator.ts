import { existsSync } from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { SETR_MESSAGES, type SetrMessageType } from './setr-message-types';
import { VALIDATOR_WORKER_SOURCE } from './setr-validator.worker-source';

export type SetrValidationResult =
  { readonly valid: true } | { readonly valid: false; readonly errors: string[] };

export interface SetrValidator {
  readonly xsdDir: string;
  /** The message types whose official XSD was found in xsdDir (and compiled). */
  readonly messageTypes: readonly SetrMessageType[];
  supports(messageType: SetrMessageType): boolean;
  /** Synchronous; a document for a type without XSD is invalid ("no XSD for …"). */
  validate(messageType: SetrMessageType, xml: string): SetrValidationResult;
  close(): Promise<void>;
}

export interface SetrValidatorOptions {
  /** How long one validation may take before the validator gives up (and stops). Default 30 s. */
  readonly timeoutMs?: number;
  /** How long compiling the XSDs may take at start. Default 30 s. */
  readonly startTimeoutMs?: number;
}

/** The validator stopped working (start failed, a validation hung, it was closed): retry later, not a NACK. */
export class SetrValidatorError extends Error {
  override readonly name = 'SetrValidatorError';
}

type WorkerReply =
  | { seq: number; ready: true; loaded: SetrMessageType[] }
  | { seq: number; ready: false; error: string }
  | ({ seq: number } & SetrValidationResult);

/**
 * Validates setr documents against the official XSDs in xsdDir with libxml2 (WebAssembly) in a worker
 * thread, each XSD compiled once. Calls block on the worker (Atomics.wait) so that validate stays a
 * plain function; nothing is fetched, no entity is expanded, no DOCTYPE is accepted.
 */
export async function createSetrValidator(
  xsdDir: string,
  options: SetrValidatorOptions = {},
): Promise<SetrValidator> {
  if (!existsSync(xsdDir)) {
    throw new SetrValidatorError(`the ISO 20022 XSD folder ${xsdDir} does not exist (set ISO20022_XSD_DIR)`);
  }
  const shared = new Int32Array(new SharedArrayBuffer(4));
  Atomics.store(shared, 0, -1);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(VALIDATOR_WORKER_SOURCE, {
    eval: true,
    workerData: {
      port: port2,
      shared,
      xsdDir,
      messageTypes: Object.keys(SETR_MESSAGES),
      libxml2Path: require.resolve('libxml2-wasm'),
    },
    transferList: [port2],
  });
  // Referenced while starting (an awaited Atomics.waitAsync alone does not keep Node running), then not:
  // an idle validator never holds a process open.
  const ready = await waitForStart(worker, shared, port1, options.startTimeoutMs ?? 30_000);
  worker.unref();
  return new WorkerValidator(xsdDir, ready, worker, shared, port1, options.timeoutMs ?? 30_000);
}

async function waitForStart(
  worker: Worker,
  shared: Int32Array,
  port: MessagePort,
  timeoutMs: number,
): Promise<SetrMessageType[]> {
  let onExit: ((code: number) => void) | undefined;
  let onError: ((error: Error) => void) | undefined;
  const died = new Promise<'died'>((resolve) => {
    onExit = () => resolve('died');
    onError = () => resolve('died');
    worker.once('exit', onExit);
    worker.once('error', onError);
  });
  const waited = Atomics.waitAsync(shared, 0, -1, timeoutMs);
  const outcome = waited.async ? await Promise.race([waited.value, died]) : waited.value;
  worker.off('exit', onExit!);
  worker.off('error', onError!);
  const reply = receiveMessageOnPort(port)?.message as WorkerReply | undefined;
  if (reply !== undefined && 'ready' in reply && reply.ready) return reply.loaded;
  await worker.terminate();
  port.close();
  const why =
    reply !== undefined && 'error' in reply
      ? reply.error
      : outcome === 'died'
        ? 'the worker died'
        : 'timed out';
  throw new SetrValidatorError(`the setr validator did not start: ${why}`);
}

class WorkerValidator implements SetrValidator {
  private seq = 0;
  private stopped: string | undefined;

  constructor(
    readonly xsdDir: string,
    readonly messageTypes: readonly SetrMessageType[],
    private readonly worker: Worker,
    private readonly shared: Int32Array,
    private readonly port: MessagePort,
    private readonly timeoutMs: number,
  ) {
    worker.once('exit', () => (this.stopped ??= 'its worker exited'));
  }

  supports(messageType: SetrMessageType): boolean {
    return this.messageTypes.includes(messageType);
  }

  validate(messageType: SetrMessageType, xml: string): SetrValidationResult {
    if (this.stopped !== undefined)
      throw new SetrValidatorError(`the setr validator is stopped: ${this.stopped}`);
    if (/<!(DOCTYPE|ENTITY)/.test(xml)) {
      return { valid: false, errors: ['a DOCTYPE or ENTITY declaration is not allowed in a setr document'] };
    }
    const seq = ++this.seq;
    this.port.postMessage({ seq, messageType, xml });
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      const seen = Atomics.load(this.shared, 0);
      if (seen === seq) break;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.stop(`a validation took more than ${this.timeoutMs} ms`);
        throw new SetrValidatorError(
          `validating a ${messageType} document took more than ${this.timeoutMs} ms`,
        );
      }
      Atomics.wait(this.shared, 0, seen, left);
    }
    for (;;) {
      const reply = receiveMessageOnPort(this.port)?.message as WorkerReply | undefined;
      if (reply === undefined) throw new SetrValidatorError('the setr validator answered nothing');
      if (reply.seq === seq && 'valid' in reply)
        return reply.valid ? { valid: true } : { valid: false, errors: reply.errors };
    }
  }

  async close(): Promise<void> {
    this.stop('it was closed');
    await this.worker.terminate();
  }

  private stop(why: string): void {
    this.stopped ??= why;
    void this.worker.terminate();
    this.port.close();
  }
}
