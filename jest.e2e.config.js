/** `npm run test:e2e`: the end-to-end tests under test/e2e (the cdktf CLI, the example workflows' steps, the what-if-today example). */
import base from './jest.config.js';

/** @type {import('jest').Config} */
export default { ...base, testPathIgnorePatterns: ['/node_modules/'], testMatch: ['<rootDir>/test/e2e/**/*.test.ts'] };
