import { accessMatrixMarkdown } from '../src/server/auth/access-matrix.ts';
console.log(accessMatrixMarkdown());
