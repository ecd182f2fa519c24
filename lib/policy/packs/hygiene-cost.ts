/** The `hygiene-cost` pack: storage hygiene, right-sizing, deprecations, observability. */
import type { Rule } from '../rule.js';
import { NamingConvention } from '../rules/NamingConvention.js';
import { ContentTrustDeprecated } from '../rules/ContentTrustDeprecated.js';
import { DiagnosticsPresent } from '../rules/DiagnosticsPresent.js';
import { RetentionEnabled } from '../rules/RetentionEnabled.js';
import { TierRightSized } from '../rules/TierRightSized.js';

/** Rules of the hygiene-cost pack, in id order. */
export const HYGIENE_COST_RULES: readonly Rule[] = [RetentionEnabled, TierRightSized, ContentTrustDeprecated, DiagnosticsPresent, NamingConvention,
];
