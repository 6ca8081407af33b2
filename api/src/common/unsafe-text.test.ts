import { findUnsafeText, isUnsafeText } from './unsafe-text';

describe('unsafe text', () => {
  it('refuses NUL and unpaired surrogates, keeps paired ones and ordinary unicode', () => {
    expect(isUnsafeText('a\u0000b')).toBe(true);
    expect(isUnsafeText('\ud800')).toBe(true);
    expect(isUnsafeText('x\udc00')).toBe(true);
    expect(isUnsafeText('\udc00\ud800')).toBe(true);
    expect(isUnsafeText('🎬 é ｖ \uFEFF \u202E')).toBe(false);
    expect(isUnsafeText('\ud83c\udfac')).toBe(false);
  });

  it('names the first bad field by its dotted path; a bad key by the object holding it', () => {
    expect(findUnsafeText({ filename: 'ok.mp4', title: 'a\u0000' })).toBe('title');
    expect(findUnsafeText({ metadata: { color: '\ud800' } })).toBe('metadata.color');
    expect(findUnsafeText({ metadata: { ['k\u0000']: 'v' } })).toBe('metadata');
    expect(findUnsafeText({ parts: [{ part_number: 1, etag: 'e' }, { etag: '\udfff' }] })).toBe('parts.1.etag');
    expect(findUnsafeText({ ['\u0000']: 1 })).toBe('');
    expect(findUnsafeText('x\u0000', 'id')).toBe('id');
    expect(findUnsafeText({ a: ['fine', { b: 'fine' }], n: 1e308 })).toBeNull();
  });

  it('walks hostile nesting without recursion', () => {
    let deep: unknown = 'a\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findUnsafeText(deep)).toMatch(/^0(\.0)*$/);
  });
});
