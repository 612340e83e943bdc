// Reads an OpenAPI document on stdin; prints Redocly's findings (its "recommended" rules, which include the
// structural validation of the OpenAPI specification) as JSON: [{ severity, rule, message, pointer }].
import { createConfig, lintFromString } from '@redocly/openapi-core';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const source = Buffer.concat(chunks).toString('utf8');

// Stricter than "recommended" where a client relies on it: every operation says what success looks like.
const config = await createConfig({
  extends: ['recommended'],
  rules: { 'operation-2xx-response': 'error' },
});
const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
console.log(JSON.stringify(problems.map(p => ({
  severity: p.severity,
  rule: p.ruleId,
  message: p.message,
  pointer: p.location?.[0]?.pointer ?? '',
}))));
