// Reads {"document": <AsyncAPI document>, "events": [<CloudEvent>, ...]} on stdin. Validates the document with the
// AsyncAPI Initiative's parser, then each event against the payload schema of the message its `type` names (Ajv).
// Prints {"diagnostics": [...errors], "events": [{"id", "type", "errors": [...]}]}.
import { Parser } from '@asyncapi/parser';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

let input = '';
for await (const chunk of process.stdin) input += chunk;
const { document, events } = JSON.parse(input);

const parser = new Parser();
const { document: parsed, diagnostics } = await parser.parse(JSON.stringify(document));
const errors = diagnostics.filter(d => d.severity === 0).map(d => `${d.code}: ${d.message} at ${JSON.stringify(d.path)}`);
const result = { diagnostics: errors, events: [] };
if (!parsed) {
  console.log(JSON.stringify(result));
  process.exit(0);
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
const byName = new Map();
for (const message of parsed.components().messages().all()) {
  byName.set(message.name(), ajv.compile(message.payload().json()));
}
for (const event of events) {
  const validate = byName.get(event.type);
  const eventErrors = !validate ? [`no message named ${event.type}`]
    : validate(event) ? [] : validate.errors.map(e => `${e.instancePath} ${e.message}`);
  result.events.push({ id: event.id, type: event.type, errors: eventErrors });
}
console.log(JSON.stringify(result));
