// Validates an AsyncAPI document with the official parser (schema, references, spectral rules).
// Exit 1 on any error or warning, so CI fails on both.
import { Parser, fromFile } from '@asyncapi/parser';

const path = process.argv[2];
if (!path) {
  console.error('usage: node validate-asyncapi.mjs FILE');
  process.exit(2);
}

const { document, diagnostics } = await fromFile(new Parser(), path).parse();
const severities = ['error', 'warning', 'info', 'hint'];
for (const d of diagnostics) {
  console.log(`${path}:${(d.range?.start?.line ?? 0) + 1}: ${severities[d.severity]} ${d.code}: ${d.message} (${d.path.join('.')})`);
}

const failing = diagnostics.filter((d) => d.severity <= 1);
if (!document || failing.length > 0) {
  console.error(`${path}: ${failing.length} error(s) or warning(s)`);
  process.exit(1);
}

console.log(`${path}: valid AsyncAPI ${document.version()}, ${document.channels().length} channels, ${document.messages().length} messages`);
