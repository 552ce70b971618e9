// Calls of the review area; filled in by the issue that builds it.
export const reviewCalls = {};
