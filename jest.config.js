// One Jest config for the repo. @swc/jest compiles TypeScript (with decorator
// metadata) and the ESM-only NestJS/zod packages to CommonJS on the fly.
const { readFileSync } = require('node:fs');
const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
delete swcrc.$schema;

const aliases = Object.fromEntries(
  Object.entries(require('./tsconfig.base.json').compilerOptions.paths).map(([alias, [path]]) => [
    `^${alias}$`,
    `<rootDir>/${path.replace(/^\.\//, '')}`,
  ]),
);

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false, sourceMaps: 'inline' }] },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|zod|otplib|@otplib|@scure|@noble)/)'],
  moduleNameMapper: aliases,
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,e2e}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.js',
      slowTestThreshold: 30,
    },
  ],
};
