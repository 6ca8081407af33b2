import { groupPieces, joinPieces } from './segment-groups';

const box = (type: string, body: string) => {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(8 + body.length, 0);
  head.write(type, 4, 'latin1');
  return Buffer.concat([head, Buffer.from(body, 'latin1')]);
};

describe('groupPieces: a short first segment, then segments of the configured length', () => {
  const pieces = ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'];

  it('publishes the first piece alone, then whole groups only while the track grows', () => {
    expect(groupPieces(pieces.slice(0, 1), 2, false)).toEqual([['p0']]);
    expect(groupPieces(pieces.slice(0, 2), 2, false)).toEqual([['p0']]);
    expect(groupPieces(pieces.slice(0, 3), 2, false)).toEqual([['p0'], ['p1', 'p2']]);
    expect(groupPieces(pieces, 2, false)).toEqual([['p0'], ['p1', 'p2'], ['p3', 'p4']]);
  });

  it('publishes the shorter last group once the track has ended', () => {
    expect(groupPieces(pieces, 2, true)).toEqual([['p0'], ['p1', 'p2'], ['p3', 'p4'], ['p5']]);
    expect(groupPieces(pieces.slice(0, 5), 2, true)).toEqual([['p0'], ['p1', 'p2'], ['p3', 'p4']]);
    expect(groupPieces([], 2, true)).toEqual([]);
  });

  it('never regroups: what was published stays a prefix as pieces arrive', () => {
    for (let n = 1; n < pieces.length; n++) {
      const before = groupPieces(pieces.slice(0, n), 2, false);
      const after = groupPieces(pieces.slice(0, n + 1), 2, true);
      expect(after.slice(0, before.length)).toEqual(before);
    }
  });
});

describe('joinPieces', () => {
  it('keeps one segment type box at the front and every fragment in order', () => {
    const a = Buffer.concat([box('styp', 'msdh'), box('moof', 'A'), box('mdat', 'aa')]);
    const b = Buffer.concat([box('styp', 'msdh'), box('moof', 'B'), box('mdat', 'bb')]);
    const joined = joinPieces([a, b]);
    expect(joined.toString('latin1').match(/styp/g)).toHaveLength(1);
    expect(joined).toEqual(Buffer.concat([a, box('moof', 'B'), box('mdat', 'bb')]));
  });

  it('refuses a piece whose styp box claims more bytes than it has', () => {
    const bad = box('styp', 'msdh');
    bad.writeUInt32BE(999, 0);
    expect(() => joinPieces([box('moof', 'A'), bad])).toThrow(/malformed styp/);
  });
});
