import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_STATES = ['pending', 'succeeded', 'failed', 'exhausted'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

/** `automatic`: fanned out by the relay; `manual`: a redelivery asked for; `test`: the test endpoint. */
export type DeliveryTrigger = 'automatic' | 'manual' | 'test';

/**
 * One event on its way to one endpoint. Its id is the `webhook-id` header, the same on every
 * attempt, so receivers can de-duplicate. The row is the record: BullMQ only carries the next attempt.
 */
@Entity({ name: 'webhook_deliveries' })
export class WebhookDelivery {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text', { name: 'event_id' }) eventId!: string;
  @Column('text', { name: 'event_type' }) eventType!: string;
  @Column('text', { name: 'endpoint_id' }) endpointId!: string;
  @Column('text') trigger!: DeliveryTrigger;
  @Column('text') state!: DeliveryState;
  @Column('integer') attempts!: number;
  @Column('timestamptz', { name: 'next_attempt_at', nullable: true }) nextAttemptAt!: Date | null;
  @Column('timestamptz', { name: 'last_attempt_at', nullable: true }) lastAttemptAt!: Date | null;
  @Column('integer', { name: 'last_status_code', nullable: true }) lastStatusCode!: number | null;
  @Column('integer', { name: 'last_duration_ms', nullable: true }) lastDurationMs!: number | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError!: string | null;
  /** At most 64 KiB of what the receiver answered. */
  @Column('text', { name: 'last_response_body', nullable: true }) lastResponseBody!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
