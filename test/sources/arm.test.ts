/**
 * ARM JSON inputs: an ARM template, `az bicep build` output and a live export (az acr show with
 * the registry's other az lists) of one registry give the same RegistrySpec and the same findings
 * as the equivalent .tf (test/fixtures/arm/equivalent/main.tf); template expressions that cannot
 * be known are Unknown; problems come back with the file and the JSON pointer. Also the new
 * registry settings from .tf, cdk.tf.json, plan JSON and AzAPI bodies.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RegistrySpec, ReplicaSpec } from '../../lib/model/registry-spec.js';
import { isUnknown } from '../../lib/model/unknown.js';
import { evaluate } from '../../lib/policy/engine.js';
import type { Finding } from '../../lib/policy/finding.js';
import { fromArm, isArmJson } from '../../lib/sources/from-arm.js';
import { fromPlan } from '../../lib/sources/from-plan.js';
import { fromTfJson } from '../../lib/sources/from-tf-json.js';
import { runCheck } from '../../lib/workflows/check.js';
import { loadInputs } from '../../lib/workflows/load-inputs.js';

const cwd = new URL('../fixtures/', import.meta.url).pathname.replace(/\/$/, '');
const read = (f: string): unknown => JSON.parse(readFileSync(`${cwd}/arm/${f}`, 'utf8'));
const SHAPES = [
  ['template.json', 'arm-template'],
  ['bicep-build.json', 'bicep'],
  ['live.json', 'live'],
] as const;

/** A spec without where it came from: addresses and source, and the resource group a template leaves to the deployment. */
function content(s: RegistrySpec): unknown {
  return {
    ...s,
    address: undefined,
    source: undefined,
    resourceGroupName: undefined,
    network: { ...s.network, privateEndpoints: s.network.privateEndpoints.map((p) => ({ ...p, address: undefined })) },
    roleAssignments: s.roleAssignments.map((r) => ({ ...r, address: undefined })),
    diagnosticSettings: s.diagnosticSettings.map((d) => ({ ...d, address: undefined })),
    locks: s.locks.map((l) => ({ ...l, address: undefined })),
  };
}

/** Findings as rule, severity, status and message, the companion addresses of the input's registry replaced. */
function findings(list: readonly Finding[], spec: RegistrySpec): string[] {
  const addresses = [...spec.roleAssignments.map((r) => r.address), ...spec.locks.map((l) => l.address), ...spec.diagnosticSettings.map((d) => d.address)];
  return list.map((f) => {
    let m = f.message;
    addresses.forEach((a, i) => (m = m.split(a).join(`<companion ${i}>`)));
    return `${f.ruleId} ${f.severity} ${f.status}: ${m}`;
  });
}

describe('ARM inputs', () => {
  let tf: RegistrySpec[];
  beforeAll(async () => {
    const r = await loadInputs(['arm/equivalent'], { cwd });
    expect(r.errors).toEqual([]);
    tf = r.registries;
  });

  test.each(SHAPES)('%s (%s) gives the RegistrySpec of the equivalent .tf', (file, shape) => {
    const r = fromArm(read(file), file);
    expect(r.errors).toEqual([]);
    expect(r.shape).toBe(shape);
    expect(r.registries).toHaveLength(1);
    expect(content(r.registries[0]!)).toEqual(content(tf[0]!));
    expect(r.registries[0]!.source).toMatchObject({ kind: shape === 'live' ? 'live' : 'arm-template', file, pointer: shape === 'bicep' ? '/resources/registry' : shape === 'live' ? '/0' : '/resources/0' });
  });

  test.each(SHAPES)('acrkit check on %s gives the findings of the equivalent .tf', async (file) => {
    const arm = await runCheck([`arm/${file}`], { cwd });
    const hcl = await runCheck(['arm/equivalent'], { cwd });
    expect(arm.result.inputErrors).toEqual([]);
    const [armSpec] = fromArm(read(file), file).registries;
    expect(findings(arm.result.report.findings, armSpec!)).toEqual(findings(hcl.result.report.findings, tf[0]!));
    expect(arm.result.report.findings.length).toBeGreaterThan(0);
    expect(arm.exitCode).toBe(hcl.exitCode);
    // The legacy AcrPull assignment grants nothing in ABAC mode: an error, on every input alike.
    expect(arm.result.report.findings.filter((f) => f.ruleId === 'ACR-SEC-016').map((f) => f.severity)).toEqual(['error']);
  });

  test('the template resource group is Unknown (chosen at deployment); the live one is read from the id', () => {
    expect(fromArm(read('template.json'), 't').registries[0]!.resourceGroupName).toMatchObject({ unknown: true, expression: '[resourceGroup().name]' });
    expect(fromArm(read('live.json'), 'l').registries[0]!.resourceGroupName).toBe('rg-acr');
  });

  test('az acr show alone: what it does not show is Unknown, never guessed', () => {
    const [s] = fromArm(read('acr-show.json'), 'acr-show.json').registries;
    expect(s!.replicas).toMatchObject({ unknown: true, reason: 'az acr show does not list replications: pass the output of az acr replication list with it' });
    // Its private endpoint connection counts; whether the endpoint has a DNS zone group does not show.
    expect(s!.network.privateEndpoints).toHaveLength(1);
    expect(isUnknown(s!.network.privateEndpoints[0]!.dnsZoneGroup)).toBe(true);
    expect(s).toMatchObject({ permissionsMode: 'rbac-abac', armAudienceAuth: false, softDeleteDays: 0, metadataSearch: false, retentionDays: 7 });
  });

  test('az acr show and az acr replication list as two inputs of one check: one registry, the replication list alone is an error', async () => {
    const r = await loadInputs(['arm/replication-list.json'], { cwd });
    expect(r.registries).toEqual([]);
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^arm\/replication-list\.json: a live export must hold the registry \(az acr show output\), got only Microsoft\.ContainerRegistry\/registries\/replications resources/),
    ]);
  });

  test('az resource list: envelopes only, so the settings are Unknown and the replicas known by location', () => {
    const r = fromArm(read('resource-list.json'), 'resource-list.json');
    expect(r.errors).toEqual([]);
    const [s] = r.registries;
    expect(s).toMatchObject({ name: 'acrkitarm01', tier: 'Premium', location: 'westeurope', tags: { env: 'prod' } });
    expect(s!.adminEnabled).toMatchObject({ unknown: true, reason: expect.stringMatching(/az resource list prints none/) });
    expect(isUnknown(s!.permissionsMode)).toBe(true);
    expect((s!.replicas as ReplicaSpec[]).map((x) => x.location)).toEqual(['eastus']);
    // Unknown settings are reported as unknown findings, not as passes or failures.
    const admin = evaluate([s!]).findings.find((f) => f.ruleId === 'ACR-SEC-001')!;
    expect(admin.status).toBe('unknown');
  });

  test('isArmJson tells the shapes from Terraform JSON and plans', () => {
    expect(isArmJson(read('template.json'))).toBe(true);
    expect(isArmJson(read('live.json'))).toBe(true);
    expect(isArmJson({ resource: { azurerm_container_registry: {} } })).toBe(false);
    expect(isArmJson({ format_version: '1.2', planned_values: {} })).toBe(false);
  });
});

describe('ARM template expressions', () => {
  const template = (resources: unknown[], parameters: Record<string, unknown> = {}, variables: Record<string, unknown> = {}): unknown => ({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters,
    variables,
    resources,
  });

  test('a name without a default is Unknown, and its children, role assignments and webhooks still find the registry', () => {
    const doc = template(
      [
        { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: "[parameters('registryName')]", location: '[resourceGroup().location]', sku: { name: "[parameters('sku')]" }, properties: { roleAssignmentMode: "[if(parameters('abac'), 'AbacRepositoryPermissions', 'LegacyRegistryPermissions')]" } },
        { type: 'Microsoft.ContainerRegistry/registries/webhooks', apiVersion: '2025-11-01', name: "[format('{0}/{1}', parameters('registryName'), 'deployhook')]", location: '[resourceGroup().location]', properties: { serviceUri: 'http://deploy.example.com/hook', actions: ['push'], status: 'enabled' } },
        { type: 'Microsoft.ContainerRegistry/registries/tokens', apiVersion: '2025-11-01', name: "[concat(parameters('registryName'), '/partner')]", properties: { status: "[variables('tokenStatus')]" } },
        {
          type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: "[guid(resourceGroup().id, 'pull')]",
          scope: "[resourceId('Microsoft.ContainerRegistry/registries', parameters('registryName'))]",
          properties: { roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '7f951dda-4ed3-4680-a7ca-43fe172d538d')]", principalId: "[parameters('principalId')]" },
        },
      ],
      { registryName: { type: 'string' }, sku: { type: 'string', defaultValue: 'Standard', allowedValues: ['Basic', 'Standard', 'Premium'] }, abac: { type: 'bool', defaultValue: true }, principalId: { type: 'string' } },
      { tokenStatus: "[toLower('Disabled')]" },
    );
    const r = fromArm(doc, 'main.json');
    expect(r.errors).toEqual([]);
    const [s] = r.registries;
    expect(s!.name).toMatchObject({ unknown: true, reason: "parameter 'registryName' has no default value (it is given at deployment)", expression: "[parameters('registryName')]" });
    expect(s!.location).toMatchObject({ unknown: true, expression: '[resourceGroup().location]' });
    expect(s).toMatchObject({ tier: 'Standard', permissionsMode: 'rbac-abac', counts: { tokens: 1 }, enabledTokens: 0 });
    expect(s!.webhooks).toEqual([{ address: "Microsoft.ContainerRegistry/registries/webhooks at /resources/1", serviceUri: 'http://deploy.example.com/hook', actions: ['push'] }]);
    expect(s!.roleAssignments).toEqual([
      { address: 'Microsoft.Authorization/roleAssignments at /resources/3', principalId: expect.objectContaining({ unknown: true }), roleName: 'AcrPull', roleId: '7f951dda-4ed3-4680-a7ca-43fe172d538d', condition: null, scope: 'registry' },
    ]);
    // The legacy AcrPull in ABAC mode and the http webhook are found.
    const ids = evaluate([s!]).findings.map((f) => `${f.ruleId}:${f.status}`);
    expect(ids).toEqual(expect.arrayContaining(['ACR-SEC-016:non-compliant', 'ACR-SEC-010:non-compliant']));
  });

  test('conditions drop resources, property copy loops expand, nested deployments read their parameters', () => {
    const doc = template(
      [
        { condition: "[equals(parameters('env'), 'dev')]", type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acrkitskipped', location: 'westeurope', sku: { name: 'Basic' } },
        {
          type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acrkitloops01', location: 'westeurope', sku: { name: 'Premium' },
          properties: {
            publicNetworkAccess: 'Enabled',
            networkRuleSet: { defaultAction: 'Deny', copy: [{ name: 'ipRules', count: "[length(parameters('ranges'))]", input: { action: 'Allow', value: "[parameters('ranges')[copyIndex('ipRules')]]" } }] },
          },
        },
        {
          type: 'Microsoft.Resources/deployments', apiVersion: '2025-04-01', name: 'lock',
          properties: {
            expressionEvaluationOptions: { scope: 'inner' }, mode: 'Incremental',
            parameters: { target: { value: 'acrkitloops01' } },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0',
              parameters: { target: { type: 'string' } },
              resources: [{ type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', name: 'nodelete', scope: "[format('Microsoft.ContainerRegistry/registries/{0}', parameters('target'))]", properties: { level: 'CanNotDelete' } }],
            },
          },
        },
      ],
      { env: { type: 'string', defaultValue: 'prod' }, ranges: { type: 'array', defaultValue: ['203.0.113.0/24', '198.51.100.0/24'] } },
    );
    const r = fromArm(doc, 'main.json');
    expect(r.errors).toEqual([]);
    expect(r.registries.map((s) => s.name)).toEqual(['acrkitloops01']);
    expect(r.registries[0]!.network).toMatchObject({ defaultAction: 'Deny', ipRules: ['203.0.113.0/24', '198.51.100.0/24'] });
    expect(r.registries[0]!.locks).toEqual([{ address: 'Microsoft.Authorization/locks/nodelete', level: 'CanNotDelete' }]);
  });

  test('a property of the wrong type and an expression that does not parse: input errors with the file and the JSON pointer', () => {
    const doc = template([
      { type: 'Microsoft.ContainerRegistry/registries', apiVersion: '2025-11-01', name: 'acrkitbad0001', location: 'westeurope', sku: { name: 'Basic' }, properties: { adminUserEnabled: 'yes', roleAssignmentMode: 'Abac', zoneRedundancy: "[concat('a']" } },
    ]);
    const r = fromArm(doc, 'bad.json');
    expect(r.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^bad\.json#\/resources\/0: resource Microsoft\.ContainerRegistry\/registries must use valid template expressions, got .* in \[concat\('a'\]: fix the expression\.$/),
      'bad.json#/resources/0/properties/adminUserEnabled: Microsoft.ContainerRegistry/registries/acrkitbad0001: properties.adminUserEnabled must be true or false, got "yes": write true or false.',
      'bad.json#/resources/0/properties/roleAssignmentMode: Microsoft.ContainerRegistry/registries/acrkitbad0001: properties.roleAssignmentMode must be "AbacRepositoryPermissions" or "LegacyRegistryPermissions", got "Abac": write "AbacRepositoryPermissions".',
    ]);
    expect(isUnknown(r.registries[0]!.adminEnabled)).toBe(true);
    expect(isUnknown(r.registries[0]!.permissionsMode)).toBe(true);
  });
});

describe('the permissions mode and ARM-audience tokens from Terraform inputs', () => {
  test('.tf: role_assignment_mode and azuread_authentication_as_arm_policy_enabled (azurerm >= 4.81)', async () => {
    const r = await loadInputs(['arm/equivalent'], { cwd });
    expect(r.registries[0]).toMatchObject({ permissionsMode: 'rbac-abac', armAudienceAuth: false });
    expect(r.registries[0]!.roleAssignments.map((a) => [a.address, a.roleName, a.condition === null])).toEqual([
      ['azurerm_role_assignment.team_a_pull', 'Container Registry Repository Reader', false],
      ['azurerm_role_assignment.legacy_pull', 'AcrPull', true],
    ]);
  });

  test('cdk.tf.json: the arguments, and an AzAPI body that sets the mode, the ARM-audience policy and metadata search', () => {
    const doc = {
      resource: {
        azurerm_container_registry: { a: { name: 'acrkitnative', resource_group_name: 'rg', location: 'westeurope', sku: 'Basic', role_assignment_mode: 'AbacRepositoryPermissions', azuread_authentication_as_arm_policy_enabled: false } },
        azurerm_container_registry_token: { t: { name: 'partner', container_registry_name: 'x', resource_group_name: 'rg', scope_map_id: 'y', container_registry_id: '${azurerm_container_registry.b.id}', enabled: false } },
        azapi_update_resource: {
          s: { type: 'Microsoft.ContainerRegistry/registries@2025-05-01-preview', resource_id: '${azurerm_container_registry.b.id}', body: { properties: { roleAssignmentMode: 'AbacRepositoryPermissions', metadataSearch: 'Enabled', policies: { azureADAuthenticationAsArmPolicy: { status: 'disabled' } } } } },
          other: { type: 'Microsoft.Storage/storageAccounts@2023-05-01', resource_id: '${azurerm_container_registry.b.id}', body: { properties: { roleAssignmentMode: 'AbacRepositoryPermissions' } } },
        },
      },
    };
    (doc.resource.azurerm_container_registry as Record<string, unknown>).b = { name: 'acrkitazapi0', resource_group_name: 'rg', location: 'westeurope', sku: 'Basic' };
    const r = fromTfJson(doc, 'cdk.tf.json');
    expect(r.errors).toEqual([]);
    const [a, b] = r.registries;
    expect(a).toMatchObject({ permissionsMode: 'rbac-abac', armAudienceAuth: false, metadataSearch: false });
    expect(b).toMatchObject({ permissionsMode: 'rbac-abac', armAudienceAuth: false, metadataSearch: true, counts: { tokens: 1 }, enabledTokens: 0 });
  });

  test('plan JSON: role_assignment_mode as azurerm 4.81 plans it, and the AcrPull assignment scoped to the registry by id', () => {
    const r = fromPlan(JSON.parse(readFileSync(`${cwd}/plan/azurerm4-fleet.json`, 'utf8')), 'plan.json');
    const prod = r.registries.find((s) => s.name === 'contosoprod')!;
    expect(prod.permissionsMode).toBe('rbac');
    expect(prod.armAudienceAuth).toBe(true);
    expect(prod.roleAssignments.map((a) => [a.roleName, a.scope])).toEqual([['AcrPull', 'registry']]);
  });
});

describe('ARM templates in a folder walk', () => {
  /** A repository's infra folder: templates among other JSON, written for this test. */
  function infraFolder(): string {
    const top = mkdtempSync(join(tmpdir(), 'acrkit-arm-walk-'));
    const infra = join(top, 'repo', 'infra');
    mkdirSync(join(infra, 'bicep'), { recursive: true });
    copyFileSync(`${cwd}/arm/template.json`, join(infra, 'azuredeploy.json'));
    copyFileSync(`${cwd}/arm/bicep-build.json`, join(infra, 'bicep', 'main.json'));
    writeFileSync(join(top, 'repo', 'package.json'), JSON.stringify({ name: 'infra', version: '1.0.0', scripts: { build: 'az bicep build --file main.bicep' } }, null, 2));
    writeFileSync(join(infra, 'azuredeploy.parameters.json'), JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { registryName: { value: 'acrkitarm02' } } }, null, 2));
    // A template that names its schema only after 4 KiB of metadata: read only when named.
    const late = { metadata: { description: 'x'.repeat(5000) }, $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [] };
    writeFileSync(join(infra, 'late.json'), JSON.stringify(late));
    // A link to JSON outside the tree is passed over without a word: it is no input by its name.
    writeFileSync(join(top, 'outside.json'), readFileSync(`${cwd}/arm/template.json`, 'utf8'));
    symlinkSync(join(top, 'outside.json'), join(infra, 'linked.json'));
    return join(top, 'repo');
  }

  test('a walk reads the .json files whose start names a deployment template schema, and no other JSON', async () => {
    const repo = infraFolder();
    const r = await loadInputs(['.'], { cwd: repo });
    expect(r.errors.map((e) => e.message)).toEqual([]);
    expect(r.files.map((f) => [f.file, f.kind])).toEqual([
      ['infra/azuredeploy.json', 'arm'],
      ['infra/bicep/main.json', 'arm'],
    ]);
    expect(r.registries.map((x) => x.name)).toEqual(['acrkitarm01', 'acrkitarm01']);
  });

  test('check of the folder gives the template findings, as when the template is named', async () => {
    const repo = infraFolder();
    const walked = await runCheck(['infra'], { cwd: repo });
    const named = await runCheck(['infra/azuredeploy.json', 'infra/bicep/main.json'], { cwd: repo });
    expect(walked.result.report.registries).toBe(2);
    expect(walked.result.inputErrors ?? []).toEqual([]);
    expect(walked.result.report.findings.length).toBeGreaterThan(0);
    expect(JSON.stringify(walked.result)).toBe(JSON.stringify(named.result));
  });
});
