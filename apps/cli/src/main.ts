import { nodeDeps, runCli } from '@contingency/cli';

// The SRE and automation CLI over the REST API: `npm run cli -- --help`.
void runCli(process.argv.slice(2), nodeDeps()).then((code) => {
  process.exitCode = code;
});
