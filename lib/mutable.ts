/**
 * `T` with its properties writable: for building a readonly-typed object step by step (optional
 * properties set only when they have a value) before handing it out as `T`.
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
