export { ApiClient, DEFAULT_URL } from './api-client';
export { ApiCallError, CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli.error';
export type { CliDeps } from './cli-deps';
export type { Command } from './command';
export { COMMANDS } from './commands';
export { nodeDeps } from './node-deps';
export { runCli } from './run-cli';
