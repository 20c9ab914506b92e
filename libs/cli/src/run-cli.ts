import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './cli.error';
import type { CliDeps } from './cli-deps';
import type { Command, OptionValues } from './command';
import { COMMANDS } from './commands';
import { commandHelp, commandList, PROGRAM } from './help';

/** Runs one command line; never throws: errors become one line on stderr and the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps, commands = COMMANDS): Promise<number> {
  try {
    return await dispatch(argv, deps, commands);
  } catch (error) {
    return report(error, deps);
  }
}

async function dispatch(
  argv: readonly string[],
  deps: CliDeps,
  commands: readonly Command[],
): Promise<number> {
  const [first, second] = argv;
  if (first === undefined) {
    deps.stderr(commandList(commands));
    return EXIT_USAGE;
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    deps.stdout(commandList(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === `${first} ${second}` || c.name === first);
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length === 0) throw new UsageError(`unknown command "${first}"`);
    if (second === undefined || second === '--help' || second === '-h') {
      (second === undefined ? deps.stderr : deps.stdout)(commandList(group, first));
      return second === undefined ? EXIT_USAGE : EXIT_OK;
    }
    throw new UsageError(`unknown command "${first} ${second}"`, first);
  }
  const rest = argv.slice(command.name.split(' ').length);
  const { positionals, values } = parse(command, rest);
  if (values.help) {
    deps.stdout(commandHelp(command));
    return EXIT_OK;
  }
  if (positionals.length !== command.args.length) {
    const expected = command.args.length === 0 ? 'no arguments' : command.args.join(' ');
    const what =
      positionals.length < command.args.length
        ? `needs ${expected}`
        : `takes ${expected}, got "${positionals.join(' ')}"`;
    throw new UsageError(`${command.name} ${what}`, command.name);
  }
  return command.run({ args: positionals, options: values, deps });
}

function parse(command: Command, args: readonly string[]): { positionals: string[]; values: OptionValues } {
  const options: ParseArgsOptionsConfig = { help: { type: 'boolean', short: 'h' } };
  for (const [name, spec] of Object.entries(command.options ?? {})) {
    options[name] = { type: spec.type, ...(spec.short && { short: spec.short }) };
  }
  try {
    const { positionals, values } = parseArgs({
      args: [...args],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { positionals, values: values as OptionValues };
  } catch (error) {
    // parseArgs explains itself ("Unknown option '--x'. To specify…"): keep the first sentence.
    const text = error instanceof Error ? error.message : String(error);
    const message = text.replace(/^\w*Error \[\w+\]: /, '').split('. ')[0];
    throw new UsageError(message.replace(/\.$/, ''), command.name);
  }
}

function report(error: unknown, deps: CliDeps): number {
  if (error instanceof UsageError) {
    const help = error.command ? `${PROGRAM} ${error.command} --help` : `${PROGRAM} --help`;
    deps.stderr(`error: ${error.message} (see "${help}")\n`);
    return error.exitCode;
  }
  if (error instanceof CliError) {
    deps.stderr(`error: ${error.message}\n`);
    return error.exitCode;
  }
  deps.stderr(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  return EXIT_FAILURE;
}
