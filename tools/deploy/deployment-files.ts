import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { parse as parseYaml } from 'yaml';

/** Reads the deployment files (docker/, deploy/terraform/, .gitlab-ci.yml) as data, for their specs. */
export const REPO_ROOT = join(__dirname, '..', '..');
export const TERRAFORM_DIR = join(REPO_ROOT, 'deploy', 'terraform');

export const readRepoFile = (path: string): string => readFileSync(join(REPO_ROOT, path), 'utf8');

/** YAML with anchors and `<<` merge keys resolved, as Docker Compose and GitLab read it. */
export const readYaml = <T = Record<string, unknown>>(path: string): T =>
  parseYaml(readRepoFile(path), { merge: true, maxAliasCount: -1 }) as T;

// Apps that are not services: the CLI, the console's static build, the one-process composition.
const NOT_SERVICES = new Set(['cli', 'web', 'standalone']);

export interface AppService {
  name: string;
  /** `defaultPort` in apps/<name>/src/main.ts. */
  port: number;
}

/** Every service of apps/, with the port its main.ts defaults to. */
export function appServices(): AppService[] {
  return readdirSync(join(REPO_ROOT, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !NOT_SERVICES.has(entry.name))
    .map((entry) => {
      const main = readRepoFile(`apps/${entry.name}/src/main.ts`);
      const port = /defaultPort:\s*(\d+)/.exec(main);
      if (!port) throw new Error(`apps/${entry.name}/src/main.ts has no defaultPort`);
      return { name: entry.name, port: Number(port[1]) };
    });
}

/** hcl2json's shape: every block type maps names to a list of bodies (one per declaration). */
export type HclBody = Record<string, unknown>;
export interface TerraformFile {
  resource?: Record<string, Record<string, HclBody[]>>;
  data?: Record<string, Record<string, HclBody[]>>;
  variable?: Record<string, HclBody[]>;
  output?: Record<string, HclBody[]>;
  locals?: HclBody[];
  terraform?: HclBody[];
  provider?: Record<string, HclBody[]>;
}

export interface TerraformModule {
  files: Record<string, TerraformFile>;
  /** Every `resource "<type>" "<name>"` body. */
  resources(type: string): Array<{ name: string; body: HclBody }>;
  resource(type: string, name: string): HclBody;
  variables(): Array<{ name: string; body: HclBody }>;
  outputs(): Array<{ name: string; body: HclBody }>;
  /** All locals blocks merged (a name is declared once in a module). */
  locals(): HclBody;
  terraformBlocks(): HclBody[];
}

export async function loadTerraform(dir = TERRAFORM_DIR): Promise<TerraformModule> {
  const names = readdirSync(dir).filter((name) => name.endsWith('.tf'));
  const files: Record<string, TerraformFile> = {};
  for (const name of names) {
    files[name] = (await parseHcl(name, readFileSync(join(dir, name), 'utf8'))) as TerraformFile;
  }
  const all = Object.values(files);
  const named = (blocks: Array<Record<string, HclBody[]> | undefined>) =>
    blocks.flatMap((block) =>
      Object.entries(block ?? {}).flatMap(([name, bodies]) => bodies.map((body) => ({ name, body }))),
    );
  const resources = (type: string) => named(all.map((file) => file.resource?.[type]));
  return {
    files,
    resources,
    resource(type, name) {
      const found = resources(type).filter((resource) => resource.name === name);
      if (found.length !== 1) throw new Error(`expected one resource ${type}.${name}, found ${found.length}`);
      return found[0].body;
    },
    variables: () => named(all.map((file) => file.variable)),
    outputs: () => named(all.map((file) => file.output)),
    locals: () => Object.assign({}, ...all.flatMap((file) => file.locals ?? [])) as HclBody,
    terraformBlocks: () => all.flatMap((file) => file.terraform ?? []),
  };
}

/** The Dockerfile as instructions (continuation lines joined, comments dropped), with their stage. */
export interface DockerInstruction {
  stage: string | undefined;
  keyword: string;
  args: string;
}

export function dockerInstructions(path = 'docker/Dockerfile'): DockerInstruction[] {
  const lines = readRepoFile(path)
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  let stage: string | undefined;
  return lines.map((line) => {
    const [keyword, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (keyword.toUpperCase() === 'FROM') stage = /\bAS\s+(\S+)/i.exec(args)?.[1];
    return { stage, keyword: keyword.toUpperCase(), args };
  });
}

/** The settings docker/entrypoint.sh turns from contents into files: NAME given, NAME_FILE set. */
export function entrypointFileSecrets(): string[] {
  const match = /^FILE_SECRETS="([^"]*)"/m.exec(readRepoFile('docker/entrypoint.sh'));
  if (!match) throw new Error('docker/entrypoint.sh has no FILE_SECRETS line');
  return match[1].split(/\s+/).filter(Boolean);
}

/** The heap (MB) docker/entrypoint.sh gives each service. */
export function entrypointHeaps(): Record<string, number> {
  const heaps: Record<string, number> = {};
  for (const match of readRepoFile('docker/entrypoint.sh').matchAll(/^\s*([a-z-]+)\) heap_mb=(\d+) ;;/gm)) {
    heaps[match[1]] = Number(match[2]);
  }
  return heaps;
}
