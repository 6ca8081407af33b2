export const APP_CONFIG = Symbol('APP_CONFIG');
/** How the worker resolves webhook hosts (a port, so tests can script DNS). */
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');
