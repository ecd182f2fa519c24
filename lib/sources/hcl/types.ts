/**
 * Terraform's type conversion of input variable values (`type = object({ a = optional(string, "x") })`):
 * strings, numbers and booleans convert into each other as Terraform converts them, optional
 * object attributes get their defaults, and a value that cannot convert becomes Unknown.
 */
import { isUnknown, unknown } from '../../model/unknown.js';
import type { Expr } from './ast.js';
import { asBool, asNumber, asString, EvalFailure, isObject, toSet, typeName } from './value.js';

/** Converts `value` to the type written as `type`; a value that does not convert raises {@link EvalFailure}. */
function convertTo(value: unknown, type: Expr, literal: (e: Expr) => unknown): unknown {
  if (isUnknown(value) || value === null) return value;
  const t = type.kind === 'paren' ? type.expr : type;
  if (t.kind === 'name') {
    switch (t.name) {
      case 'string':
        return asString(value, 'the value');
      case 'number':
        return asNumber(value, 'the value');
      case 'bool':
        return asBool(value, 'the value');
      default:
        return value; // any
    }
  }
  if (t.kind !== 'call') return value;
  const [arg, second] = t.args;
  switch (t.name) {
    case 'list':
    case 'set': {
      if (!Array.isArray(value)) throw new EvalFailure(`a ${t.name} is required, got ${typeName(value)}`);
      const items = arg ? value.map((x) => convertTo(x, arg, literal)) : value;
      return t.name === 'set' ? toSet(items) : items;
    }
    case 'map': {
      if (!isObject(value)) throw new EvalFailure(`a map is required, got ${typeName(value)}`);
      if (!arg) return value;
      return Object.fromEntries(Object.entries(value).map(([k, x]) => [k, convertTo(x, arg, literal)]));
    }
    case 'tuple': {
      if (!Array.isArray(value) || arg?.kind !== 'tuple') return value;
      if (value.length !== arg.items.length) throw new EvalFailure(`a tuple of ${arg.items.length} elements is required, got ${value.length}`);
      return value.map((x, i) => convertTo(x, arg.items[i]!, literal));
    }
    case 'object': {
      if (!isObject(value)) throw new EvalFailure(`an object is required, got ${typeName(value)}`);
      if (arg?.kind !== 'object') return value;
      const out: Record<string, unknown> = {};
      for (const item of arg.items) {
        const key = literal(item.key);
        if (typeof key !== 'string') return value;
        const attrType = item.value.kind === 'paren' ? item.value.expr : item.value;
        const optional = attrType.kind === 'call' && attrType.name === 'optional';
        if (Object.hasOwn(value, key) && value[key] !== null) {
          out[key] = convertTo(value[key], optional ? attrType.args[0]! : attrType, literal);
        } else if (optional) {
          const dflt = attrType.args[1];
          out[key] = dflt ? convertTo(literal(dflt), attrType.args[0]!, literal) : null;
        } else if (Object.hasOwn(value, key)) out[key] = null;
        else throw new EvalFailure(`attribute ${JSON.stringify(key)} is required`);
      }
      return out;
    }
    case 'optional':
      return arg ? convertTo(value, arg, literal) : value;
    default:
      void second;
      return value;
  }
}

/**
 * `value` converted to the variable's `type`; Unknown (naming the variable) when it does not
 * convert, as Terraform would reject it.
 */
export function convertVariable(name: string, value: unknown, type: Expr | undefined, literal: (e: Expr) => unknown): unknown {
  if (!type) return value;
  try {
    return convertTo(value, type, literal);
  } catch (e) {
    if (e instanceof EvalFailure) return unknown(`var.${name} does not convert to its type: ${e.message}`);
    throw e;
  }
}
