/**
 * The JSON Schema of `acrkit review --format json` (lib/review/review.schema.json).
 */
import schema from './review.schema.json' with { type: 'json' };

/** The review JSON Schema (draft-07). */
export const REVIEW_SCHEMA: Readonly<Record<string, unknown>> = schema;
