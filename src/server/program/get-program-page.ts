import type { SessionUser } from '../auth/session.ts';
import { programSummary } from './program-summary.ts';
import { listProgramMembers } from './list-program-members.ts';

/** The program office page: the figures per program and the members an officer may help. */
export async function getProgramPage(user: SessionUser) {
  return { summary: await programSummary(user), members: await listProgramMembers(user) };
}
