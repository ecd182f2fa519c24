/**
 * The argument a finding is about: the first path of its message that the source wrote down,
 * looked up through the per-message cache (the same answer on every call, for every spec).
 */
import { findingArgument } from '../../lib/policy/finding-argument.js';
import type { RegistrySpec } from '../../lib/model/registry-spec.js';

test('the argument of a finding: the first path of the message that the source wrote, the same on every call', () => {
  const spec = (args: Record<string, { file: string; line: number }> | undefined): RegistrySpec => ({ source: { kind: 'hcl', file: 'main.tf', ...(args ? { arguments: args } : {}) } }) as unknown as RegistrySpec;
  const message = 'georeplications[0].location must differ from location, got westeurope: pick another region.';
  const withReplica = spec({ 'georeplications.0.location': { file: 'main.tf', line: 9 }, location: { file: 'main.tf', line: 3 } });
  const withoutReplica = spec({ location: { file: 'main.tf', line: 3 } });
  for (let i = 0; i < 2; i++) {
    expect(findingArgument(withReplica, message)).toEqual({ name: 'georeplications[0].location', file: 'main.tf', line: 9 });
    // `georeplications` alone, then `location`.
    expect(findingArgument(withoutReplica, message)).toEqual({ name: 'location', file: 'main.tf', line: 3 });
    expect(findingArgument(spec({ georeplications: { file: 'vars.tf', line: 4 } }), message)).toEqual({ name: 'georeplications[0].location', file: 'vars.tf', line: 4 });
    expect(findingArgument(spec(undefined), message)).toBeUndefined();
    expect(findingArgument(spec({}), message)).toBeUndefined();
  }
});
