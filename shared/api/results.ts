// Calls of the results area; filled in by the issue that builds it.
export const resultsCalls = {};
