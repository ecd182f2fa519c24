/**
 * The review as JSON, in the shape lib/review/review.schema.json documents.
 */
import type { ReviewResult } from '../../review/review-types.js';
import { toJsonFinding, type JsonFinding } from '../check/json.js';

/** The JSON review document. */
export interface JsonReview {
  /** Schema version of this document (2: `verdict` is `pass` or `fail`, the line is `summary`). */
  readonly version: 2;
  /** `fail` when any reason fails the review, else `pass`. */
  readonly verdict: ReviewResult['verdict'];
  /** What fails the review and what it warns about (`fails` tells which). */
  readonly reasons: ReviewResult['reasons'];
  /** The review in one line, as the comment shows it (without its status mark). */
  readonly summary: string;
  /** 0 pass, 1 fail, 2 bad input. */
  readonly exitCode: 0 | 1 | 2;
  /** Changes (registries first). */
  readonly changes: ReviewResult['changes'];
  /** Findings delta (`removed`: base findings of registries head no longer has). */
  readonly findings: { readonly new: JsonFinding[]; readonly fixed: JsonFinding[]; readonly removed: JsonFinding[]; readonly unchanged: JsonFinding[]; readonly suppressed: JsonFinding[] };
  /**
   * Registries in the inputs.
   * @default - not counted
   */
  readonly registries?: number;
  /** Resources a plan changes that the review does not cover (counted, never listed). */
  readonly otherResources: number;
  /** Cost delta. */
  readonly cost: ReviewResult['cost'];
  /**
   * Simulation delta.
   * @default - no scenario
   */
  readonly simulation?: ReviewResult['simulation'];
  /** Inputs that could not be read. */
  readonly inputErrors: ReadonlyArray<{ readonly file: string; readonly line?: number; readonly pointer?: string; readonly reason: string }>;
}

/** Builds the JSON review. */
export function toJsonReview(r: ReviewResult): JsonReview {
  return {
    version: 2,
    verdict: r.verdict,
    reasons: r.reasons,
    summary: r.summary,
    exitCode: r.exitCode,
    changes: r.changes,
    findings: {
      new: r.findings.new.map(toJsonFinding),
      fixed: r.findings.fixed.map(toJsonFinding),
      removed: (r.findings.removed ?? []).map(toJsonFinding),
      unchanged: r.findings.unchanged.map(toJsonFinding),
      suppressed: r.findings.suppressed.map(toJsonFinding),
    },
    ...(r.registries !== undefined ? { registries: r.registries } : {}),
    otherResources: r.otherResources ?? 0,
    cost: r.cost,
    ...(r.simulation ? { simulation: r.simulation } : {}),
    inputErrors: r.inputErrors.map((e) => ({ ...e.location, reason: e.reason })),
  };
}

/** Renders the JSON review (2-space indented). */
export function renderReviewJson(r: ReviewResult): string {
  return JSON.stringify(toJsonReview(r), null, 2);
}
