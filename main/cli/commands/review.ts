import type { Command } from '../command.ts';

// CLI commands of the review area; filled in by the issue that builds it.
export const reviewCommands: Record<string, Command> = {};
