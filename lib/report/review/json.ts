/**
 * The review as JSON, in the shape lib/review/review.schema.json documents.
 */
import type { ReviewResult } from '../../review/review-types.js';
import { toJsonFinding, type JsonFinding } from '../check/json.js';

/** The JSON review document. */
export interface JsonReview {
  /** Schema version of this document. */
  readonly version: 1;
  /** One-line verdict. */
  readonly verdict: string;
  /** 0 ok, 1 fails the review, 2 bad input. */
  readonly exitCode: 0 | 1 | 2;
  /** Changes (registries first). */
  readonly changes: ReviewResult['changes'];
  /** Findings delta. */
  readonly findings: { readonly new: JsonFinding[]; readonly fixed: JsonFinding[]; readonly unchanged: JsonFinding[]; readonly suppressed: JsonFinding[] };
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
    version: 1,
    verdict: r.verdict,
    exitCode: r.exitCode,
    changes: r.changes,
    findings: {
      new: r.findings.new.map(toJsonFinding),
      fixed: r.findings.fixed.map(toJsonFinding),
      unchanged: r.findings.unchanged.map(toJsonFinding),
      suppressed: r.findings.suppressed.map(toJsonFinding),
    },
    cost: r.cost,
    ...(r.simulation ? { simulation: r.simulation } : {}),
    inputErrors: r.inputErrors.map((e) => ({ ...e.location, reason: e.reason })),
  };
}

/** Renders the JSON review (2-space indented). */
export function renderReviewJson(r: ReviewResult): string {
  return JSON.stringify(toJsonReview(r), null, 2);
}
