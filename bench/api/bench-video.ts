/** The body of every `POST /v1/uploads` the bench sends: a small single-PUT upload. */
export const UPLOAD = JSON.stringify({ filename: 'bench.mp4', size: 1000, content_type: 'video/mp4' });

/** Creates an upload on the StreamForge at `url` with secret `key`: the id of its video, which the GET runs read. */
export async function createBenchVideo(url: string, key: string): Promise<string> {
  const created = await fetch(`${url}/v1/uploads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: UPLOAD,
  });
  if (created.status !== 201)
    throw new Error(`${url}: could not create the bench upload: ${created.status} ${await created.text()}`);
  return ((await created.json()) as { video_id: string }).video_id;
}
