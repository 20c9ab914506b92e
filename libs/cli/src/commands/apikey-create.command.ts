import { Role, ROLES } from '@contingency/contracts';
import { ApiClient } from '../api-client';
import { CreatedKeyAnswer } from '../api-schemas';
import { EXIT_OK, UsageError } from '../cli.error';
import { stringOption, type Command } from '../command';

const NAME = 'apikey create';

export const apikeyCreateCommand: Command = {
  name: NAME,
  args: [],
  summary: 'Create an API key (admin); prints the key, which is shown only this once',
  details: [
    'Only the key goes to stdout, so that a script can capture it: KEY=$(... apikey create ...).',
    'Keys created for the same --principal are one person for four eyes: none of them may approve',
    "that principal's uploads.",
  ],
  options: {
    name: {
      type: 'string',
      valueName: 'NAME',
      description: 'what the key is for, shown in lists (required)',
    },
    roles: {
      type: 'string',
      valueName: 'R,R',
      description: `comma-separated roles: ${ROLES.join(', ')} (required)`,
    },
    principal: { type: 'string', valueName: 'P', description: 'the person or program the key acts for' },
  },
  async run({ options, deps }) {
    const name = stringOption(options, 'name')?.trim();
    if (!name) throw new UsageError('--name is required', NAME);
    const roles = parseRoles(stringOption(options, 'roles'));
    const principal = stringOption(options, 'principal')?.trim() || undefined;
    const created = await ApiClient.fromEnv(deps).json('POST', '/admin/api-keys', CreatedKeyAnswer, {
      json: { name, roles, ...(principal && { principal }) },
    });
    deps.stdout(`${created.key}\n`);
    const who = created.principal ?? principal;
    deps.stderr(
      `created API key "${created.name ?? name}"${created.id ? ` (id ${created.id})` : ''} with roles ` +
        `${(created.roles ?? roles).join(', ')}${who ? ` for ${who}` : ''}: store it now, it is not shown again\n`,
    );
    return EXIT_OK;
  },
};

function parseRoles(value: string | undefined): Role[] {
  const roles = (value ?? '')
    .split(',')
    .map((r) => r.trim().toLowerCase())
    .filter(Boolean);
  if (roles.length === 0)
    throw new UsageError(`--roles is required: one or more of ${ROLES.join(', ')}`, NAME);
  const unknown = roles.filter((r) => !Role.safeParse(r).success);
  if (unknown.length > 0) {
    throw new UsageError(`unknown role(s) ${unknown.join(', ')}: use ${ROLES.join(', ')}`, NAME);
  }
  return [...new Set(roles)] as Role[];
}
