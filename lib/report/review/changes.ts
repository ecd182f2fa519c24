/**
 * How every review format shows an attribute change: a list or map element by element
 * (`- eastus`, `+ southeastasia`, `~ northeurope: zone redundancy off -> on`), anything else as
 * a value before and after in a few words, a sensitive value never.
 */
import { displayChange } from '../../review/attributes.js';
import type { AttributeChange, ResourceChange } from '../../review/diff.js';
import { valueText, type ListItemChange } from '../../review/lists.js';

/** One attribute change as a report lays it out. */
export type AttributeView =
  | { readonly kind: 'items'; readonly items: readonly ListItemChange[] }
  | { readonly kind: 'values'; readonly before: string; readonly after: string };

/**
 * The view of one attribute change: its list items when it has them, else before and after.
 * For a created or deleted resource (`side` not `both`) a list reads better as its value
 * (`push, delete`), unless its elements say more than their keys (a replica's zone redundancy).
 * @param side which side the report shows ({@link shownSide})
 * @default side 'both'
 */
export function attributeView(a: AttributeChange, side: 'both' | 'before' | 'after' = 'both'): AttributeView {
  const telling = side === 'both' || (a.items ?? []).some((i) => i.fields.some((f) => f.name !== 'value'));
  if (a.items?.length && !a.sensitive && telling) return { kind: 'items', items: a.items };
  if (a.sensitive) {
    const [before, after] = displayChange(a);
    return { kind: 'values', before, after };
  }
  return { kind: 'values', before: valueText(a.before), after: valueText(a.after) };
}

/**
 * Which side of a change a report shows: both for an update or a replace, only the value for
 * a created (`after`) or deleted (`before`) resource.
 */
export function shownSide(c: Pick<ResourceChange, 'action'>): 'both' | 'before' | 'after' {
  return c.action === 'create' ? 'after' : c.action === 'delete' ? 'before' : 'both';
}
