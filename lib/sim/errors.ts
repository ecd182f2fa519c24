/**
 * Errors the simulator throws on purpose.
 */
import { AcrkitError } from '../errors.js';

/** A registry cannot be simulated as loaded (its tier or home region is not known statically). */
export class SimulationInputError extends AcrkitError {
  override name = 'SimulationInputError' as const;
  constructor(
    /** Address of the registry. */
    readonly address: string,
    /** What is missing, with the fix. */
    readonly reason: string,
  ) {
    super(`registry ${address}: ${reason}`);
  }
}

/** A Monte Carlo worker thread failed. */
export class SimulationWorkerError extends AcrkitError {
  override name = 'SimulationWorkerError' as const;
  constructor(
    /** The worker's message. */
    readonly detail: string,
  ) {
    super(`simulation worker failed: ${detail}`);
  }
}

/** A Monte Carlo was stopped before its end (SIGINT, SIGTERM, or an abort signal). */
export class SimulationInterruptedError extends AcrkitError {
  override name = 'SimulationInterruptedError' as const;
  constructor(
    /** What stopped it, e.g. `SIGINT`. */
    readonly reason: string,
  ) {
    super(`simulation interrupted (${reason}): the workers were stopped and nothing was written`);
  }
}
