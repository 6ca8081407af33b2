import type { FileSource } from '../upload/ports';

/** A File (or Blob) picked by the user; parts are slices, read by the browser only as they are sent. */
export async function openBlob(
  file: Blob,
  opts: { filename?: string; contentType?: string },
): Promise<FileSource<Blob>> {
  const name = opts.filename ?? (file as File).name ?? 'upload';
  const lastModified = (file as File).lastModified ?? 0;
  return {
    name,
    size: file.size,
    type: opts.contentType ?? file.type,
    // Picking the same file again after a reload gives a new File object with the same identity.
    async fingerprint() {
      return ['browser', name, file.size, lastModified, file.type].join('|');
    },
    slice: (start, end) => file.slice(start, end),
  };
}
