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
