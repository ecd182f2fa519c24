/**
 * `time_sleep` of the hashicorp/time provider, written by hand: the provider has no prebuilt
 * cdktf bindings here. acrkit uses it to wait for Azure RBAC role assignments to apply before a
 * create that needs them (see {@link RBAC_PROPAGATION_SECONDS}).
 *
 * Arguments (hashicorp/terraform-provider-time docs/resources/sleep.md): `create_duration` and
 * `destroy_duration` (Go duration strings such as `30s` or `5m`; changing one alone does not
 * delay again) and `triggers` (a map of strings; a change re-creates the sleep, so it waits again).
 */
import { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, TerraformStack, type ITerraformDependable } from 'cdktf';

/** The hashicorp/time version acrkit pins (0.13.1, 2025-04-28: hashicorp/terraform-provider-time CHANGELOG.md). */
export const TIME_PROVIDER_VERSION = '0.13.1';

/** The `hashicorp/time` provider, declared once per stack (it takes no configuration). */
export class TimeProvider extends TerraformProvider {
  /** The provider in `scope`'s stack, declared on first use. */
  static of(scope: Construct): TimeProvider {
    const stack = TerraformStack.of(scope);
    const existing = stack.node.tryFindChild('acrkit-time');
    return (existing as TimeProvider | undefined) ?? new TimeProvider(stack, 'acrkit-time');
  }

  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'time',
      terraformGeneratorMetadata: { providerName: 'time', providerVersion: TIME_PROVIDER_VERSION },
      terraformProviderSource: 'hashicorp/time',
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

/** A Go duration as `time_sleep` takes it: `30s`, `5m`, `1m30s`, `1.5h`. */
const GO_DURATION = /^(?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h))+$/;

/** Whether `value` is a Go duration string `time_sleep` accepts (`30s`, `10m`, `1m30s`). */
export function isGoDuration(value: string): boolean {
  return GO_DURATION.test(value);
}

/** Props of {@link TimeSleep}. */
export interface TimeSleepProps {
  /** How long to wait after the resources in `dependsOn` are created (Go duration, e.g. `10m`). */
  readonly createDuration: string;
  /**
   * How long to wait before the resources in `dependsOn` are destroyed.
   * @default - no wait on destroy
   */
  readonly destroyDuration?: string;
  /**
   * Values whose change re-creates the sleep, so it waits again (e.g. role assignment ids).
   * @default - none: the sleep waits only when first created
   */
  readonly triggers?: Record<string, string>;
  /** What the sleep waits after (the role assignments). */
  readonly dependsOn: ITerraformDependable[];
}

/** A `time_sleep` resource: create (and optionally destroy) waits for what it depends on. */
export class TimeSleep extends TerraformResource {
  /** The wait after create. */
  readonly createDuration: string;
  private readonly props: TimeSleepProps;

  constructor(scope: Construct, id: string, props: TimeSleepProps) {
    super(scope, id, {
      terraformResourceType: 'time_sleep',
      terraformGeneratorMetadata: { providerName: 'time', providerVersion: TIME_PROVIDER_VERSION },
      provider: TimeProvider.of(scope),
      dependsOn: props.dependsOn,
    });
    this.createDuration = props.createDuration;
    this.props = props;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      create_duration: this.props.createDuration,
      ...(this.props.destroyDuration ? { destroy_duration: this.props.destroyDuration } : {}),
      ...(this.props.triggers ? { triggers: this.props.triggers } : {}),
    };
  }
}
