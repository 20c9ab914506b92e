import type { Command } from './command';
import { DEFAULT_URL } from './api-client';
import { textTable } from './format/text-table';

export const PROGRAM = 'cli';

export function usageLine(command: Command): string {
  const args = command.args.join(' ');
  const options = command.options && Object.keys(command.options).length > 0 ? ' [options]' : '';
  return `${PROGRAM} ${command.name}${args ? ` ${args}` : ''}${options}`;
}

export function commandHelp(command: Command): string {
  const options = Object.entries(command.options ?? {}).map(([name, spec]) => [
    `  --${name}${spec.valueName ? ` ${spec.valueName}` : ''}`,
    spec.description,
  ]);
  options.push(['  -h, --help', 'show this help']);
  return [
    `Usage: ${usageLine(command)}\n\n`,
    `${command.summary}\n`,
    ...(command.details ? ['\n', ...command.details.map((line) => `${line}\n`)] : []),
    '\nOptions:\n',
    textTable(options),
  ].join('');
}

/** The commands (all, or one group's such as "batch"), one line each. */
export function commandList(commands: readonly Command[], group?: string): string {
  const title = group
    ? `Usage: ${PROGRAM} ${group} <command>\n\n`
    : `Usage: ${PROGRAM} <command> [options]\n\n`;
  return [
    title,
    'Commands:\n',
    textTable(commands.map((c) => [`  ${usageLine(c)}`, c.summary])),
    `\nRun "${PROGRAM} <command> --help" for a command's options.\n`,
    ...(group ? [] : [ENVIRONMENT]),
  ].join('');
}

const ENVIRONMENT = `
Environment:
  CONTINGENCY_URL       the upload gateway (default ${DEFAULT_URL})
  CONTINGENCY_API_KEY   an API key, sent as Authorization: Bearer (every command but db migrate)
  DATABASE_URL          the ledger database (db migrate only)

Exit codes: 0 done, 1 failed (the API refused, the service is unreachable, a batch FAILED), 2 usage error.
Run it as: npm run cli -- <command>   (or node dist/apps/cli/src/main.js <command> after npm run build)
`;
