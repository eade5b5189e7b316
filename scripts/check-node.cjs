// Plain CommonJS on purpose: it must run on any Node, including the old ones it turns away
// (Node 20 cannot even load the TypeScript scripts, and fails with ERR_UNKNOWN_FILE_EXTENSION).
'use strict';
const NEED = [22, 12];

function nodeProblem(version) {
  const [major, minor] = String(version).replace(/^v/, '').split('.').map(Number);
  if (major > NEED[0] || (major === NEED[0] && minor >= NEED[1])) return null;
  return (
    `Etalase needs Node.js >= ${NEED.join('.')} (24 LTS recommended); this is Node ${version}. ` +
    'Install Node 24 (https://nodejs.org, your package manager, or `npm i -g node@24`) and run the command again.'
  );
}

module.exports = { nodeProblem };

if (require.main === module) {
  const problem = nodeProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
