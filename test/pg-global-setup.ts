// vitest globalSetup for the "postgres" project: a throw-away cluster unless SAKURA_TEST_PG names
// a server of one's own. Never a silent skip: without PostgreSQL this fails with what to install.
import type { TestProject } from 'vitest/node';
import { startCluster } from './pg-cluster.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    sakuraTestPg: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (process.env.SAKURA_TEST_PG) {
    project.provide('sakuraTestPg', process.env.SAKURA_TEST_PG);
    return () => undefined;
  }
  const started = Date.now();
  const cluster = await startCluster();
  console.log(`[pg] throw-away PostgreSQL cluster at ${cluster.url.replace(/:[^:@/]*@/, ':***@')} (${Date.now() - started} ms)`);
  project.provide('sakuraTestPg', cluster.url);
  return () => cluster.stop();
}
