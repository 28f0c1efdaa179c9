// Public surface of the YAML area.
export * from './scalarMap';
export * from './document';
export * from './embeddedSpl';
