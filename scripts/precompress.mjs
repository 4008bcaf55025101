// Leaves a brotli (.br, quality 11) and a gzip (.gz, level 9) copy beside every text and
// WebAssembly file of the built SPA, for the server to send as they are: compressing once
// at the highest level beats compressing on every request at a fast one.
// Usage: node scripts/precompress.mjs <dist-dir>
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const COMPRESSIBLE = /\.(wasm|js|css|html|svg|json)$/;
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });

for (const path of walk(process.argv[2]).filter((path) => COMPRESSIBLE.test(path))) {
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
}
