/**
 * `T` with its properties writable: for building a readonly-typed object step by step (optional
 * properties set only when they have a value) before handing it out as `T`.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Appends `items` to `target` one by one: `target.push(...items)` passes every item as an
 * argument and overflows the stack past about 100,000 of them (a plan with that many resources).
 * @returns target
 */
export function appendAll<T>(target: T[], items: readonly T[]): T[] {
  for (const item of items) target.push(item);
  return target;
}
