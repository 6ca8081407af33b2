import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Where an account wants its events delivered. The signing secret must be readable to sign
 * deliveries, so it is stored as is and only ever shown at creation and rotation.
 */
@Entity({ name: 'webhook_endpoints' })
@Index(['accountId', 'livemode', 'createdAt'])
export class WebhookEndpoint {
  @PrimaryColumn('text') id!: string;
  @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text') url!: string;
  @Column('text', { nullable: true }) description!: string | null;
  @Column('jsonb', { name: 'enabled_events' }) enabledEvents!: string[];
  @Column('text') status!: 'enabled' | 'disabled';
  @Column('text') secret!: string;
  /** During a rotation the previous secret still signs deliveries (both signatures are sent). */
  @Column('text', { name: 'previous_secret', nullable: true }) previousSecret!: string | null;
  @Column('timestamptz', { name: 'previous_secret_expires_at', nullable: true }) previousSecretExpiresAt!: Date | null;
  /** Since when every attempt has failed (null after a success); past the limit the endpoint is disabled. */
  @Column('timestamptz', { name: 'failing_since', nullable: true }) failingSince!: Date | null;
  /** Why StreamForge disabled it (`gone`: it answered 410; `failing`: it failed for too long). */
  @Column('text', { name: 'disabled_reason', nullable: true }) disabledReason!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
