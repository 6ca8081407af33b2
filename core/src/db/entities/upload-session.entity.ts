import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export type UploadStatus = 'open' | 'completed' | 'aborted' | 'expired';

/** ETags the client reported, keyed by part number ("1", "2", …) so concurrent reports merge. */
export type PartLedger = Record<string, { etag: string; recorded_at: number }>;

@Entity({ name: 'upload_sessions' })
@Index(['accountId', 'livemode', 'createdAt'])
export class UploadSession {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text', { name: 'video_id' }) videoId!: string;
  @Column('text') status!: UploadStatus;
  @Column('text') filename!: string;
  @Column('text', { name: 'content_type' }) contentType!: string;
  @Column('text', { name: 'object_key' }) objectKey!: string;
  /** S3 multipart upload id; null for a single presigned PUT. */
  @Column('text', { name: 's3_upload_id', nullable: true }) s3UploadId!: string | null;
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } })
  size!: number;
  @Column('bigint', {
    name: 'part_size',
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) },
  })
  partSize!: number | null;
  @Column('integer', { name: 'part_count' }) partCount!: number;
  @Column('jsonb', { default: {} }) parts!: PartLedger;
  @Column('text', { name: 'client_secret_hash' }) clientSecretHash!: string;
  @Column('timestamptz', { name: 'expires_at' }) expiresAt!: Date;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
