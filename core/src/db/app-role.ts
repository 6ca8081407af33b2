/** The role every API request runs as: subject to row-level security, unlike the table owner. */
export const APP_ROLE = 'streamforge_app';
