export { createApiApp } from './app';
export { findOrCreateAccount, issueApiKey } from './auth/key-issuer';
