/**
 * Terraform `.tf` files to RegistrySpecs. The files of one folder form one module; a root
 * module gets its variable values from `.tfvars` files, a local child module
 * (`source = "./modules/acr"`) from its caller's arguments. Values are evaluated statically
 * (lib/sources/hcl): literals, variables, locals, resource attributes written as values,
 * conditionals, `for` expressions, the common functions, `count`/`for_each` and `dynamic`
 * blocks; anything else is Unknown, never a guess. What `terraform validate` would reject is
 * an input error at its line; every argument keeps its line for findings.
 */
import { InputError } from '../errors.js';
import type { RegistrySpec } from '../model/registry-spec.js';
import { ASSEMBLED_TYPES, assemble, REGISTRY_TYPE } from './assemble.js';
import type { SourceResult } from './from-tf-json.js';
import { attributesOf, blocksOf, type HclSource } from './hcl/ast.js';
import type { EvalEnv } from './hcl/evaluate.js';
import { allResourceInstances, ConfigEvaluation, HclModule, lastAttribute, ModuleInstance, rawResource, type ModuleLookup, type ResourceDecl, type ResourceInstance } from './hcl/module.js';
import { parseHcl, type HclSyntaxError, type ParsedHcl } from './hcl/parse.js';
import { azurermVersions, singleMajor, type VersionRange } from './hcl/provider-constraint.js';
import { validateModule, type Reported } from './hcl/terraform-validate.js';
import { readVarFiles, type VarFile } from './hcl/tfvars.js';
import { majorFromRegistryValues } from './provider-version.js';
import type { RawResource } from './raw-resource.js';
import { commentsFor, mayHoldSuppressions, type SourceSuppression } from './suppression-comments.js';

export type { VarFile } from './hcl/tfvars.js';

/** One `.tf` file's name and text. */
export interface HclFile {
  /** Path as given by the user (used in messages). */
  readonly file: string;
  /** File contents. */
  readonly text: string;
  /**
   * Read for its values only (a file beside one the user named): its resources are not
   * reported and its problems are not the user's question.
   * @default false
   */
  readonly context?: boolean;
}

/** A `.tf` file after parsing: parse each file once and share the result across modules and roots. */
export interface ParsedHclFile {
  /** The file. */
  readonly file: HclFile;
  /** Its parse. */
  readonly parsed: ParsedHcl;
}

/** Registries, problems and in-source suppressions of one module. */
export interface HclResult extends SourceResult {
  /** `# acrkit:ignore` comments, by resource. */
  readonly suppressions: SourceSuppression[];
}

/** Parses one `.tf` file (never throws: a syntax error is kept in the result). */
export function parseHclFile(file: HclFile): ParsedHclFile {
  return { file, parsed: parseHcl(file.file, file.text) };
}

/** A syntax error as an {@link InputError} at its line, with Terraform's summary. */
export function syntaxError(file: string, e: HclSyntaxError): InputError {
  // Nesting past acrkit's limit is acrkit's refusal, not an error Terraform would report.
  const terraformToo = e.summary === 'Nesting too deep' ? '' : ' (terraform validate shows the same error)';
  return new InputError({ file, line: e.line }, `HCL must parse, got a syntax error at column ${e.column}: ${e.summary} (${e.detail.replace(/\.$/, '')}); fix the syntax${terraformToo}.`);
}

/** A `module` block's `source` when it is a local path (`./x`, `../x`), with where it is written. */
export interface LocalModuleSource {
  /** The source as written. */
  readonly source: string;
  /** File of the module block. */
  readonly file: string;
  /** Line of the `source` argument. */
  readonly line: number;
}

/** The local module sources the files call (Terraform reads `./` and `../` paths from disk). */
export function localModuleSources(files: readonly ParsedHclFile[]): LocalModuleSource[] {
  const out: LocalModuleSource[] = [];
  for (const { file, parsed } of files) {
    for (const item of parsed.body.items) {
      if (item.kind !== 'block' || item.type !== 'module') continue;
      const src = lastAttribute(item.body, 'source');
      const v = src?.expr.kind === 'literal' ? src.expr.value : undefined;
      if (typeof v === 'string' && /^\.\.?\//.test(v)) out.push({ source: v, file: file.file, line: src!.line });
    }
  }
  return out;
}

/** One root module to evaluate. */
export interface HclRoot {
  /** Key of its module in {@link HclConfig.modules}. */
  readonly module: string;
  /**
   * Variable definitions files in Terraform's precedence order (`terraform.tfvars`,
   * `terraform.tfvars.json`, `*.auto.tfvars(.json)` by name, then `--var-file` in order).
   * @default []
   */
  readonly varFiles?: readonly VarFile[];
  /**
   * `.terraform.lock.hcl` of the root: its azurerm version decides which removed arguments are errors.
   * @default - none: the version constraints decide
   */
  readonly lockFile?: VarFile;
}

/** Modules (parsed files by key), the roots to evaluate and how module sources resolve. */
export interface HclConfig {
  /** Every module: its parsed files, by key (the workflow's name for its folder). */
  readonly modules: ReadonlyMap<string, readonly ParsedHclFile[]>;
  /** Root modules to report. */
  readonly roots: readonly HclRoot[];
  /**
   * The child module key for `${parentKey}\u0000${source}`.
   * @default - no child module is read
   */
  readonly children?: ReadonlyMap<string, string>;
}

/** Key of {@link HclConfig.children}. */
export function childKey(parentKey: string, source: string): string {
  return `${parentKey}\u0000${source}`;
}

/**
 * Reads a configuration: every root module with the child modules it calls, evaluated
 * statically; syntax errors, what `terraform validate` would reject and invalid values as
 * input errors; registries with the line of each argument.
 */
export function fromHclConfig(config: HclConfig): HclResult {
  const errors: InputError[] = [];
  const reported: Reported = new Set();
  const contextFiles = new Set<string>();
  const modules = new Map<string, HclModule>();
  for (const [key, files] of config.modules) {
    for (const { file, parsed } of files) {
      if (file.context) {
        contextFiles.add(file.file);
        continue;
      }
      if (parsed.error) errors.push(syntaxError(file.file, parsed.error));
      for (const r of parsed.redefined) {
        errors.push(new InputError({ file: file.file, line: r.line }, `argument ${r.name} must be set once per block, got it again (first at line ${r.first}): remove one of them.`));
      }
    }
    modules.set(key, new HclModule(key, files.map((f) => ({ parsed: f.parsed, context: f.file.context === true }))));
  }
  const lookup: ModuleLookup = (parent, source) => {
    const k = config.children?.get(childKey(parent.key, source));
    return k === undefined ? undefined : modules.get(k);
  };
  const registries: RegistrySpec[] = [];
  const suppressions: SourceSuppression[] = [];
  // Whether each file may hold suppression comments, looked for once per file.
  const marked = new Map<HclSource, boolean>();
  const suppressible = (source: HclSource): boolean => {
    let m = marked.get(source);
    if (m === undefined) marked.set(source, (m = mayHoldSuppressions(source.text)));
    return m;
  };
  const varErrors = new Map<string, InputError>();
  // The azurerm versions each module was checked with already.
  const validated = new Map<HclModule, VersionRange[]>();
  for (const root of config.roots) {
    const module = modules.get(root.module);
    if (!module) continue;
    const tree = moduleTree(module, lookup);
    const versions = azurermVersions(tree, root.lockFile);
    for (const m of tree) {
      // A module called from many roots: its structure is checked once, its arguments per azurerm
      // version (a version checked already reports nothing new: every report is made once).
      const seen = validated.get(m);
      if (seen?.some((v) => sameVersions(v, versions))) continue;
      validateModule(m, versions, errors, reported, seen !== undefined);
      if (seen) seen.push(versions);
      else validated.set(m, [versions]);
    }
    const found: InputError[] = [];
    const vars = readVarFiles(root.varFiles ?? [], found);
    for (const e of found) varErrors.set(e.message, e);
    const top = new ModuleInstance(new ConfigEvaluation(lookup), module, '', undefined, vars);
    const resources: RawResource[] = [];
    const hidden = new Set<string>();
    const major = singleMajor(versions);
    // Only the resources assemble reads are evaluated (a monorepo's storage accounts and vaults
    // are most of its resources and change no registry); Key Vaults only once a registry sets
    // `encryption`, the one case that reads them. The rest stay in input order. A resource that
    // is none of these, in a file without suppression comments, has nothing to look at: its
    // instances are listed only when it has `count` or `for_each` (evaluated in the same order).
    const wanted = (decl: ResourceDecl): boolean =>
      decl.count !== undefined || decl.forEach !== undefined || (decl.type !== KEY_VAULT_TYPE && ASSEMBLED_TYPES.has(decl.type)) || suppressible(decl.source);
    let instances = allResourceInstances(top, [], wanted);
    const raws = new Map<ResourceInstance, RawResource>();
    const raw = (k: number): RawResource => {
      const { instance, res } = instances[k]!;
      // The major known before evaluating goes into the resource as it is built (no copies).
      if (major !== undefined) return rawResource(instance, res, major);
      const r = rawResource(instance, res);
      const m = res.decl.type === REGISTRY_TYPE ? majorFromRegistryValues(r.values) : undefined;
      return m === undefined ? r : { ...r, source: { ...r.source, azurermMajor: m } };
    };
    let encrypted = false;
    for (let k = 0; k < instances.length; k++) {
      const { instance, res } = instances[k]!;
      const type = res.decl.type;
      if (type !== KEY_VAULT_TYPE && ASSEMBLED_TYPES.has(type)) {
        const r = raw(k);
        raws.set(res, r);
        if (type === REGISTRY_TYPE && r.values.encryption !== undefined) encrypted = true;
      }
      if (res.decl.context) {
        hidden.add(res.address);
        continue;
      }
      if (type === REGISTRY_TYPE) keyVaultKeyCheck(instance, res, errors, reported);
      for (const c of commentsFor(res.decl.source.text, res.decl.block.line)) {
        suppressions.push({ ruleId: c.ruleId, reason: c.reason, address: res.address, file: res.decl.source.file, line: c.line, ...(c.tool ? { tool: c.tool } : {}) });
      }
    }
    // Key Vaults among the others, in input order.
    if (encrypted) instances = allResourceInstances(top, [], (decl) => decl.type === KEY_VAULT_TYPE || wanted(decl));
    for (let k = 0; k < instances.length; k++) {
      const { res } = instances[k]!;
      if (encrypted && res.decl.type === KEY_VAULT_TYPE) raws.set(res, raw(k));
      const r = raws.get(res);
      if (r) resources.push(r);
    }
    const assembleErrors: InputError[] = [];
    const specs = assemble(resources, assembleErrors);
    for (const e of assembleErrors) {
      const key = e.message;
      if (contextFiles.has(e.location.file) || reported.has(key)) continue;
      reported.add(key);
      errors.push(e);
    }
    registries.push(...specs.filter((s) => !hidden.has(s.address)));
  }
  errors.push(...varErrors.values());
  return { registries, errors, suppressions };
}

/** Whether two version ranges are the same (the checks that depend on the version find the same). */
function sameVersions(a: VersionRange, b: VersionRange): boolean {
  return a === b || (a.from === b.from && a.upperIncluded === b.upperIncluded && sameVersion(a.low, b.low) && sameVersion(a.high, b.high));
}

/** Whether two versions (or two absent bounds) are the same. */
function sameVersion(a: VersionRange['high'], b: VersionRange['high']): boolean {
  return a === b || (a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1] && a[2] === b[2]);
}

/** A Key Vault: read by assemble only for a registry with customer-managed encryption. */
const KEY_VAULT_TYPE = 'azurerm_key_vault';

/** A module and every module it calls (each once). */
function moduleTree(root: HclModule, lookup: ModuleLookup): HclModule[] {
  const out: HclModule[] = [];
  const visit = (m: HclModule): void => {
    if (out.includes(m)) return;
    out.push(m);
    for (const call of m.calls.values()) {
      const child = call.sourcePath !== undefined ? lookup(m, call.sourcePath) : undefined;
      if (child) visit(child);
    }
  };
  visit(root);
  return out;
}

/** `encryption.key_vault_key_id` that refers to a Key Vault (not a key in it): the provider rejects the vault's id. */
function keyVaultKeyCheck(instance: ModuleInstance, res: ResourceInstance, errors: InputError[], reported: Reported): void {
  let env: EvalEnv | undefined;
  for (const enc of blocksOf(res.decl.block.body, 'encryption')) {
    const attr = attributesOf(enc.body).get('key_vault_key_id');
    if (!attr) continue;
    // Made for a registry with customer-managed keys only (most have none).
    env ??= instance.env(res.decl.source, res.iter, undefined, res.address);
    const refs = new Set<string>();
    instance.referencesOf(attr.expr, env, res.iter, refs, new Set());
    // `azurerm_key_vault.<name>` (or its data source), not `azurerm_key_vault_key.<name>`.
    const vault = [...refs].find((r) => /(^|\.)azurerm_key_vault\.[^.[]+/.test(r));
    if (!vault) continue;
    const at = instance.argumentAt(attr, res.decl.source, res.iter);
    const key = `${at.file}:${at.line}:kv`;
    if (reported.has(key)) continue;
    reported.add(key);
    errors.push(
      new InputError(
        at,
        `${res.address}: encryption.key_vault_key_id must be the id of a Key Vault key, got ${vault} (a vault, not a key): point it at azurerm_key_vault_key.<name>.versionless_id.`,
      ),
    );
  }
}

/**
 * Reads the `.tf` files of one module (no `.tfvars`, no child modules): the files are parsed,
 * checked and evaluated as one root module.
 */
export async function fromHcl(files: readonly HclFile[]): Promise<HclResult> {
  const parsed = files.map(parseHclFile);
  return fromHclConfig({ modules: new Map([['.', parsed]]), roots: [{ module: '.' }] });
}
