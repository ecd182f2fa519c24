/**
 * How listing a registry's content is paged: the repository catalog (`GET /v2/_catalog`) and a
 * repository's tags (`GET /acr/v1/<repository>/_tags`) and manifests
 * (`GET /acr/v1/<repository>/_manifests`) return one page per request, the next page named by
 * the `Link: <...?last=...&n=...>; rel="next"` header (Docker Registry HTTP API v2 pagination).
 * Each page is one read request against the tier's read limit (tiers.ts `rateLimits.read`).
 */
import { fact, type Fact } from './fact.js';

/**
 * Entries per page of a listing: 100, the page size the Azure CLI asks for (`n=100`,
 * `DEFAULT_PAGINATION`) in `az acr repository list`, `show-tags` and `show-manifests`, and so
 * what `az acr manifest list-metadata` and `acr purge` scripts built on it see. ACR documents
 * no server-side default page size; a client asking for fewer entries a page makes more requests.
 */
export const LIST_PAGE_SIZE: Fact<number> = fact(100, {
  ref: 'https://github.com/Azure/azure-cli/blob/7d0a0816d473ffe29875328b27fa8662cdebedf5/src/azure-cli/azure/cli/command_modules/acr/repository.py (DEFAULT_PAGINATION = 100; paths /v2/_catalog, /acr/v1/{repository}/_tags, /acr/v1/{repository}/_manifests; follows the Link header)',
  asOf: '2026-12-02',
  confirmed: false,
  note: 'The Azure CLI page size, not a documented ACR server default.',
});

/** The registry paths a full listing reads, for reports. */
export const LISTING_PATHS = Object.freeze({
  /** Repository catalog. */
  catalog: '/v2/_catalog',
  /** Tags of one repository (with details). */
  tags: '/acr/v1/{repository}/_tags',
  /** Manifests of one repository (with details). */
  manifests: '/acr/v1/{repository}/_manifests',
});

/** Requests to list `entries` entries: one per page, at least one (an empty list is one request). */
export function listingRequests(entries: number, pageSize: number = LIST_PAGE_SIZE.value): number {
  return Math.max(1, Math.ceil(entries / pageSize));
}
