import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const VIDEO_STATUSES = ['pending_upload', 'processing', 'ready', 'failed'] as const;
export type VideoStatus = (typeof VIDEO_STATUSES)[number];

export const VIDEO_ERROR_CODES = [
  'unsupported_format',
  'no_video_stream',
  'corrupt_media',
  'limits_exceeded',
  'source_missing',
  'upload_expired',
  'internal_error',
] as const;
export type VideoErrorCode = (typeof VIDEO_ERROR_CODES)[number];

export interface Rendition {
  id: string;
  type: 'video' | 'audio';
  width?: number;
  height?: number;
  codecs: string;
  bandwidth: number;
}

@Entity({ name: 'videos' })
@Index(['accountId', 'livemode', 'createdAt'])
export class Video {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text', { nullable: true }) title!: string | null;
  @Column('jsonb', { default: {} }) metadata!: Record<string, string>;
  @Column('text') status!: VideoStatus;
  @Column('text', { name: 'source_key' }) sourceKey!: string;
  /** Key prefix of the published outputs, e.g. `acct_…/vid_…/v1`. */
  @Column('text', { name: 'output_prefix', nullable: true }) outputPrefix!: string | null;
  /** Key of manifest.json, relative to the bucket; URLs are built at read time from CDN_URL. */
  @Column('text', { name: 'manifest_key', nullable: true }) manifestKey!: string | null;
  @Column('double precision', { nullable: true }) duration!: number | null;
  @Column('integer', { nullable: true }) width!: number | null;
  @Column('integer', { nullable: true }) height!: number | null;
  @Column('jsonb', { default: [] }) renditions!: Rendition[];
  @Column('text', { name: 'upload_session_id', nullable: true }) uploadSessionId!: string | null;
  @Column('integer', { name: 'processing_attempts', default: 0 }) processingAttempts!: number;
  /**
   * Bumped by every run that claims the video (retries, stalled re-runs, reconciler re-queues):
   * each run publishes under `v{outputVersion}` and writes only while it still holds this number.
   */
  @Column('integer', { name: 'output_version', default: 0 }) outputVersion!: number;
  /** Every rung has its first segments published: players can start while encoding goes on. */
  @Column('boolean', { default: false }) playable!: boolean;
  /** What the transcode was charged against the account's quota, in media seconds (internal). */
  @Column('double precision', { name: 'media_seconds', nullable: true }) mediaSeconds!: number | null;
  @Column('timestamptz', { name: 'media_charged_at', nullable: true }) mediaChargedAt!: Date | null;
  @Column('jsonb', { nullable: true }) progress!: { stage: string; percent: number } | null;
  @Column('text', { name: 'error_code', nullable: true }) errorCode!: VideoErrorCode | null;
  @Column('text', { name: 'error_message', nullable: true }) errorMessage!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
