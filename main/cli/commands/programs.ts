import type { Command } from '../command.ts';

// CLI commands of the programs area; filled in by the issue that builds it.
export const programsCommands: Record<string, Command> = {};
