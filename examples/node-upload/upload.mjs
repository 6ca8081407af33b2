// Upload a file from Node with the SDK, print progress, and wait until the video is ready.
//
//   npm run -s sdk:build
//   STREAMFORGE_API_KEY=sf_test_… node examples/node-upload/upload.mjs ./movie.mp4
//
// Kill it (Ctrl-C, or worse) and run it again: it resumes from the parts already stored.
import { StreamForge } from '@streamforge/sdk';

const path = process.argv[2];
if (!path) {
  console.error('usage: node examples/node-upload/upload.mjs <file>');
  process.exit(1);
}

const sf = new StreamForge(process.env.STREAMFORGE_API_KEY, {
  baseUrl: process.env.STREAMFORGE_BASE_URL ?? 'http://127.0.0.1:3000',
});

const upload = sf.upload(path, {
  title: path.split('/').pop(),
  onProgress: (p) =>
    process.stdout.write(
      `\r${p.percent.toFixed(1).padStart(5)}%  ${(p.speed / 1e6).toFixed(1)} MB/s  ETA ${p.etaSeconds ?? '--'} s   `,
    ),
});
process.once('SIGINT', () => {
  upload.pause();
  console.log('\nPaused; run again to resume.');
  process.exit(130);
});

const { videoId } = await upload;
console.log(`\nUploaded: ${videoId}. Waiting for it to be ready…`);
for (;;) {
  const video = await sf.videos.retrieve(videoId);
  if (video.status === 'ready') {
    console.log('Ready:', video.playback);
    break;
  }
  if (video.status === 'failed') {
    console.error('Failed:', video.error);
    process.exit(1);
  }
  await new Promise((r) => setTimeout(r, 2000));
}
