import { foldersOf, strayFolders } from './object-sweep';

const prefix = 'acct_1/vid_1/';
const folders = [`${prefix}v1/`, `${prefix}v2/`, `${prefix}v3/`];

describe('strayFolders', () => {
  it('removes everything of a deleted video, source included', () => {
    expect(strayFolders(prefix, undefined, [])).toBe('all');
  });

  it('removes everything of a failed video (aborted or expired uploads end failed too)', () => {
    expect(strayFolders(prefix, { status: 'failed', output_version: 2 }, folders)).toBe('all');
  });

  it("keeps a ready video's published version and source, removing superseded runs' versions", () => {
    expect(strayFolders(prefix, { status: 'ready', output_version: 2 }, folders)).toEqual([
      `${prefix}v1/`,
      `${prefix}v3/`,
    ]);
  });

  it('never touches a video still uploading or processing', () => {
    expect(strayFolders(prefix, { status: 'processing', output_version: 3 }, folders)).toEqual([]);
    expect(strayFolders(prefix, { status: 'pending_upload', output_version: 0 }, [])).toEqual([]);
  });
});

describe('foldersOf', () => {
  it('names each output version folder once and ignores the source object', () => {
    expect(
      foldersOf(prefix, [
        `${prefix}source`,
        `${prefix}v1/360p/seg_00000.m4s`,
        `${prefix}v1/manifest.json`,
        `${prefix}v2/master.m3u8`,
      ]),
    ).toEqual([`${prefix}v1/`, `${prefix}v2/`]);
  });
});
