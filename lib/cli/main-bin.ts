/**
 * Entry point for running the CLI from source (`npm start` uses it through tsx).
 */
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
