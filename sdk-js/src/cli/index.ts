#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { StreamForge } from '../node/index';
import { explain } from './explain';
import { listenCommand } from './listen-command';
import { printVideo, uploadCommand } from './upload-command';

const DEFAULT_BASE_URL = 'http://127.0.0.1:3000';
const baseUrl = process.env.STREAMFORGE_BASE_URL ?? DEFAULT_BASE_URL;

function client(): StreamForge {
  const key = process.env.STREAMFORGE_API_KEY;
  if (!key) {
    throw new Error('Set STREAMFORGE_API_KEY to a secret API key (sf_test_… or sf_live_…). `npm run dev` prints one.');
  }
  return new StreamForge(key, { baseUrl });
}

function positiveInt(value: string) {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
}

const program = new Command()
  .name('streamforge')
  .description(
    `StreamForge from the command line. Key: STREAMFORGE_API_KEY; API: STREAMFORGE_BASE_URL (default ${DEFAULT_BASE_URL}).`,
  )
  .showHelpAfterError();

program
  .command('upload <file>')
  .description('Upload a video; Ctrl-C pauses, running it again resumes')
  .option('-t, --title <title>', 'title of the video')
  .option('-c, --concurrency <n>', 'parts in flight at once (default 8)', positiveInt)
  .option('-w, --wait', 'wait until the video is ready and print its playback URLs')
  .option('--json', 'print JSON')
  .action((file: string, opts) => uploadCommand(client(), file, opts, process.stdout));

const videos = program.command('videos').description('List and inspect videos');
videos
  .command('list')
  .description('Videos, newest first')
  .option('-l, --limit <n>', 'how many (default 20)', positiveInt, 20)
  .option('-s, --status <status>', 'only pending_upload, processing, ready or failed')
  .option('--json', 'print JSON')
  .action(async (opts) => {
    const items = await client()
      .videos.list({ limit: Math.min(opts.limit, 100), ...(opts.status ? { status: opts.status } : {}) })
      .toArray(opts.limit);
    if (opts.json) return void process.stdout.write(`${JSON.stringify(items, null, 2)}\n`);
    if (!items.length) return void process.stdout.write('No videos.\n');
    for (const v of items) {
      const created = new Date(v.created * 1000).toISOString().replace('T', ' ').slice(0, 16);
      process.stdout.write(`${v.id}  ${v.status.padEnd(14)} ${created}  ${v.title ?? ''}\n`);
    }
  });
videos
  .command('get <id>')
  .description('One video, with its playback URLs when ready')
  .option('--json', 'print JSON')
  .action(async (id: string, opts) => printVideo(process.stdout, await client().videos.retrieve(id), opts.json));

program
  .command('listen')
  .description('Forward new events to a local webhook receiver, signed (Ctrl-C stops)')
  .requiredOption('-f, --forward-to <url>', 'the local receiver, e.g. http://localhost:4000/hooks')
  .option('-e, --events <types>', 'comma-separated event types (default: all)', (v: string) => v.split(','))
  .option(
    '--mode <mode>',
    'poll (default) or endpoint (a temporary webhook endpoint; needs WEBHOOK_ALLOW_PRIVATE)',
    'poll',
  )
  .option('--interval <ms>', 'how often to poll for events (default 1000)', positiveInt, 1000)
  .option('--max <n>', 'stop after forwarding this many events', positiveInt)
  .action((opts) =>
    listenCommand(
      client(),
      {
        forwardTo: opts.forwardTo,
        mode: opts.mode === 'endpoint' ? 'endpoint' : 'poll',
        events: opts.events,
        intervalMs: opts.interval,
        max: opts.max,
      },
      process.stdout,
    ),
  );

program.parseAsync(process.argv).catch((error) => {
  process.stderr.write(`streamforge: ${explain(error, baseUrl)}\n`);
  process.exit(1);
});
