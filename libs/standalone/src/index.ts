export * from './sandbox-admin-key';
export * from './standalone-features';
