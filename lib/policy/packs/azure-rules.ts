/** The `azure-rules` pack: what Azure itself rejects at apply, caught at plan time. */
import type { Rule } from '../rule.js';
import { AzureAcceptsSpec } from '../rules/AzureAcceptsSpec.js';

/** Rules of the azure-rules pack. */
export const AZURE_RULES: readonly Rule[] = [AzureAcceptsSpec];
