#!/usr/bin/env node
// The acrkit CLI. `npm ci` builds dist/ through the prepare script.
import { main } from '../dist/lib/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
