import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './deployment-files';

const ROLLBACK = join(REPO_ROOT, 'tools', 'deploy', 'rollback.sh');
const RUN_MIGRATE = join(REPO_ROOT, 'tools', 'deploy', 'run-migrate.sh');
const ARN = 'arn:aws:ecs:eu-west-1:111122223333';

/**
 * A fake `aws` CLI on PATH: answers from a table of "args prefix → output" (first match wins), exits 0,
 * and logs every call, so the scripts' conversation with ECS can be checked.
 */
function withFakeAws(answers: Array<[string, string]>, script: string, args: string[]) {
  const dir = mkdtempSync(join(tmpdir(), 'fake-aws-'));
  try {
    writeFileSync(join(dir, 'answers.json'), JSON.stringify(answers));
    writeFileSync(
      join(dir, 'aws'),
      `#!${process.execPath}\n` +
        `const fs = require('node:fs');\n` +
        `const args = process.argv.slice(2).join(' ');\n` +
        `fs.appendFileSync(${JSON.stringify(join(dir, 'calls'))}, args + '\\n');\n` +
        `const answers = JSON.parse(fs.readFileSync(${JSON.stringify(join(dir, 'answers.json'))}, 'utf8'));\n` +
        `const found = answers.find(([prefix]) => args.startsWith(prefix));\n` +
        `process.stdout.write(found ? found[1] + '\\n' : '');\n`,
    );
    chmodSync(join(dir, 'aws'), 0o755);
    const result = spawnSync('bash', [script, ...args], {
      env: { PATH: `${dir}:/usr/bin:/bin`, MIGRATE_POLL_SECONDS: '0' },
      encoding: 'utf8',
    });
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n');
    return { status: result.status, stderr: result.stderr, calls };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tools/deploy/rollback.sh', () => {
  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', ROLLBACK])).not.toThrow();
  });

  it('points each service at the active revision before the one it runs, then waits for stability', () => {
    const family = 'contingency-prod-upload-gateway';
    const run = withFakeAws(
      [
        [
          'ecs list-services',
          `${ARN}:service/contingency-prod/upload-gateway\t${ARN}:service/contingency-prod/casie-adapter`,
        ],
        [
          'ecs describe-services --cluster contingency-prod --services upload-gateway',
          `${ARN}:task-definition/${family}:12`,
        ],
        [
          'ecs describe-services --cluster contingency-prod --services casie-adapter',
          `${ARN}:task-definition/contingency-prod-casie-adapter:7`,
        ],
        // Newest first; 11 was deregistered, and a longer family shares the prefix.
        [
          `ecs list-task-definitions --family-prefix ${family}`,
          [`${family}-canary:3`, `${family}:12`, `${family}:10`, `${family}:9`]
            .map((r) => `${ARN}:task-definition/${r}`)
            .join('\t'),
        ],
        [
          'ecs list-task-definitions --family-prefix contingency-prod-casie-adapter',
          `${ARN}:task-definition/contingency-prod-casie-adapter:7\t${ARN}:task-definition/contingency-prod-casie-adapter:6`,
        ],
      ],
      ROLLBACK,
      ['contingency-prod'],
    );
    expect(run.stderr).toContain(
      'upload-gateway contingency-prod-upload-gateway:12 -> contingency-prod-upload-gateway:10',
    );
    expect(run.status).toBe(0);
    const changes = run.calls.filter(
      (call) => call.startsWith('ecs update-service') || call.startsWith('ecs wait'),
    );
    expect(changes).toEqual([
      `ecs update-service --cluster contingency-prod --service upload-gateway --task-definition ${ARN}:task-definition/${family}:10 --query service.taskDefinition --output text`,
      `ecs update-service --cluster contingency-prod --service casie-adapter --task-definition ${ARN}:task-definition/contingency-prod-casie-adapter:6 --query service.taskDefinition --output text`,
      'ecs wait services-stable --cluster contingency-prod --services upload-gateway casie-adapter',
    ]);
  });

  it('changes nothing when a service has no earlier revision', () => {
    const run = withFakeAws(
      [
        ['ecs describe-services', `${ARN}:task-definition/contingency-prod-simulators:1`],
        ['ecs list-task-definitions', `${ARN}:task-definition/contingency-prod-simulators:1`],
      ],
      ROLLBACK,
      ['contingency-prod', 'simulators'],
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('simulators has no revision before contingency-prod-simulators:1');
    expect(run.calls.filter((call) => call.startsWith('ecs update-service'))).toEqual([]);
  });
});

describe('tools/deploy/run-migrate.sh', () => {
  const network =
    '{"awsvpcConfiguration":{"subnets":["subnet-1"],"securityGroups":["sg-1"],"assignPublicIp":"DISABLED"}}';
  const task = `${ARN}:task/contingency-prod/abc`;

  it('is valid bash', () => {
    expect(() => execFileSync('bash', ['-n', RUN_MIGRATE])).not.toThrow();
  });

  it('runs the migrate task and succeeds when it exits 0', () => {
    const run = withFakeAws(
      [
        ['ecs run-task', task],
        [
          `ecs describe-tasks --cluster contingency-prod --tasks ${task} --query tasks[0].lastStatus`,
          'STOPPED',
        ],
        [
          `ecs describe-tasks --cluster contingency-prod --tasks ${task} --query tasks[0].containers[0].exitCode`,
          '0',
        ],
      ],
      RUN_MIGRATE,
      ['contingency-prod', `${ARN}:task-definition/contingency-prod-migrate:4`, network],
    );
    expect(run.status).toBe(0);
    expect(run.calls[0]).toBe(
      `ecs run-task --cluster contingency-prod --task-definition ${ARN}:task-definition/contingency-prod-migrate:4 --launch-type FARGATE --started-by migrate --network-configuration ${network} --query tasks[0].taskArn --output text`,
    );
  });

  it('fails the deployment when the migrations fail', () => {
    const run = withFakeAws(
      [
        ['ecs run-task', task],
        [
          `ecs describe-tasks --cluster contingency-prod --tasks ${task} --query tasks[0].lastStatus`,
          'STOPPED',
        ],
        [
          `ecs describe-tasks --cluster contingency-prod --tasks ${task} --query tasks[0].containers[0].exitCode`,
          '1',
        ],
        [
          `ecs describe-tasks --cluster contingency-prod --tasks ${task} --query tasks[0].stoppedReason`,
          'Essential container in task exited',
        ],
      ],
      RUN_MIGRATE,
      ['contingency-prod', `${ARN}:task-definition/contingency-prod-migrate:4`, network],
    );
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('migrate: failed (exit code 1, Essential container in task exited)');
  });
});
