/**
 * Review of the permissions mode: switching to ABAC flags every principal that loses access
 * (with the repository role to assign first), switching back flags the access that widens; and
 * a review with a live export on one side reports drift from the configuration.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { AcrStack } from '../../lib/constructs/acr-stack.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';
import { normalizeSpec } from '../../lib/model/normalize.js';
import type { RegistrySpec, RegistrySpecInput, RoleAssignmentSpec } from '../../lib/model/registry-spec.js';
import { classifyRegistry, registryKey } from '../../lib/review/diff.js';
import { alignLiveRegistries } from '../../lib/review/drift.js';
import { fromArm } from '../../lib/sources/from-arm.js';
import { runReview } from '../../lib/workflows/review.js';
import { runCli } from '../support/cli.js';

const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;
const CLUSTER = '11111111-1111-1111-1111-111111111111';
const CI = '22222222-2222-2222-2222-222222222222';

const ra = (address: string, roleName: string, principalId: string, condition: string | null = null): RoleAssignmentSpec => ({ address, principalId, roleName, condition, scope: 'registry' });
const spec = (over: Partial<RegistrySpecInput>): RegistrySpec =>
  normalizeSpec({ address: 'azurerm_container_registry.main', source: { kind: 'hcl', file: 'main.tf' }, name: 'acrkitreview1', resourceGroupName: 'rg', location: 'westeurope', tier: 'Standard', ...over });

describe('permissions mode switch', () => {
  const legacy = [ra('azurerm_role_assignment.cluster', 'AcrPull', CLUSTER), ra('azurerm_role_assignment.ci', 'AcrPush', CI)];

  test('rbac -> rbac-abac with legacy assignments: an access loss for each principal, with the role to assign first', () => {
    const change = classifyRegistry(spec({ roleAssignments: legacy }), spec({ permissionsMode: 'rbac-abac', roleAssignments: legacy }));
    expect(change.accessLoss).toBe(true);
    expect(change.destructive).toBe(false);
    const loss = change.reasons.filter((r) => r.kind === 'access-loss').map((r) => r.message);
    expect(loss).toEqual([
      `switching permissionsMode to 'rbac-abac' (role_assignment_mode = "AbacRepositoryPermissions") ends the pull access AcrPull gives principal ${CLUSTER} (azurerm_role_assignment.cluster): assign Container Registry Repository Reader to it (limited to its repositories) in an earlier change, then switch.`,
      `switching permissionsMode to 'rbac-abac' (role_assignment_mode = "AbacRepositoryPermissions") ends the push and pull access AcrPush gives principal ${CI} (azurerm_role_assignment.ci): assign Container Registry Repository Writer to it (limited to its repositories) in an earlier change, then switch.`,
      expect.stringMatching(/^switching permissionsMode to 'rbac-abac' also ends AcrPull, AcrPush and AcrDelete assignments made outside this configuration .* and the default data-plane access of ACR Tasks/),
    ]);
    expect(change.attributes.map((a) => a.name)).toContain('role_assignment_mode');
  });

  test('a replacement added in the same change is too late; one assigned before is not flagged', () => {
    const reader = ra('azurerm_role_assignment.cluster_reader', 'Container Registry Repository Reader', CLUSTER);
    const sameChange = classifyRegistry(spec({ roleAssignments: legacy }), spec({ permissionsMode: 'rbac-abac', roleAssignments: [...legacy, reader] }));
    expect(sameChange.reasons[0]!.message).toContain('the Container Registry Repository Reader assignment this change adds may apply up to 10 minutes after the switch; assign it in an earlier change');
    const earlier = classifyRegistry(spec({ roleAssignments: [...legacy, reader] }), spec({ permissionsMode: 'rbac-abac', roleAssignments: [...legacy, reader] }));
    expect(earlier.reasons.filter((r) => r.kind === 'access-loss').map((r) => r.message).filter((m) => m.includes(CLUSTER))).toEqual([]);
    expect(earlier.reasons.filter((r) => r.kind === 'access-loss').some((m) => m.message.includes(CI))).toBe(true);
  });

  test('rbac-abac -> rbac: access widens (flagged), nothing is lost', () => {
    const scoped = ra('azurerm_role_assignment.team_a', 'Container Registry Repository Reader', CLUSTER, "((!(ActionMatches{'x'})) OR (@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'team-a/'))");
    const change = classifyRegistry(spec({ permissionsMode: 'rbac-abac', roleAssignments: [scoped, legacy[0]!] }), spec({ roleAssignments: [scoped, legacy[0]!] }));
    expect(change.accessLoss).toBeUndefined();
    expect(change.reasons.map((r) => r.kind)).toEqual(['access-widened']);
    expect(change.reasons[0]!.message).toMatch(
      new RegExp(`^switching permissionsMode back to 'rbac' \\(legacy\\) makes .* grant registry-wide data-plane access again \\(AcrPull gives principal ${CLUSTER} pull on every repository\\), and that mode takes no repository conditions \\(azurerm_role_assignment.team_a\\)`),
    );
  });

  test('no switch, no flag; the role assignments show as a list that changes', () => {
    const change = classifyRegistry(spec({ roleAssignments: [legacy[0]!] }), spec({ roleAssignments: legacy }));
    expect(change.reasons).toEqual([]);
    expect(change.attributes.find((a) => a.name === 'role assignments')).toMatchObject({ before: [`AcrPull to ${CLUSTER}`], after: [`AcrPull to ${CLUSTER}`, `AcrPush to ${CI}`] });
  });
});

describe('drift: a live export against the configuration', () => {
  /** A cdktf.out with the registry of test/fixtures/arm/live.json, retention changed to 14 days. */
  function cdktfOut(): string {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-drift-'));
    const stackDir = join(dir, 'cdktf.out', 'stacks', 'prod');
    mkdirSync(stackDir, { recursive: true });
    const stack = new AcrStack(Testing.app(), 'prod', { backend: 'local' });
    new ContainerRegistry(stack, 'registry', {
      name: 'acrkitarm01', resourceGroupName: 'rg-acr', location: 'westeurope', tier: 'Premium', replicas: [{ location: 'eastus' }, { location: 'southeastasia' }],
      retentionDays: 14, exportEnabled: false, permissionsMode: 'rbac-abac', armAudienceAuth: false, tags: { env: 'prod' },
      network: { publicAccess: false, privateEndpoints: [{ subnetId: '/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] }] },
    });
    writeFileSync(join(stackDir, 'cdk.tf.json'), Testing.synth(stack));
    return dir;
  }

  test('acrkit review --base live.json --head cdktf.out reports drift on the registry the two share', async () => {
    const dir = cdktfOut();
    writeFileSync(join(dir, 'live.json'), readFileSync(join(FIXTURES, 'arm/live.json')));
    const r = await runReview({ base: ['live.json'], head: ['cdktf.out'] }, { cwd: dir });
    expect(r.inputErrors).toEqual([]);
    const registries = r.changes.filter((c) => c.type === 'azurerm_container_registry');
    expect(registries).toHaveLength(1);
    const [c] = registries;
    expect(c).toMatchObject({ address: expect.stringMatching(/^azurerm_container_registry\.registry_/), action: 'update' });
    expect(c!.attributes.find((a) => a.name === 'retention_policy_in_days')).toMatchObject({ before: 7, after: 14 });
    const drift = c!.reasons.filter((x) => x.kind === 'drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]!.message).toMatch(/^the registry differs from the configuration: .*retention_policy_in_days.* not what the configuration says; applying the configuration changes it back/);
  });

  test('alignment: a live registry takes the address and construct path of the configured one with its Azure name', () => {
    const [live] = fromArm(JSON.parse(readFileSync(join(FIXTURES, 'arm/live.json'), 'utf8')), 'live.json').registries;
    const configured = { ...spec({ name: 'ACRKITARM01' }), address: 'azurerm_container_registry.registry_1A2B3C4D', source: { kind: 'cdk-tf-json' as const, file: 'cdk.tf.json', constructPath: 'prod/registry/registry' } };
    const { base, head } = alignLiveRegistries([live!], [configured]);
    expect(registryKey(base[0]!)).toBe(registryKey(head[0]!));
    expect(base[0]!.source.kind).toBe('live');
    // Without a match (another name) the live registry keeps its own identity.
    expect(alignLiveRegistries([live!], [spec({ name: 'other0000' })]).base[0]!.address).toBe('Microsoft.ContainerRegistry/registries/acrkitarm01');
  });
});

describe('access loss and the verdict', () => {
  const tf = (mode: string): string => `terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = ">= 4.81.0"
    }
  }
}

resource "azurerm_container_registry" "main" {
  name                 = "acrkitaccess01"
  resource_group_name  = "rg-acr"
  location             = "westeurope"
  sku                  = "Premium"
  admin_enabled        = false
  role_assignment_mode = "${mode}"
}

resource "azurerm_role_assignment" "cluster_pull" {
  scope                = azurerm_container_registry.main.id
  role_definition_name = "AcrPull"
  principal_id         = "${CLUSTER}"
}
`;

  test("a switch to rbac-abac that ends an identity's pull access fails the review, unless --allow-access-loss", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acrkit-access-loss-'));
    mkdirSync(join(dir, 'base'));
    mkdirSync(join(dir, 'head'));
    writeFileSync(join(dir, 'base/main.tf'), tf('LegacyRegistryPermissions'));
    writeFileSync(join(dir, 'head/main.tf'), tf('AbacRepositoryPermissions'));
    const args = ['review', '--base', 'base', '--head', 'head', '--format', 'json', '--fail-on', 'never'];
    const failed = await runCli(args, { cwd: dir });
    expect(failed.code).toBe(1);
    const review = JSON.parse(failed.stdout) as { verdict: string; reasons: Array<{ kind: string; fails: boolean; message: string }> };
    expect(review.verdict).toBe('fail');
    expect(review.reasons).toEqual([
      { kind: 'access-loss', count: 1, fails: true, message: '1 change ends data-plane access an identity has: give it a repository role in an earlier change (see the change), or accept it with --allow-access-loss.' },
    ]);
    const allowed = await runCli([...args, '--allow-access-loss'], { cwd: dir });
    expect(allowed.code).toBe(0);
    const accepted = JSON.parse(allowed.stdout) as typeof review;
    expect(accepted.verdict).toBe('pass');
    expect(accepted.reasons).toEqual([{ kind: 'access-loss', count: 1, fails: false, message: '1 change ends data-plane access an identity has, allowed by --allow-access-loss.' }]);
    // The Markdown comment says the same.
    const md = await runCli(['review', '--base', 'base', '--head', 'head', '--fail-on', 'never'], { cwd: dir });
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('or accept it with --allow-access-loss');
  });
});
