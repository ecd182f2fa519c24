import type { ScenarioInput } from '../dist/lib/sim/scenario/types.js';
/** A scenario of `count` registries of mixed tiers and presets. */
export declare function fleetScenario(count: number, runs: number, horizonDays: number): ScenarioInput;
