/**
 * JSON Schema (draft-07) of `acrkit.config.json`.
 */

/** The schema, checked with ajv when a config file is loaded. */
export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://acrkit.dev/schemas/acrkit.config.json',
  title: 'acrkit configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    packs: {
      description: 'Packs to run (default: all).',
      type: 'array',
      items: { enum: ['security', 'resilience', 'hygiene-cost', 'azure-rules'] },
      uniqueItems: true,
      minItems: 1,
    },
    failOn: { description: 'Lowest severity that fails the run (default: error).', enum: ['error', 'warning', 'info', 'never'] },
    packOptions: {
      type: 'object',
      additionalProperties: false,
      properties: {
        resilience: {
          type: 'object',
          additionalProperties: false,
          properties: {
            productionTagKey: { type: 'string', minLength: 1 },
            productionTagValues: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1 },
            productionMinReplicas: { type: 'integer', minimum: 0, maximum: 100 },
            allowedLocations: { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, description: 'Regions the registry and its replicas may be in (ACR-RES-006).' },
          },
        },
        'hygiene-cost': {
          type: 'object',
          additionalProperties: false,
          properties: {
            namePattern: { type: 'string', minLength: 1, description: 'A regular expression every registry name must match (ACR-HYG-005).' },
          },
        },
      },
    },
    suppressions: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'reason'],
        properties: {
          id: { type: 'string', pattern: '^ACR-[A-Z]+-[0-9]{3}$' },
          address: { type: 'string', minLength: 1, description: 'Registry address or construct path; trailing * matches any suffix. Default: every registry.' },
          stack: { type: 'string', minLength: 1, description: 'cdktf stack the suppression applies to (the first segment of the construct path). Default: every stack.' },
          file: { type: 'string', minLength: 1, description: 'Input file the suppression applies to, as given on the command line. Default: every file.' },
          reason: { type: 'string', minLength: 10 },
        },
      },
    },
  },
} as const;
