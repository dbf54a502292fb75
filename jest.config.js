/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    // swc strips types without type-checking: `npm run typecheck` (in CI) does that once for the whole tree.
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup-jest.ts'],
  // Jest's default on a 2-core machine is one worker; the helm and terraform suites mostly wait on
  // child processes, so two workers overlap them with the rest.
  maxWorkers: 2,
  testTimeout: 60000,
};
