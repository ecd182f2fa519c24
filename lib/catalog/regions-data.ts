/**
 * Public Azure regions: names, geography, zones, coordinates and pairs (data only).
 */
import type { RegionFacts } from './region-facts.js';
import type { Source } from './fact.js';

/** Where the region list, coordinates, zones and pairs come from. */
export const REGIONS_SOURCE: readonly Source[] = [
  {
    ref: 'Azure/terraform-azurerm-avm-utl-regions modules/cached-data/locations.tf.json @ 0caf3b86ee299c3c8a84b945316a72e31622c0ee (ARM GET /subscriptions/{id}/locations, api-version 2023-07-01, the call behind `az account list-locations`)',
    asOf: '2026-11-27',
    confirmed: true,
    note:
      'Names, display names, metadata.geography, latitude/longitude, pairedRegion and availabilityZoneMappings as the ARM locations API returned them to one subscription; asOf is the date read (the snapshot is a weekly automated refresh, exact date not recorded). Coordinates are kept exactly as Azure reports them even where they look wrong: spaincentral longitude is reported as +3.4209, a sign slip (Madrid is about -3.70), so acrkit uses -3.4209 and israelcentral is 31.27 N, 33.45 E.',
  },
  {
    ref: 'MicrosoftDocs/reliability-docs articles/reliability/regions-list.md @ 01021ab80d1aebd1d8b5de481d80a9855b487954 (ms.date 09/23/2025)',
    asOf: '2025-09-23',
    confirmed: true,
    note:
      'Cross-check of availability zone support, pairs (including the asymmetric brazilsouth -> southcentralus, westus3 -> eastus, westindia -> southindia) and geography. Lists denmarkeast as coming soon, so it is left out; jioindiawest/jioindiacentral are not in this list (Jio-restricted) and come from the locations API only.',
  },
  {
    ref: 'acrkit curation',
    asOf: '2026-11-27',
    confirmed: false,
    note:
      'Left out: sovereign clouds, EUAP/canary and stage locations, logical locations, and regions not confirmed as generally available (denmarkeast, taiwannorth, taiwannorthwest, israelnorthwest, swedensouth as a region of its own). swedencentral keeps Azure\'s listed pair swedensouth, a restricted region whose coordinates are not in the sources, so that pair names a region absent from REGIONS. westus is recorded without zones per the regions list, though some subscriptions already see zone mappings there.',
  },
];

/**
 * Every public Azure region (Azure public cloud; not sovereign/China/Gov clouds) generally
 * available in the sources of {@link REGIONS_SOURCE}, sorted by geography then canonical name.
 */
export const REGIONS: readonly RegionFacts[] = [
  // Asia Pacific
  { name: 'eastasia', displayName: 'East Asia', geography: 'Asia Pacific', availabilityZones: true, latitude: 22.267, longitude: 114.188, pairedRegion: 'southeastasia' },
  { name: 'southeastasia', displayName: 'Southeast Asia', geography: 'Asia Pacific', availabilityZones: true, latitude: 1.283, longitude: 103.833, pairedRegion: 'eastasia' },
  // Australia
  { name: 'australiacentral', displayName: 'Australia Central', geography: 'Australia', availabilityZones: false, latitude: -35.3075, longitude: 149.1244, pairedRegion: 'australiacentral2' },
  { name: 'australiacentral2', displayName: 'Australia Central 2', geography: 'Australia', availabilityZones: false, latitude: -35.3075, longitude: 149.1244, pairedRegion: 'australiacentral' },
  { name: 'australiaeast', displayName: 'Australia East', geography: 'Australia', availabilityZones: true, latitude: -33.86, longitude: 151.2094, pairedRegion: 'australiasoutheast' },
  { name: 'australiasoutheast', displayName: 'Australia Southeast', geography: 'Australia', availabilityZones: false, latitude: -37.8136, longitude: 144.9631, pairedRegion: 'australiaeast' },
  // Austria
  { name: 'austriaeast', displayName: 'Austria East', geography: 'Austria', availabilityZones: true, latitude: 48.2092056, longitude: 16.3727779 },
  // Belgium
  { name: 'belgiumcentral', displayName: 'Belgium Central', geography: 'Belgium', availabilityZones: true, latitude: 50.84553528, longitude: 4.355707169 },
  // Brazil
  { name: 'brazilsouth', displayName: 'Brazil South', geography: 'Brazil', availabilityZones: true, latitude: -23.55, longitude: -46.633, pairedRegion: 'southcentralus' },
  { name: 'brazilsoutheast', displayName: 'Brazil Southeast', geography: 'Brazil', availabilityZones: false, latitude: -22.90278, longitude: -43.2075, pairedRegion: 'brazilsouth' },
  // Canada
  { name: 'canadacentral', displayName: 'Canada Central', geography: 'Canada', availabilityZones: true, latitude: 43.653, longitude: -79.383, pairedRegion: 'canadaeast' },
  { name: 'canadaeast', displayName: 'Canada East', geography: 'Canada', availabilityZones: false, latitude: 46.817, longitude: -71.217, pairedRegion: 'canadacentral' },
  // Chile
  { name: 'chilecentral', displayName: 'Chile Central', geography: 'Chile', availabilityZones: true, latitude: -33.447487, longitude: -70.673676 },
  // Europe
  { name: 'northeurope', displayName: 'North Europe', geography: 'Europe', availabilityZones: true, latitude: 53.3478, longitude: -6.2597, pairedRegion: 'westeurope' },
  { name: 'westeurope', displayName: 'West Europe', geography: 'Europe', availabilityZones: true, latitude: 52.3667, longitude: 4.9, pairedRegion: 'northeurope' },
  // France
  { name: 'francecentral', displayName: 'France Central', geography: 'France', availabilityZones: true, latitude: 46.3772, longitude: 2.373, pairedRegion: 'francesouth' },
  { name: 'francesouth', displayName: 'France South', geography: 'France', availabilityZones: false, latitude: 43.8345, longitude: 2.1972, pairedRegion: 'francecentral' },
  // Germany
  { name: 'germanynorth', displayName: 'Germany North', geography: 'Germany', availabilityZones: false, latitude: 53.073635, longitude: 8.806422, pairedRegion: 'germanywestcentral' },
  { name: 'germanywestcentral', displayName: 'Germany West Central', geography: 'Germany', availabilityZones: true, latitude: 50.110924, longitude: 8.682127, pairedRegion: 'germanynorth' },
  // India
  { name: 'centralindia', displayName: 'Central India', geography: 'India', availabilityZones: true, latitude: 18.5822, longitude: 73.9197, pairedRegion: 'southindia' },
  { name: 'jioindiacentral', displayName: 'Jio India Central', geography: 'India', availabilityZones: false, latitude: 21.146633, longitude: 79.08886, pairedRegion: 'jioindiawest' },
  { name: 'jioindiawest', displayName: 'Jio India West', geography: 'India', availabilityZones: false, latitude: 22.470701, longitude: 70.05773, pairedRegion: 'jioindiacentral' },
  { name: 'southindia', displayName: 'South India', geography: 'India', availabilityZones: false, latitude: 12.9822, longitude: 80.1636, pairedRegion: 'centralindia' },
  { name: 'westindia', displayName: 'West India', geography: 'India', availabilityZones: false, latitude: 19.088, longitude: 72.868, pairedRegion: 'southindia' },
  // Indonesia
  { name: 'indonesiacentral', displayName: 'Indonesia Central', geography: 'Indonesia', availabilityZones: true, latitude: -6.2, longitude: 106.816666 },
  // Israel
  { name: 'israelcentral', displayName: 'Israel Central', geography: 'Israel', availabilityZones: true, latitude: 31.2655698, longitude: 33.4506633 },
  // Italy
  { name: 'italynorth', displayName: 'Italy North', geography: 'Italy', availabilityZones: true, latitude: 45.46888, longitude: 9.18109 },
  // Japan
  { name: 'japaneast', displayName: 'Japan East', geography: 'Japan', availabilityZones: true, latitude: 35.68, longitude: 139.77, pairedRegion: 'japanwest' },
  { name: 'japanwest', displayName: 'Japan West', geography: 'Japan', availabilityZones: true, latitude: 34.6939, longitude: 135.5022, pairedRegion: 'japaneast' },
  // Korea
  { name: 'koreacentral', displayName: 'Korea Central', geography: 'Korea', availabilityZones: true, latitude: 37.5665, longitude: 126.978, pairedRegion: 'koreasouth' },
  { name: 'koreasouth', displayName: 'Korea South', geography: 'Korea', availabilityZones: false, latitude: 35.1796, longitude: 129.0756, pairedRegion: 'koreacentral' },
  // Malaysia
  { name: 'malaysiawest', displayName: 'Malaysia West', geography: 'Malaysia', availabilityZones: true, latitude: 3.140853, longitude: 101.693207 },
  // Mexico
  { name: 'mexicocentral', displayName: 'Mexico Central', geography: 'Mexico', availabilityZones: true, latitude: 20.588818, longitude: -100.389888 },
  // New Zealand
  { name: 'newzealandnorth', displayName: 'New Zealand North', geography: 'New Zealand', availabilityZones: true, latitude: -36.84853, longitude: 174.76349 },
  // Norway
  { name: 'norwayeast', displayName: 'Norway East', geography: 'Norway', availabilityZones: true, latitude: 59.913868, longitude: 10.752245, pairedRegion: 'norwaywest' },
  { name: 'norwaywest', displayName: 'Norway West', geography: 'Norway', availabilityZones: false, latitude: 58.969975, longitude: 5.733107, pairedRegion: 'norwayeast' },
  // Poland
  { name: 'polandcentral', displayName: 'Poland Central', geography: 'Poland', availabilityZones: true, latitude: 52.23334, longitude: 21.01666 },
  // Qatar
  { name: 'qatarcentral', displayName: 'Qatar Central', geography: 'Qatar', availabilityZones: true, latitude: 25.551462, longitude: 51.439327 },
  // South Africa
  { name: 'southafricanorth', displayName: 'South Africa North', geography: 'South Africa', availabilityZones: true, latitude: -25.73134, longitude: 28.21837, pairedRegion: 'southafricawest' },
  { name: 'southafricawest', displayName: 'South Africa West', geography: 'South Africa', availabilityZones: false, latitude: -34.075691, longitude: 18.843266, pairedRegion: 'southafricanorth' },
  // Spain (longitude as Azure reports it; see REGIONS_SOURCE)
  { name: 'spaincentral', displayName: 'Spain Central', geography: 'Spain', availabilityZones: true, latitude: 40.4259, longitude: -3.4209 },
  // Sweden (pair swedensouth is a restricted region not listed here)
  { name: 'swedencentral', displayName: 'Sweden Central', geography: 'Sweden', availabilityZones: true, latitude: 60.67488, longitude: 17.14127, pairedRegion: 'swedensouth' },
  // Switzerland
  { name: 'switzerlandnorth', displayName: 'Switzerland North', geography: 'Switzerland', availabilityZones: true, latitude: 47.451542, longitude: 8.564572, pairedRegion: 'switzerlandwest' },
  { name: 'switzerlandwest', displayName: 'Switzerland West', geography: 'Switzerland', availabilityZones: false, latitude: 46.204391, longitude: 6.143158, pairedRegion: 'switzerlandnorth' },
  // UAE
  { name: 'uaecentral', displayName: 'UAE Central', geography: 'UAE', availabilityZones: false, latitude: 24.466667, longitude: 54.366669, pairedRegion: 'uaenorth' },
  { name: 'uaenorth', displayName: 'UAE North', geography: 'UAE', availabilityZones: true, latitude: 25.266666, longitude: 55.316666, pairedRegion: 'uaecentral' },
  // United Kingdom
  { name: 'uksouth', displayName: 'UK South', geography: 'United Kingdom', availabilityZones: true, latitude: 50.941, longitude: -0.799, pairedRegion: 'ukwest' },
  { name: 'ukwest', displayName: 'UK West', geography: 'United Kingdom', availabilityZones: false, latitude: 53.427, longitude: -3.084, pairedRegion: 'uksouth' },
  // United States
  { name: 'centralus', displayName: 'Central US', geography: 'United States', availabilityZones: true, latitude: 41.5908, longitude: -93.6208, pairedRegion: 'eastus2' },
  { name: 'eastus', displayName: 'East US', geography: 'United States', availabilityZones: true, latitude: 37.3719, longitude: -79.8164, pairedRegion: 'westus' },
  { name: 'eastus2', displayName: 'East US 2', geography: 'United States', availabilityZones: true, latitude: 36.6681, longitude: -78.3889, pairedRegion: 'centralus' },
  { name: 'northcentralus', displayName: 'North Central US', geography: 'United States', availabilityZones: false, latitude: 41.8819, longitude: -87.6278, pairedRegion: 'southcentralus' },
  { name: 'southcentralus', displayName: 'South Central US', geography: 'United States', availabilityZones: true, latitude: 29.4167, longitude: -98.5, pairedRegion: 'northcentralus' },
  { name: 'westcentralus', displayName: 'West Central US', geography: 'United States', availabilityZones: false, latitude: 40.89, longitude: -110.234, pairedRegion: 'westus2' },
  { name: 'westus', displayName: 'West US', geography: 'United States', availabilityZones: false, latitude: 37.783, longitude: -122.417, pairedRegion: 'eastus' },
  { name: 'westus2', displayName: 'West US 2', geography: 'United States', availabilityZones: true, latitude: 47.233, longitude: -119.852, pairedRegion: 'westcentralus' },
  { name: 'westus3', displayName: 'West US 3', geography: 'United States', availabilityZones: true, latitude: 33.448376, longitude: -112.074036, pairedRegion: 'eastus' },
];
