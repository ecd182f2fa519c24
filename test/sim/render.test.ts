import { day } from '../../lib/sim/render.js';

describe('day()', () => {
  test('days within the horizon, extrapolations, and never', () => {
    expect(day(null)).toBe('never');
    expect(day(47.6)).toBe('day 48');
    expect(day(400, true)).toBe('day 400 (extrapolated)');
    expect(day(3650, true)).toBe('day 3650 (extrapolated)');
    // A straight line drawn decades ahead says little: it reads as beyond the 10-year cap.
    expect(day(36080, true)).toBe('beyond 10 years');
    expect(day(36080, false)).toBe('day 36080');
  });
});
