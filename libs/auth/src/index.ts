export * from './current-principal.decorator';
export * from './principal';
export * from './roles.decorator';
