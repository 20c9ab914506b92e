/** One line naming every variable that is wrong and how to fix it, problems separated by '; '. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
    this.name = 'ConfigError';
  }
}
