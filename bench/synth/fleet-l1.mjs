// The same 100 registries written by hand as L1 resources. argv[3] = 'deep' | 'barrel'.
import { App, LocalBackend, TerraformStack } from 'cdktf';

const barrel = process.argv[3] === 'barrel';
const lib = '@cdktf/provider-azurerm/lib';
const load = async (path, name) => (barrel ? (await import('@cdktf/provider-azurerm'))[name.ns][name.cls] : (await import(`${lib}/${path}/index.js`))[name.cls]);
const [AzurermProvider, ContainerRegistry, PrivateEndpoint, MonitorDiagnosticSetting, ManagementLock] = await Promise.all([
  load('provider', { ns: 'provider', cls: 'AzurermProvider' }),
  load('container-registry', { ns: 'containerRegistry', cls: 'ContainerRegistry' }),
  load('private-endpoint', { ns: 'privateEndpoint', cls: 'PrivateEndpoint' }),
  load('monitor-diagnostic-setting', { ns: 'monitorDiagnosticSetting', cls: 'MonitorDiagnosticSetting' }),
  load('management-lock', { ns: 'managementLock', cls: 'ManagementLock' }),
]);

const app = new App({ outdir: process.argv[2] });
const stack = new TerraformStack(app, 'fleet');
new AzurermProvider(stack, 'azurerm', { features: [{}] });
new LocalBackend(stack, { path: 'terraform.fleet.tfstate' });
for (let i = 0; i < 100; i++) {
  const name = `acrbench${String(i).padStart(3, '0')}`;
  const r = new ContainerRegistry(stack, `registry${i}`, {
    name,
    resourceGroupName: 'rg-bench',
    location: 'westeurope',
    sku: 'Premium',
    adminEnabled: false,
    anonymousPullEnabled: false,
    exportPolicyEnabled: false,
    publicNetworkAccessEnabled: false,
    networkRuleBypassOption: 'AzureServices',
    networkRuleSet: [],
    zoneRedundancyEnabled: true,
    georeplications: [
      { location: 'eastus', zoneRedundancyEnabled: true, regionalEndpointEnabled: true, tags: {} },
      { location: 'southeastasia', zoneRedundancyEnabled: true, regionalEndpointEnabled: true, tags: {} },
    ],
  });
  new PrivateEndpoint(stack, `pe${i}`, {
    name: `pe-${name}-0`,
    resourceGroupName: 'rg-bench',
    location: 'westeurope',
    subnetId: '/subnets/pe',
    privateServiceConnection: { name: `psc-${name}-0`, isManualConnection: false, privateConnectionResourceId: r.id, subresourceNames: ['registry'] },
    privateDnsZoneGroup: { name: 'registry', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] },
  });
  new MonitorDiagnosticSetting(stack, `diag${i}`, {
    name: 'acrkit-all-logs-metrics',
    targetResourceId: r.id,
    logAnalyticsWorkspaceId: '/workspaces/logs',
    enabledLog: [{ categoryGroup: 'allLogs' }],
    enabledMetric: [{ category: 'AllMetrics' }],
  });
  new ManagementLock(stack, `lock${i}`, { name: `lock-${name}`, scope: r.id, lockLevel: 'CanNotDelete' });
}
app.synth();
