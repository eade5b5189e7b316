import { inProgram } from '../tenant/program.ts';
import { applyOfficialAreas } from '../areas/apply-official-areas.ts';

/** Sets up the program's areas from its kabupaten (official kecamatan and desa/kelurahan with codes). */
export async function setProgramKabupaten(opts: { userId: string; programId: string; kabupatenCode: string }) {
  return inProgram({ userId: opts.userId, programId: opts.programId }, ({ q, programIds }) =>
    applyOfficialAreas(q, programIds[0]!, opts.kabupatenCode),
  );
}
