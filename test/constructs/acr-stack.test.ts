import { Testing } from 'cdktf';
import { AcrStack, resolveBackend } from '../../lib/constructs/acr-stack.js';

const ENV = { ACRKIT_BACKEND: 'azurerm', ACRKIT_STATE_RESOURCE_GROUP: 'rg-state', ACRKIT_STATE_STORAGE_ACCOUNT: 'ststate', ACRKIT_STATE_CONTAINER: 'tfstate' };

describe('AcrStack backends', () => {
  test('local by default', () => {
    const stack = new AcrStack(Testing.app(), 'dev', { env: {} });
    const json = JSON.parse(Testing.synth(stack));
    expect(stack.backendKind).toBe('local');
    expect(json.terraform.backend.local.path).toBe('terraform.dev.tfstate');
    expect(json.provider.azurerm[0].features).toEqual([{}]);
  });

  test('azurerm from the environment, keyed by stack', () => {
    const stack = new AcrStack(Testing.app(), 'prod', { env: ENV });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.terraform.backend.azurerm).toEqual({
      resource_group_name: 'rg-state', storage_account_name: 'ststate', container_name: 'tfstate', key: 'prod.tfstate', use_azuread_auth: true,
    });
  });

  test('azurerm from props', () => {
    const stack = new AcrStack(Testing.app(), 'prod', { backend: { resourceGroupName: 'a', storageAccountName: 'b', containerName: 'c', key: 'k.tfstate' } });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.azurerm.key).toBe('k.tfstate');
  });

  test('a half-set environment is a clear error', () => {
    expect(() => resolveBackend('env', { ACRKIT_BACKEND: 'azurerm', ACRKIT_STATE_CONTAINER: 'c' })).toThrow(
      'ACRKIT_BACKEND=azurerm needs ACRKIT_STATE_RESOURCE_GROUP, ACRKIT_STATE_STORAGE_ACCOUNT, got none for them: set them or unset ACRKIT_BACKEND.',
    );
    expect(() => resolveBackend('env', { ACRKIT_BACKEND: 's3' })).toThrow(/ACRKIT_BACKEND must be 'local' or 'azurerm', got 's3'/);
  });
});
