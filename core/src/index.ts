import 'reflect-metadata';

export * from './config';
export * from './ids';
export * from './api-keys';
export * from './events';
export * from './db/data-source';
export * from './db/app-role';
export * from './db/entities/idempotency-key.entity';
export * from './db/entities/webhook-endpoint.entity';
export * from './db/entities/account.entity';
export * from './db/entities/api-key.entity';
export * from './db/entities/video.entity';
export * from './db/entities/upload-session.entity';
export * from './db/entities/event.entity';
export * from './storage/object-storage';
export * from './storage/keys';
export * from './queue/contract';
export * from './resources/video.view';
