/**
 * `acrkit start` (what `npm start` runs): synthesize the fleet example, summarize it, check it
 * with every policy pack, and run the default what-if on it.
 */
import type { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { summarize, type Finding } from '../../policy/finding.js';
import { counted } from '../../format/counts.js';
import { renderFleetSummary } from '../../report/fleet-summary.js';
import type { CliContext } from '../io.js';
import { integerAtLeast } from '../options.js';

/** One line per registry: its unsuppressed findings by severity. */
export function findingsByRegistry(findings: readonly Finding[]): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = f.location.constructPath?.replace(/\/registry$/, '') ?? f.address;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups].map(([address, list]) => {
    const s = summarize(list);
    const ids = list.filter((f) => !f.suppressed && f.status !== 'unknown').map((f) => f.ruleId);
    return `  ${address}: ${counted(s.error, 'error')}, ${counted(s.warning, 'warning')}, ${s.info} info${ids.length ? ` (${[...new Set(ids)].join(', ')})` : ''}`;
  });
}

/** Registers `start`. */
export function registerStart(program: Command, ctx: CliContext): void {
  program
    .command('start')
    .description('synthesize the fleet example (examples/fleet) to cdktf.out, summarize, check and what-if it')
    .option('--outdir <dir>', 'where to write the synthesized stacks', 'cdktf.out')
    .option('--runs <n>', "Monte Carlo runs of the what-if (default: the scenario's)", integerAtLeast('--runs', 1))
    .option('--report <file>', 'where to write the what-if HTML report', 'acrkit-report/what-if.html')
    .action(async (opts: { outdir: string; runs?: number; report: string }) => {
      const { io } = ctx;
      // Loaded here so other verbs never load cdktf or the provider (one at a time: jest's
      // ESM loader races on concurrent imports that share modules).
      const { requireConstructPeers } = await import('../../peers.js');
      requireConstructPeers('acrkit start (it synthesizes the fleet example with cdktf)');
      const { App } = await import('cdktf');
      const { buildFleet } = await import('../../../examples/fleet/main.js');
      const { registriesOf } = await import('../../constructs/registries-of.js');
      const outdir = resolve(io.cwd, opts.outdir);
      mkdirSync(outdir, { recursive: true }); // cdktf writes into it but does not create it
      // The demo synthesizes locally and its what-if selects registries by their example names.
      const app = buildFleet(new App({ outdir }), { nameSuffix: '' });
      app.synth();
      const specs = registriesOf(app);
      io.out(`acrkit: synthesized the fleet example to ${opts.outdir}/stacks (${app.node.children.length} stacks)\n\n`);
      io.out(`${renderFleetSummary(specs)}\n`);

      const { runCheck } = await import('../../workflows/check.js');
      const check = await runCheck([outdir], { cwd: io.cwd });
      const s = check.result.report.summary;
      io.out(`\nPolicy (acrkit check ${opts.outdir}): ${counted(s.error, 'error')}, ${counted(s.warning, 'warning')}, ${s.info} info, ${s.suppressed} suppressed, ${s.unknown} unknown\n`);
      io.out(`${findingsByRegistry(check.result.report.findings).join('\n')}\n`);

      const { defaultWhatIf } = await import('../../workflows/what-if.js');
      const { headline } = await import('../../report/simulation/headline.js');
      const result = await defaultWhatIf(specs, { ...(opts.runs ? { runs: opts.runs } : {}) });
      io.out(`\n${headline(result)}\n`);
      const { writeSimulationReport } = await import('../../workflows/write-report.js');
      const path = await writeSimulationReport(result, resolve(io.cwd, opts.report));
      io.out(`\nWhat-if report (HTML, opens offline): ${path}\n`);
    });
}
