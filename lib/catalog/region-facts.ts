/** Facts about one public Azure region. */
export interface RegionFacts {
  /** Canonical (programmatic) name, as Terraform and ARM write it: `westeurope`. */
  readonly name: string;
  /** Display name as the portal shows it: `West Europe`. */
  readonly displayName: string;
  /** Azure geography the region belongs to: `Europe`, `United States`, `Asia Pacific`, ... */
  readonly geography: string;
  /** Whether the region has availability zones (so ACR zone redundancy applies). */
  readonly availabilityZones: boolean;
  /** Latitude in degrees, north positive (from `az account list-locations`). */
  readonly latitude: number;
  /** Longitude in degrees, east positive (from `az account list-locations`). */
  readonly longitude: number;
  /**
   * Canonical name of the paired region.
   * @default - the region has no pair
   */
  readonly pairedRegion?: string;
}
