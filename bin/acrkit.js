#!/usr/bin/env node
// The acrkit CLI: the bundle of dist/lib/cli/main.js that `npm run build` writes (bin/bundle-cli.mjs).
import { main } from '../dist/lib/cli-bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
