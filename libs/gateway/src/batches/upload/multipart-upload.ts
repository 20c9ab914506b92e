import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { fileRequired, malformedMultipart, multipartRequired, UploadStreamError } from './upload.errors';

/** The file field of an upload, as it streams in. */
export interface IncomingFile {
  /** As the client named it: untrusted, for display only. */
  fileName: string | undefined;
  /** As the client declared it: informational only. */
  contentType: string | undefined;
  bytes: AsyncIterable<Uint8Array>;
}

export interface MultipartLimits {
  field: string;
  maxBytes: number;
}

const noop = (): void => undefined;

/**
 * A multipart/form-data request read as it arrives (busboy): `file()` gives the named file field's
 * byte stream, never buffered. `drain()` lets whatever the client is still sending go by, so that a
 * client refused mid-file reads the answer rather than a reset connection.
 */
export class MultipartUpload {
  private parser: busboy.Busboy | undefined;
  private clientGone = false;

  constructor(
    private readonly req: IncomingMessage,
    private readonly limits: MultipartLimits,
  ) {}

  /** Runs `handle` on the upload and drains the request afterwards, whatever the outcome. */
  static async handle<T>(
    req: IncomingMessage,
    limits: MultipartLimits,
    handle: (file: () => Promise<IncomingFile>) => Promise<T>,
  ): Promise<T> {
    const upload = new MultipartUpload(req, limits);
    try {
      return await handle(() => upload.file());
    } finally {
      await upload.drain();
    }
  }

  file(): Promise<IncomingFile> {
    const contentType = this.req.headers['content-type'];
    if (!contentType || !/^multipart\/form-data\s*(;|$)/i.test(contentType)) {
      return Promise.reject(multipartRequired(contentType));
    }
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: this.req.headers,
        // One byte over the limit reaches the parser, which refuses the file with TOO_LARGE.
        limits: {
          fileSize: this.limits.maxBytes + 1,
          files: 5,
          fields: 20,
          parts: 30,
          fieldSize: 64 * 1024,
        },
      });
    } catch (error) {
      return Promise.reject(malformedMultipart(error instanceof Error ? error.message : String(error)));
    }
    this.parser = parser;
    return new Promise<IncomingFile>((resolve, reject) => {
      let found = false;
      parser.on('file', (name, stream, info) => {
        // Errors reach the reader through iteration; an unobserved one must not crash the process.
        stream.on('error', noop);
        if (found || name !== this.limits.field) {
          stream.resume();
          return;
        }
        found = true;
        resolve({ fileName: info.filename, contentType: info.mimeType, bytes: stream });
      });
      parser.on('error', (error: unknown) => {
        // After the file was found, the error also ends its stream, and the reader reports it.
        if (found) return;
        // A client gone before its file began sent nothing wrong: it sent nothing.
        if (this.clientGone) reject(new UploadStreamError(error));
        else reject(malformedMultipart(error instanceof Error ? error.message : String(error)));
      });
      parser.on('close', () => {
        if (!found) reject(fileRequired(this.limits.field));
      });
      this.req.on('error', noop);
      // A client that goes away mid-upload: end the file stream with an error, so nothing waits forever.
      this.req.on('close', () => {
        if (this.req.complete) return;
        this.clientGone = true;
        parser.destroy(new Error('the client closed the connection'));
      });
      this.req.pipe(parser);
    });
  }

  async drain(): Promise<void> {
    const req = this.req;
    if (this.parser) req.unpipe(this.parser);
    if (req.readableEnded || req.destroyed) return;
    await new Promise<void>((resolve) => {
      req.once('end', resolve);
      req.once('close', resolve);
      req.resume();
    });
  }
}
