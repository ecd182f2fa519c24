/**
 * What the examples read from the deployer, so two people deploying the same example never
 * collide on Azure's global names and no example grants a role to a made-up principal.
 *
 * Each setting comes from a prop, else the cdktf context (`"context"` in cdktf.json, which the
 * cdktf CLI passes to the app), else an environment variable, else a default that keeps the
 * synthesized output the same everywhere (tests and `npm start` rely on it):
 *
 * | Setting | Context key | Environment | Default |
 * |---|---|---|---|
 * | name suffix | `acrkit:nameSuffix` | `ACRKIT_NAME_SUFFIX` | none: the examples' fixed names, with a synth warning |
 * | CI principal (team) | `acrkit:ciPrincipalId` | `ACRKIT_CI_PRINCIPAL_ID` | none: no AcrPush grant |
 * | cluster principal (team) | `acrkit:clusterPrincipalId` | `ACRKIT_CLUSTER_PRINCIPAL_ID` | none: no AcrPull grant |
 * | Docker Hub secrets (team) | `acrkit:dockerHubUsernameSecretId`, `acrkit:dockerHubPasswordSecretId`, `acrkit:dockerHubKeyVaultId` | `ACRKIT_DOCKERHUB_USERNAME_SECRET_ID`, `ACRKIT_DOCKERHUB_PASSWORD_SECRET_ID`, `ACRKIT_DOCKERHUB_KEY_VAULT_ID` | none: no Docker Hub cache rule |
 */
import { Annotations } from 'cdktf';
import type { Construct } from 'constructs';

/** Settings every example takes. */
export interface ExampleSettingsProps {
  /**
   * Appended to every globally unique name (registries, and so Key Vaults) and to resource
   * group names: 1-8 lowercase letters and digits, e.g. your initials and a number.
   * @default - context `acrkit:nameSuffix`, else `ACRKIT_NAME_SUFFIX`, else none (the fixed example names)
   */
  readonly nameSuffix?: string;
  /**
   * Environment to read (tests pass `{}`).
   * @default process.env
   */
  readonly env?: Record<string, string | undefined>;
}

const SUFFIX = /^[a-z0-9]{1,8}$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** The settings of one example stack, resolved. */
export class ExampleSettings {
  /** The suffix in effect ('' for none). */
  readonly nameSuffix: string;
  /** The environment read. */
  readonly env: Record<string, string | undefined>;

  constructor(
    private readonly scope: Construct,
    props: ExampleSettingsProps = {},
  ) {
    this.env = props.env ?? process.env;
    const suffix = props.nameSuffix ?? this.value('acrkit:nameSuffix', 'ACRKIT_NAME_SUFFIX') ?? '';
    if (suffix !== '' && !SUFFIX.test(suffix)) {
      throw new Error(`ACRKIT_NAME_SUFFIX (or context acrkit:nameSuffix) must be 1-8 lowercase letters and digits, got '${suffix}': use e.g. your initials and a number, such as 'jd42'.`);
    }
    this.nameSuffix = suffix;
    if (!suffix) {
      Annotations.of(scope).addWarning(
        "No name suffix, got neither ACRKIT_NAME_SUFFIX nor context acrkit:nameSuffix: the registry names are the example's fixed ones, which someone else has most likely taken in Azure; set ACRKIT_NAME_SUFFIX=<1-8 lowercase letters and digits> before cdktf deploy.",
      );
    }
  }

  /** A globally unique name (registries: letters and digits only): `base` + suffix. */
  globalName(base: string): string {
    return `${base}${this.nameSuffix}`;
  }

  /** A name unique within a subscription (resource groups): `base-suffix`, or `base`. */
  localName(base: string): string {
    return this.nameSuffix ? `${base}-${this.nameSuffix}` : base;
  }

  /** A setting from the context key, else the environment variable; undefined when both are unset or empty. */
  value(contextKey: string, envVar: string): string | undefined {
    const fromContext: unknown = this.scope.node.tryGetContext(contextKey);
    if (typeof fromContext === 'string' && fromContext !== '') return fromContext;
    const fromEnv = this.env[envVar];
    return fromEnv === undefined || fromEnv === '' ? undefined : fromEnv;
  }

  /** An Entra object id from the context key or environment variable, checked to be a GUID. */
  principalId(contextKey: string, envVar: string): string | undefined {
    const id = this.value(contextKey, envVar);
    if (id !== undefined && !GUID.test(id)) {
      throw new Error(`${envVar} (or context ${contextKey}) must be an Entra object id (a GUID), got '${id}': copy it from az ad sp show --id <app id> --query id.`);
    }
    return id;
  }
}
