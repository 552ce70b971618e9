// Calls of the programs area; filled in by the issue that builds it.
export const programsCalls = {};
