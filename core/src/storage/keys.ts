/** Object keys are made by the server only, from ids it generated. */
export const objectKeys = {
  source: (accountId: string, videoId: string) => `${accountId}/${videoId}/source`,
  outputPrefix: (accountId: string, videoId: string, version: number) => `${accountId}/${videoId}/v${version}`,
  video: (accountId: string, videoId: string) => `${accountId}/${videoId}/`,
  /** Published outputs (under `outputPrefix`) are readable by anyone; sources and the rest are not. */
  isPublishedOutput: (key: string) =>
    /^[^/]+\/[^/]+\/v\d+\/.+/.test(key) && !key.split('/').some((s) => s === '' || s === '.' || s === '..'),
};
