/** @type {import('jest').Config} */
export default {
  preset: 'ts-jest/presets/default-esm',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // End-to-end tests through the cdktf CLI and the example workflow: `npm run test:e2e` (CI runs it).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
  setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 60000,
  // Both cores: jest's default (cores - 1) runs the suites one after another on a 2-core machine.
  maxWorkers: 2,
};
