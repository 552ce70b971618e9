// Kept as the import path every page uses; the hook itself lives in the query layer.
export { useApi, type Loaded } from './api/query.ts';
