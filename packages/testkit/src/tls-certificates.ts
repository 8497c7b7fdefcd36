import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export interface TestCa {
  /** The CA certificate (PEM), what MYSQL_SSL_CA names. */
  cert: string;
  key: string;
}

export function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

/** A self-signed CA in `dir` (EC keys: generated in milliseconds), valid for two days. */
export function makeCa(dir: string, name: string): TestCa {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      `/CN=rollcall test ${name}`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}

/** A server certificate signed by `ca` for the given subjectAltName (e.g. 'IP:127.0.0.1'). */
export function makeServerCert(
  dir: string,
  ca: TestCa,
  name: string,
  subjectAltName: string,
): { cert: string; key: string } {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  execFileSync('openssl', ['req', ...EC_KEY, '-keyout', key, '-out', csr, '-subj', `/CN=${name}`], { stdio: 'pipe' });
  execFileSync('sh', [
    '-c',
    `printf 'subjectAltName=%s\\nbasicConstraints=CA:FALSE\\nextendedKeyUsage=serverAuth\\n' "$1" > "$2"`,
    'sh',
    subjectAltName,
    ext,
  ]);
  execFileSync(
    'openssl',
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      ca.cert,
      '-CAkey',
      ca.key,
      '-CAcreateserial',
      '-out',
      cert,
      '-days',
      '2',
      '-extfile',
      ext,
    ],
    { stdio: 'pipe' },
  );
  return { cert, key };
}
