// 100 Premium registries through acrkit: 2 replicas, private endpoint, diagnostics, lock each.
import { App } from 'cdktf';
import { AcrStack, ContainerRegistry } from '../../dist/lib/constructs/index.js';

const app = new App({ outdir: process.argv[2] });
const stack = new AcrStack(app, 'fleet', { backend: 'local' });
for (let i = 0; i < 100; i++) {
  new ContainerRegistry(stack, `registry${i}`, {
    name: `acrbench${String(i).padStart(3, '0')}`,
    resourceGroupName: 'rg-bench',
    location: 'westeurope',
    tier: 'Premium',
    replicas: [{ location: 'eastus' }, { location: 'southeastasia' }],
    network: { privateEndpoints: [{ subnetId: '/subnets/pe', privateDnsZoneIds: ['/zones/privatelink.azurecr.io'] }] },
    diagnostics: { workspaceId: '/workspaces/logs' },
    lock: 'CanNotDelete',
  });
}
app.synth();
