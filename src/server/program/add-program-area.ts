import { inProgram } from '../tenant/program.ts';
import { addLocalArea } from '../areas/apply-official-areas.ts';

/** A program-defined area (a local name such as "Balang-Balang") under one of the program's official desa. */
export async function addProgramArea(opts: { userId: string; programId: string; input: { name: string; parentVillageId: string } }) {
  return inProgram({ userId: opts.userId, programId: opts.programId }, ({ q, programIds }) => addLocalArea(q, programIds[0]!, opts.input));
}
