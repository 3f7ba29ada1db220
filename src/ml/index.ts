// The ML knowledge base: compatibility tables (with their dates and sources) and the helpers that
// read them. Pure data and functions, no I/O; used by the ML lint rules and by containerize.
export * from './sources';
export * from './version';
export * from './torch';
export * from './tensorflow';
export * from './jax';
export * from './drivers';
export * from './cudaImages';
export * from './archs';
export * from './python';
