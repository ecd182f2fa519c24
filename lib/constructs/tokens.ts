/**
 * Turns construct prop values into model values: unresolved cdktf tokens become Unknown.
 */
import { Token } from 'cdktf';
import { unknown, type Maybe } from '../model/unknown.js';

/** The value, or Unknown when it is an unresolved cdktf token (a reference or variable). */
export function fromToken<T>(value: T, what: string): Maybe<T> {
  if (value !== undefined && value !== null && Token.isUnresolved(value)) {
    return unknown(`${what} is a reference resolved at apply time`, String(value));
  }
  return value;
}
