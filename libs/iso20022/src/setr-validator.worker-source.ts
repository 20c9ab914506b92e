// The validator's worker thread, as plain CommonJS run with `eval: true`: libxml2-wasm is an ES module
// with top-level await, which neither swc's CommonJS output nor Jest's module system can load, while a
// worker is a plain Node context that can import it. Each official XSD is compiled once, here, and
// reused for every document. Parsing never substitutes entities, never loads a DTD or an external
// entity (NO_XXE; libxml2 2.15 has no network client, and no input provider is registered).
export const VALIDATOR_WORKER_SOURCE = String.raw`
'use strict';
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const { port, shared, xsdDir, messageTypes, libxml2Path } = workerData;

function reply(seq, message) {
  port.postMessage({ seq, ...message });
  Atomics.store(shared, 0, seq);
  Atomics.notify(shared, 0);
}

function describe(error) {
  const details = Array.isArray(error && error.details) ? error.details : [];
  if (details.length === 0) return [String((error && error.message) || error).trim()];
  return details.map((d) => (d.line ? 'line ' + d.line + ': ' : '') + String(d.message).trim());
}

import(pathToFileURL(libxml2Path).href)
  .then(({ XmlDocument, XsdValidator, ParseOption }) => {
    const safe = ParseOption.XML_PARSE_NONET | ParseOption.XML_PARSE_NO_XXE | ParseOption.XML_PARSE_NO_SYS_CATALOG;
    const validators = new Map();
    const schemas = [];
    for (const messageType of messageTypes) {
      const file = path.join(xsdDir, messageType + '.xsd');
      if (!fs.existsSync(file)) continue;
      try {
        const schema = XmlDocument.fromString(fs.readFileSync(file, 'utf8'), { option: safe });
        schemas.push(schema);
        validators.set(messageType, XsdValidator.fromDoc(schema));
      } catch (error) {
        reply(0, { ready: false, error: file + ': ' + describe(error).join('; ') });
        return;
      }
    }
    port.on('message', ({ seq, messageType, xml }) => {
      const validator = validators.get(messageType);
      if (!validator) return reply(seq, { valid: false, errors: ['no XSD for ' + messageType + ' in ' + xsdDir] });
      let doc;
      try {
        doc = XmlDocument.fromString(xml, { option: safe });
      } catch (error) {
        return reply(seq, { valid: false, errors: describe(error) });
      }
      try {
        validator.validate(doc);
        reply(seq, { valid: true });
      } catch (error) {
        reply(seq, { valid: false, errors: describe(error) });
      } finally {
        doc.dispose();
      }
    });
    reply(0, { ready: true, loaded: [...validators.keys()] });
  })
  .catch((error) => reply(0, { ready: false, error: 'libxml2-wasm did not load: ' + describe(error).join('; ') }));
`;
