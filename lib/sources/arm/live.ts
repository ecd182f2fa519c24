/**
 * Live exports of registries to {@link ArmResource}s: `az acr show` (the ARM resource with its
 * properties flattened to the top level), `az acr replication list`, `az acr webhook list`,
 * `az acr token list`, `az role assignment list`, `az lock list`, `az monitor diagnostic-settings
 * list`, `az resource list` / `az resource show` (the ARM envelope, `properties` nested or null),
 * or any JSON list of these (`jq -s` of several outputs, nested lists flattened). Names, parents
 * and scopes come from the resource ids.
 */
import { InputError } from '../../errors.js';
import { pointer as ptrOf } from '../../input/pointer.js';
import { isUnknown, unknown } from '../../model/unknown.js';
import { preview } from '../values.js';
import type { ArmResource } from './resource.js';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** Whether an object is one Azure resource as the CLI or ARM prints it (an id under /subscriptions and a type). */
export function isLiveResource(o: unknown): o is Record<string, unknown> {
  return isObj(o) && typeof o.id === 'string' && /^\/subscriptions\//i.test(o.id) && typeof o.type === 'string' && /^[A-Za-z0-9]+\.[A-Za-z0-9.]+\//.test(o.type);
}

/** Every resource of a live export document: one resource, or lists of them (nested lists flattened). */
function liveObjects(doc: unknown, ptr: string, out: Array<{ o: Record<string, unknown>; ptr: string }>): void {
  if (Array.isArray(doc)) doc.forEach((x, i) => liveObjects(x, `${ptr}/${i}`, out));
  else if (isLiveResource(doc)) out.push({ o: doc, ptr });
  else if (isObj(doc) && Array.isArray(doc.value)) liveObjects(doc.value, `${ptr}/value`, out); // ARM list responses
}

/** Whether a parsed JSON document is a live export: a resource, or a list holding at least one. */
export function isLiveExport(doc: unknown): boolean {
  const found: Array<{ o: Record<string, unknown>; ptr: string }> = [];
  liveObjects(doc, '', found);
  return found.length > 0;
}

/** Envelope fields of an ARM resource; the rest of a flattened `az` object is its properties. */
const ENVELOPE = new Set(['id', 'name', 'type', 'location', 'sku', 'tags', 'identity', 'resourcegroup', 'systemdata', 'properties', 'kind', 'managedby', 'plan', 'etag', 'zones', 'extendedlocation', 'changedtime', 'createdtime', 'provisioningstate']);

/**
 * The parts of a resource id: its type and full name (after the last `/providers/`), its scope
 * (what comes before, for an extension resource), and its resource group.
 */
export function parseResourceId(id: string): { type: string; name: string; scope?: string; resourceGroup?: string } | undefined {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) return undefined;
  const segs = id.slice(at + '/providers/'.length).split('/').filter((s) => s !== '');
  const ns = segs.shift();
  if (!ns || segs.length < 2) return undefined;
  const types: string[] = [];
  const names: string[] = [];
  segs.forEach((s, i) => (i % 2 === 0 ? types : names).push(s));
  const before = id.slice(0, at);
  const rg = /\/resourceGroups\/([^/]+)/i.exec(id)?.[1];
  // An extension resource: what precedes its provider is a resource (or a group, or a subscription).
  const extension = /\/providers\//i.test(before) || /^\/subscriptions\/[^/]+(\/resourceGroups\/[^/]+)?$/i.test(before);
  return { type: `${ns}/${types.join('/')}`, name: names.join('/'), ...(extension ? { scope: before } : {}), ...(rg ? { resourceGroup: rg } : {}) };
}

/** Reads the resources of a live export. */
export function liveResources(doc: unknown, file: string, errors: InputError[]): ArmResource[] {
  const found: Array<{ o: Record<string, unknown>; ptr: string }> = [];
  liveObjects(doc, '', found);
  const out: ArmResource[] = [];
  for (const { o, ptr } of found) {
    const id = o.id as string;
    const parsed = parseResourceId(id);
    if (!parsed) {
      errors.push(new InputError({ file, pointer: ptrOf(...ptr.split('/').slice(1), 'id') }, `id must be an Azure resource id (/subscriptions/<id>/resourceGroups/<group>/providers/<type>/<name>), got ${preview(id)}: export the resource with az.`));
      continue;
    }
    let properties: unknown;
    if (isObj(o.properties)) properties = o.properties;
    else {
      const flat = Object.fromEntries(Object.entries(o).filter(([k]) => !ENVELOPE.has(k.toLowerCase())));
      // `az resource list` prints the envelope only (properties null): nothing of the configuration is known.
      properties = Object.keys(flat).length === 0 && (o.properties === null || o.properties === undefined) && !/\/(roleassignments|locks)$/i.test(parsed.type)
        ? unknown(`the properties of ${parsed.type} ${parsed.name} are not in this export (az resource list prints none): export it with az acr show or az resource show --ids`)
        : flat;
    }
    out.push({
      type: String(o.type),
      name: parsed.name,
      id,
      properties,
      pointer: ptr,
      address: `${parsed.type}/${parsed.name}`,
      ...(o.location !== undefined ? { location: o.location } : {}),
      ...(o.sku !== undefined ? { sku: o.sku } : {}),
      ...(o.tags !== undefined ? { tags: o.tags } : {}),
      // az role assignment list prints the scope beside the id.
      ...(typeof o.scope === 'string' && /roleassignments$/i.test(String(o.type)) ? { scope: o.scope } : parsed.scope !== undefined ? { scope: parsed.scope } : {}),
      ...(typeof o.resourceGroup === 'string' ? { resourceGroup: o.resourceGroup } : parsed.resourceGroup ? { resourceGroup: parsed.resourceGroup } : {}),
    });
  }
  return out;
}
