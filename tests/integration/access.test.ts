import { accessMatrixSuite } from '../helpers/access-matrix.ts';
import { startServer } from '../helpers/server.ts';

accessMatrixSuite(`role × route matrix (${process.env.DATABASE_URL ? 'postgres' : 'sqlite'})`, () => startServer());
