// Self-signed certificate for www.linkedin.com, made once with openssl into
// tests/browser/certs/ (gitignored). Browsers are told to accept it
// (Chromium --ignore-certificate-errors, Firefox acceptInsecureCerts).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_TEST_DIR } from './paths.mjs';

export const CERT_DIR = join(BROWSER_TEST_DIR, 'certs');

export function ensureCert() {
  const key = join(CERT_DIR, 'key.pem');
  const cert = join(CERT_DIR, 'cert.pem');
  if (!existsSync(key) || !existsSync(cert)) {
    mkdirSync(CERT_DIR, { recursive: true });
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256',
      '-days', '3650',
      '-keyout', key, '-out', cert,
      '-subj', '/CN=www.linkedin.com',
      '-addext', 'subjectAltName=DNS:www.linkedin.com,DNS:linkedin.com,IP:127.0.0.1',
    ], { stdio: ['ignore', 'ignore', 'pipe'] });
  }
  return { key: readFileSync(key), cert: readFileSync(cert) };
}
