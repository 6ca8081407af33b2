import { nestingDepth } from './body-parser';

describe('nestingDepth', () => {
  it('counts object and array levels', () => {
    expect(nestingDepth({ a: 1 })).toBe(1);
    expect(nestingDepth({ a: [{ b: {} }] })).toBe(4);
    expect(nestingDepth('text')).toBe(0);
  });

  it('stops early on hostile depth without overflowing the stack', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(nestingDepth(deep, 32)).toBe(33);
  });
});
