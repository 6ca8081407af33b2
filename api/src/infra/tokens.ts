export const APP_CONFIG = Symbol('APP_CONFIG');
/** How the api resolves webhook hosts at save time (a port, so tests can script DNS). */
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');
