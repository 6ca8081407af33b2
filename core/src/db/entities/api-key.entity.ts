import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A secret API key. Only its SHA-256 is stored; `displayPrefix` is what dashboards show. */
@Entity({ name: 'api_keys' })
export class ApiKey {
  @PrimaryColumn('text') id!: string;
  @Index() @Column('text', { name: 'account_id' }) accountId!: string;
  @Column('boolean') livemode!: boolean;
  @Column('text', { name: 'secret_hash', unique: true }) secretHash!: string;
  @Column('text', { name: 'display_prefix' }) displayPrefix!: string;
  @Column('text', { nullable: true }) name!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @Column('timestamptz', { name: 'revoked_at', nullable: true }) revokedAt!: Date | null;
}
