import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

export const EVENT_TYPES = [
  'video.created',
  'video.processing',
  'video.playable',
  'video.ready',
  'video.failed',
  'video.updated',
  'video.deleted',
  'upload.expired',
  'webhook_endpoint.disabled',
  'webhook_endpoint.test',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

@Entity({ name: 'events' })
@Index(['accountId', 'livemode', 'createdAt'])
export class EventRecord {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text') type!: EventType;
  /** The resource as the API returned it at the time of the change. */
  @Column('jsonb') data!: { object: Record<string, unknown> };
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  /** Set once the relay has made this event's deliveries (the outbox's durable marker). */
  @Column('timestamptz', { name: 'relayed_at', nullable: true, select: false }) relayedAt?: Date | null;
}
