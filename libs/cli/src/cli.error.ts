export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** A failure the CLI reports as one line on stderr, with its exit code. */
export class CliError extends Error {
  override readonly name: string = 'CliError';

  constructor(
    message: string,
    readonly exitCode: number = EXIT_FAILURE,
  ) {
    super(message);
  }
}

/** The command line itself is wrong (unknown command or option, missing argument, missing setting). */
export class UsageError extends CliError {
  override readonly name = 'UsageError';

  constructor(
    message: string,
    /** The command whose --help to point at. */
    readonly command?: string,
  ) {
    super(message, EXIT_USAGE);
  }
}

/** The API refused: its `{ error: { code, message } }`, with the HTTP status. */
export class ApiCallError extends CliError {
  override readonly name = 'ApiCallError';

  constructor(
    readonly status: number,
    readonly code: string,
    readonly apiMessage: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(`${code}: ${apiMessage} (HTTP ${status})`);
  }
}
