import type { Command } from '../command.ts';

// CLI commands of the results area; filled in by the issue that builds it.
export const resultsCommands: Record<string, Command> = {};
