/**
 * `acrkit start` (what `npm start` runs): synthesize the fleet example and summarize it.
 */
import type { Command } from 'commander';
import { renderFleetSummary } from '../fleet-summary.js';
import type { CliContext } from '../io.js';
import { resolve } from 'node:path';

/** Registers `start`. */
export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('synthesize the fleet example (examples/fleet) to cdktf.out and summarize its registries')
    .option('--outdir <dir>', 'where to write the synthesized stacks', 'cdktf.out')
    .action(async (opts: { outdir: string }) => {
      const { io } = ctx;
      // Loaded here so other verbs never load cdktf or the provider (one at a time: jest's
      // ESM loader races on concurrent imports that share modules).
      const { App } = await import('cdktf');
      const { buildFleet } = await import('../../../examples/fleet/main.js');
      const { registriesOf } = await import('../../constructs/registries-of.js');
      const outdir = resolve(io.cwd, opts.outdir);
      const app = buildFleet(new App({ outdir }));
      app.synth();
      const specs = registriesOf(app);
      io.out(`acrkit: synthesized the fleet example to ${opts.outdir}/stacks (${app.node.children.length} stacks)\n\n`);
      io.out(`${renderFleetSummary(specs)}\n`);
    });
}
