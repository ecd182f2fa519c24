import { Testing } from 'cdktf';
import { ContainerRegistry as L1 } from '@cdktf/provider-azurerm/lib/container-registry/index.js';
import { ContainerRegistry } from '../../lib/constructs/container-registry.js';

test('smoke', () => {
  const out = Testing.synthScope((s) => {
    new ContainerRegistry(s, 'r', { name: 'acrsmoke01', resourceGroupName: 'rg', location: 'westeurope', tier: 'Basic' });
  });
  expect(out).toHaveResourceWithProperties(L1, { sku: 'Basic', admin_enabled: false });
});
