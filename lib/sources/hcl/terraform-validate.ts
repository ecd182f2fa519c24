/**
 * What `terraform validate` (with the azurerm provider installed) rejects in a module, found
 * without running Terraform and reported at the line: blocks Terraform does not know at the top
 * level, a nested block written as an argument (`retention_policy = {...}`), a reference to a
 * resource with `count`/`for_each` without an instance key, and registry arguments removed in
 * azurerm 3.0 or 4.0 (when the configuration may install such a version), with their replacement.
 */
import { InputError } from '../../errors.js';
import { attributesOf, blocksOf, lineOf, type Attribute, type Block, type Body, type Expr, type HclSource } from './ast.js';
import { flatten, forEachChild } from './evaluate.js';
import type { HclModule, ResourceDecl } from './module.js';
import { allowsMajor, type VersionRange } from './provider-constraint.js';

/** Top-level blocks of a Terraform configuration (Terraform 1.x). */
const TOP_LEVEL = new Set(['terraform', 'provider', 'variable', 'locals', 'output', 'module', 'resource', 'data', 'moved', 'import', 'check', 'removed', 'ephemeral', 'action']);

/**
 * The labels of each top-level block, as Terraform's configuration schema names them
 * (internal/configs/parser_config.go): `resource "type" "name"`, `module "name"`, `locals`...
 */
const LABELS: Readonly<Record<string, readonly string[]>> = {
  terraform: [],
  provider: ['name'],
  variable: ['name'],
  locals: [],
  output: ['name'],
  module: ['name'],
  resource: ['type', 'name'],
  data: ['type', 'name'],
  ephemeral: ['type', 'name'],
  moved: [],
  import: [],
  check: ['name'],
  removed: [],
};

/** Blocks that belong inside `terraform { }`. */
const TERRAFORM_SETTINGS = new Set(['backend', 'cloud', 'required_providers', 'required_version', 'experiments', 'provider_meta']);

/**
 * Nested blocks by resource type: `block` ones only take block syntax; `list` ones also take
 * `name = [{ ... }]` (the provider's attribute mode), but never `name = { ... }`.
 */
const BLOCKS: Readonly<Record<string, Readonly<Record<string, 'block' | 'list'>>>> = {
  azurerm_container_registry: { georeplications: 'block', identity: 'block', timeouts: 'block', encryption: 'list', network_rule_set: 'list', retention_policy: 'list', trust_policy: 'list' },
  azurerm_private_endpoint: { private_service_connection: 'block', private_dns_zone_group: 'block', ip_configuration: 'block', timeouts: 'block' },
  azurerm_monitor_diagnostic_setting: { enabled_log: 'block', enabled_metric: 'block', log: 'block', metric: 'block', timeouts: 'block' },
  azurerm_key_vault: { network_acls: 'block', contact: 'block', access_policy: 'list', timeouts: 'block' },
  azurerm_key_vault_key: { rotation_policy: 'block', timeouts: 'block' },
  azurerm_container_registry_task: { docker_step: 'block', file_step: 'block', encoded_step: 'block', identity: 'block', timeouts: 'block' },
};

/** Nested blocks inside nested blocks of a registry. */
const NESTED_BLOCKS: Readonly<Record<string, Readonly<Record<string, 'block' | 'list'>>>> = {
  network_rule_set: { ip_rule: 'list', virtual_network: 'list' },
};

/** Things to report once, though a module may be evaluated several times. */
export type Reported = Set<string>;

function report(errors: InputError[], reported: Reported, source: HclSource, line: number, reason: string): void {
  const key = `${source.file}:${line}:${reason}`;
  if (reported.has(key)) return;
  reported.add(key);
  errors.push(new InputError({ file: source.file, line }, reason));
}

/**
 * Checks the static structure of a module: top-level blocks, blocks written as arguments, counted
 * references without a key, removed arguments. With `again` (the module was checked before, for
 * another root) only what depends on `versions` is checked: the rest would be reported already.
 *
 * @param again whether this module was checked already (default false)
 */
export function validateModule(module: HclModule, versions: VersionRange, errors: InputError[], reported: Reported, again = false): void {
  if (again) {
    versionedChecks(module, versions, errors, reported);
    return;
  }
  // Every top-level item of the module's files, in order.
  for (const { parsed, context } of module.files) {
    if (context) continue;
    topLevelChecks(parsed.source, parsed.body.items, errors, reported);
  }
  versionedChecks(module, versions, errors, reported);
  countedReferences(module, errors, reported);
}

/** The checks of the top-level items of one file: arguments outside blocks, unknown block types, labels. */
function topLevelChecks(source: HclSource, items: Body['items'], errors: InputError[], reported: Reported): void {
  for (const item of items) {
    if (item.kind === 'attribute') {
      report(errors, reported, source, item.line, `${item.name} = ... is not allowed at the top level of a Terraform file, got an argument outside any block: move it into the block it belongs to (a variable default, a locals block, or a resource).`);
      continue;
    }
    if (TOP_LEVEL.has(item.type)) {
      const problem = labelProblem(item);
      if (problem) report(errors, reported, source, item.line, problem);
      continue;
    }
    const header = [item.type, ...item.labels.map((l) => JSON.stringify(l))].join(' ');
    const fix = TERRAFORM_SETTINGS.has(item.type)
      ? `move it into terraform { ${header} { ... } }`
      : `use one of ${[...TOP_LEVEL].slice(0, 8).join(', ')}, ... (or remove it)`;
    report(errors, reported, source, item.line, `block type ${JSON.stringify(item.type)} is not allowed at the top level of a Terraform file, got ${header} { ... }: ${fix}.`);
  }
}

/** The checks of a module's resources that depend on the azurerm version: blocks written as arguments, removed arguments. */
function versionedChecks(module: HclModule, versions: VersionRange, errors: InputError[], reported: Reported): void {
  for (const decl of module.resources.values()) {
    if (decl.context || decl.mode !== 'managed') continue;
    blockSyntax(decl, versions, errors, reported);
    if (decl.type === 'azurerm_container_registry') removedArguments(decl, versions, errors, reported);
  }
}

/**
 * Why a top-level block has the wrong number of labels (Terraform rejects it: HCL's "Missing
 * name for resource" or "Extraneous label for resource"), or undefined.
 */
function labelProblem(b: Block): string | undefined {
  const names = LABELS[b.type];
  if (!names || b.labels.length === names.length) return undefined;
  const header = [b.type, ...b.labels.map((l) => JSON.stringify(l))].join(' ');
  const want = names.length === 0 ? `${b.type} blocks take no labels` : `${b.type} blocks must have ${names.length} label${names.length > 1 ? 's' : ''} (${names.join(', ')})`;
  if (b.labels.length < names.length) {
    const written = names.map((n, i) => (i < b.labels.length ? JSON.stringify(b.labels[i]) : `"<${n}>"`)).join(' ');
    return `${want}, got ${header} { ... } (Terraform: Missing ${names[b.labels.length]} for ${b.type}): write ${b.type} ${written} { ... }.`;
  }
  const extra = b.labels.slice(names.length).map((l) => JSON.stringify(l));
  return `${want}, got ${header} { ... } (Terraform: Extraneous label for ${b.type}): remove ${extra.join(' ')}${names.length ? ` (write ${b.type} ${b.labels.slice(0, names.length).map((l) => JSON.stringify(l)).join(' ')} { ... })` : ''}.`;
}

/** The label of a block as its argument name (`dynamic "x"` is `x`). */
function nameOf(b: Block): string {
  return b.type === 'dynamic' ? (b.labels[0] ?? '') : b.type;
}

function blockSyntax(decl: ResourceDecl, versions: VersionRange, errors: InputError[], reported: Reported): void {
  const table = BLOCKS[decl.type];
  if (!table) return;
  const check = (body: Body, schema: Readonly<Record<string, 'block' | 'list'>>, path: string): void => {
    for (const item of body.items) {
      if (item.kind === 'attribute') {
        const mode = schema[item.name];
        if (!mode) continue;
        if (decl.type === 'azurerm_container_registry' && removedIn(`${path}${item.name}`) !== undefined && allowsMajor(versions, removedIn(`${path}${item.name}`)!)) continue;
        const kind = item.expr.kind;
        if (kind === 'object' || (mode === 'block' && (kind === 'tuple' || kind === 'for'))) {
          const alt = mode === 'list' ? ` (or ${item.name} = [{ ... }])` : '';
          report(errors, reported, decl.source, item.line, `${decl.type}.${decl.name}: ${path}${item.name} is a block, got ${item.name} = ${kind === 'object' ? '{ ... }' : '[ ... ]'} (an argument): write ${item.name} { ... } without "="${alt}.`);
        }
        continue;
      }
      const name = nameOf(item);
      const nested = NESTED_BLOCKS[name];
      if (decl.type === 'azurerm_container_registry' && nested && path === '') {
        const content = item.type === 'dynamic' ? blocksOf(item.body, 'content')[0]?.body : item.body;
        if (content) check(content, nested, `${name}.`);
      }
    }
  };
  check(decl.block.body, table, '');
}

/** Registry arguments azurerm removed, with the major that removed them. */
const REMOVED: ReadonlyArray<{ readonly path: string; readonly major: number; readonly fix: (decl: ResourceDecl, at: Attribute | Block) => string }> = [
  {
    path: 'georeplication_locations',
    major: 3,
    fix: () => 'write one georeplications { location = "<region>" } block per replica instead',
  },
  {
    path: 'retention_policy',
    major: 4,
    fix: (_d, at) => {
      const days = at.kind === 'block' ? literalOf(attributesOf(at.body).get('days')) : undefined;
      const enabled = at.kind === 'block' ? literalOf(attributesOf(at.body).get('enabled')) : undefined;
      return enabled === false ? 'remove it (retention stays off)' : `write retention_policy_in_days = ${typeof days === 'number' ? days : 7} instead`;
    },
  },
  {
    path: 'trust_policy',
    major: 4,
    fix: () => 'write trust_policy_enabled = true instead (content trust is deprecated: consider leaving it off)',
  },
  {
    path: 'encryption.enabled',
    major: 4,
    fix: () => 'remove enabled: the encryption block alone turns customer-managed keys on (remove the whole block for platform-managed keys)',
  },
  {
    path: 'network_rule_set.virtual_network',
    major: 4,
    fix: () => 'remove the virtual_network rules: reach the registry through an azurerm_private_endpoint, or allow the network with ip_rule { action = "Allow", ip_range = "<CIDR>" }',
  },
];

function removedIn(path: string): number | undefined {
  return REMOVED.find((r) => r.path === path)?.major;
}

function literalOf(a: Attribute | undefined): unknown {
  return a?.expr.kind === 'literal' ? a.expr.value : undefined;
}

function removedArguments(decl: ResourceDecl, versions: VersionRange, errors: InputError[], reported: Reported): void {
  const found: Array<{ path: string; at: Attribute | Block }> = [];
  const walk = (body: Body, prefix: string, depth: number): void => {
    for (const item of body.items) {
      const name = item.kind === 'attribute' ? item.name : nameOf(item);
      const path = `${prefix}${name}`;
      if (REMOVED.some((r) => r.path === path)) found.push({ path, at: item });
      if (depth > 0) continue;
      if (item.kind === 'block') {
        const content = item.type === 'dynamic' ? blocksOf(item.body, 'content')[0]?.body : item.body;
        if (content) walk(content, `${name}.`, depth + 1);
      } else {
        // encryption = [{ enabled = ... }] and network_rule_set = [{ virtual_network = ... }].
        const objects = item.expr.kind === 'tuple' ? item.expr.items : item.expr.kind === 'object' ? [item.expr] : [];
        for (const o of objects) {
          if (o.kind !== 'object') continue;
          for (const it of o.items) {
            if (it.key.kind !== 'literal' || typeof it.key.value !== 'string') continue;
            const p = `${name}.${it.key.value}`;
            if (REMOVED.some((r) => r.path === p)) found.push({ path: p, at: { kind: 'attribute', name: it.key.value, expr: it.value, line: lineOf(decl.source, it.key.start), start: it.key.start, end: it.value.end } });
          }
        }
      }
    }
  };
  walk(decl.block.body, '', 0);
  for (const { path, at } of found) {
    const r = REMOVED.find((x) => x.path === path)!;
    if (!allowsMajor(versions, r.major)) continue;
    const written = at.kind === 'attribute' ? `${at.name} = ...` : at.type === 'dynamic' ? `a dynamic "${at.labels[0]}" block` : `a ${at.type} block`;
    report(errors, reported, decl.source, at.line, `${decl.type}.${decl.name}: ${path} was removed in azurerm ${r.major}.0, got ${written} with ${versions.from}: ${r.fix(decl, at)}.`);
  }
}

/** Calls `f` on every expression of the module that Terraform evaluates, with its file. */
function forEachModuleExpression(module: HclModule, f: (expr: Expr, source: HclSource) => void): void {
  const fromBody = (body: Body, source: HclSource, top: boolean): void => {
    for (const item of body.items) {
      if (item.kind === 'attribute') {
        if (top && (item.name === 'depends_on' || item.name === 'provider' || item.name === 'providers')) continue;
        f(item.expr, source);
      } else if (!(top && item.type === 'lifecycle')) fromBody(item.body, source, false);
    }
  };
  for (const decl of module.resources.values()) if (!decl.context) fromBody(decl.block.body, decl.source, true);
  for (const call of module.calls.values()) if (!call.context) fromBody(call.block.body, call.source, true);
  for (const l of module.locals.values()) f(l.item.expr, l.source);
  for (const o of module.outputs.values()) fromBody(o.item.body, o.source, true);
}

function countedReferences(module: HclModule, errors: InputError[], reported: Reported): void {
  // Only a resource, data source or module call with count or for_each can be referred to
  // without its key: a module without one (most folders of a monorepo) has nothing to find.
  let anyCounted = false;
  for (const d of module.resources.values()) anyCounted ||= d.count !== undefined || d.forEach !== undefined;
  for (const c of module.calls.values()) anyCounted ||= c.count !== undefined || c.forEach !== undefined;
  if (!anyCounted) return;
  const visit = (e: Expr, source: HclSource): void => {
    const flat = flatten(e);
    if (flat) {
      const [first, second, third] = flat.steps;
      const root = flat.root.name;
      let counted: { what: string; meta: 'count' | 'for_each' } | undefined;
      let attr: string | undefined;
      if (first?.kind === 'attr') {
        if (root === 'module') {
          const call = module.calls.get(first.name);
          if (call && (call.count || call.forEach) && second?.kind === 'attr') {
            counted = { what: `module.${first.name}`, meta: call.count ? 'count' : 'for_each' };
            attr = second.name;
          }
        } else if (root === 'data') {
          const decl = second?.kind === 'attr' ? module.resources.get(`data.${first.name}.${second.name}`) : undefined;
          if (decl && (decl.count || decl.forEach) && third?.kind === 'attr') {
            counted = { what: `data.${first.name}.${(second as { name: string }).name}`, meta: decl.count ? 'count' : 'for_each' };
            attr = third.name;
          }
        } else {
          const decl = module.resources.get(`${root}.${first.name}`);
          if (decl && (decl.count || decl.forEach) && second?.kind === 'attr') {
            counted = { what: `${root}.${first.name}`, meta: decl.count ? 'count' : 'for_each' };
            attr = second.name;
          }
        }
      }
      if (counted && attr !== undefined) {
        const key = counted.meta === 'count' ? '[0]' : '["<key>"]';
        const same = counted.meta === 'count' ? '[count.index]' : '[each.key]';
        report(
          errors,
          reported,
          source,
          lineOf(source, e.start),
          `a reference to ${counted.what} (it has ${counted.meta}) must name an instance, got ${counted.what}.${attr}: write ${counted.what}${key}.${attr}, ${counted.what}${same}.${attr} in a resource with the same ${counted.meta}, or ${counted.what}[*].${attr} for all instances.`,
        );
      }
      for (const s of flat.steps) {
        if (s.kind === 'index') visit(s.key, source);
        else if (s.kind === 'splat') visit(s.each, source);
      }
      return;
    }
    forEachChild(e, visit, source);
  };
  forEachModuleExpression(module, visit);
}
