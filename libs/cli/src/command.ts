import type { CliDeps } from './cli-deps';

export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  /** Shown in help: --name NAME. */
  valueName?: string;
  short?: string;
}

export interface CommandInput {
  /** The positional arguments, as many as the command declares. */
  args: readonly string[];
  options: OptionValues;
  deps: CliDeps;
}

/** One CLI command: its words ("batch show"), arguments, options, and what it does. */
export interface Command {
  name: string;
  args: readonly string[];
  summary: string;
  /** More lines for --help. */
  details?: readonly string[];
  options?: Readonly<Record<string, OptionSpec>>;
  run(input: CommandInput): Promise<number>;
}

export function stringOption(options: OptionValues, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}
