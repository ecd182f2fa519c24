/**
 * The resources a registry sits in: a resource group, and for private registries a virtual
 * network with a private-endpoint subnet, the `privatelink.azurecr.io` DNS zone and a Log
 * Analytics workspace. Examples only; bring your own in real stacks.
 */
import { Construct } from 'constructs';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace/index.js';
import { PrivateDnsZone } from '@cdktf/provider-azurerm/lib/private-dns-zone/index.js';
import { PrivateDnsZoneVirtualNetworkLink } from '@cdktf/provider-azurerm/lib/private-dns-zone-virtual-network-link/index.js';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group/index.js';
import { Subnet } from '@cdktf/provider-azurerm/lib/subnet/index.js';
import { VirtualNetwork } from '@cdktf/provider-azurerm/lib/virtual-network/index.js';

/** A resource group. */
export class ResourceGroupZone extends Construct {
  /** The group. */
  readonly group: ResourceGroup;
  constructor(scope: Construct, id: string, name: string, location: string) {
    super(scope, id);
    this.group = new ResourceGroup(this, 'rg', { name, location });
  }
}

/** A resource group with a private network, DNS zone and workspace. */
export class PrivateLandingZone extends ResourceGroupZone {
  /** Subnet for private endpoints. */
  readonly endpointSubnetId: string;
  /** The privatelink.azurecr.io zone id. */
  readonly dnsZoneId: string;
  /** Log Analytics workspace id. */
  readonly workspaceId: string;

  constructor(scope: Construct, id: string, name: string, location: string) {
    super(scope, id, name, location);
    const rg = this.group.name;
    const vnet = new VirtualNetwork(this, 'vnet', { name: `vnet-${name}`, resourceGroupName: rg, location, addressSpace: ['10.20.0.0/16'] });
    const subnet = new Subnet(this, 'endpoints', {
      name: 'private-endpoints',
      resourceGroupName: rg,
      virtualNetworkName: vnet.name,
      addressPrefixes: ['10.20.1.0/24'],
    });
    const zone = new PrivateDnsZone(this, 'acr-zone', { name: 'privatelink.azurecr.io', resourceGroupName: rg });
    new PrivateDnsZoneVirtualNetworkLink(this, 'acr-zone-link', {
      name: 'acr-zone-link',
      resourceGroupName: rg,
      privateDnsZoneName: zone.name,
      virtualNetworkId: vnet.id,
    });
    const workspace = new LogAnalyticsWorkspace(this, 'logs', {
      name: `log-${name}`,
      resourceGroupName: rg,
      location,
      sku: 'PerGB2018',
      retentionInDays: 30,
    });
    this.endpointSubnetId = subnet.id;
    this.dnsZoneId = zone.id;
    this.workspaceId = workspace.id;
  }
}
