#!/usr/bin/env node
// Validates SARIF files against the SARIF 2.1.0 JSON schema, offline.
//
//   node tests/sarif/validate.js FILE.sarif...
//
// Prints "VALID <file>" per good file and the schema errors per bad one; exits 0 when every file is valid, 1 when
// one is not, 2 on bad usage or an unreadable/unparsable file.
//
// Why this setup (see integrations.md 4.5, Option A): the schema ships inside @microsoft/jest-sarif and is JSON
// Schema draft-04, which ajv 8 no longer speaks; ajv 6 does once the draft-04 meta-schema is added. We load only
// the schema file from jest-sarif, never its index (which pulls in sync-fetch), so nothing touches the network.
'use strict';

const fs = require('fs');
const path = require('path');

const Ajv = require('ajv');

const jestSarifDir = path.dirname(require.resolve('@microsoft/jest-sarif/package.json'));
const schemaPath = path.join(jestSarifDir, 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const draft04Path = path.join(path.dirname(require.resolve('ajv/package.json')), 'lib', 'refs', 'json-schema-draft-04.json');

function readJson(file) {
  // JSON.parse, not require(): require() of a .sarif file would parse it as JavaScript.
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function main(files) {
  if (files.length === 0) {
    console.error('usage: node validate.js FILE.sarif...');
    return 2;
  }
  const ajv = new Ajv({ schemaId: 'auto', allErrors: true, jsonPointers: true });
  ajv.addMetaSchema(readJson(draft04Path));
  const validate = ajv.compile(readJson(schemaPath));

  let status = 0;
  for (const file of files) {
    let log;
    try {
      log = readJson(file);
    } catch (error) {
      console.error(`ERROR ${file}: ${error.message}`);
      status = 2;
      continue;
    }
    if (validate(log)) {
      console.log(`VALID ${file}`);
      continue;
    }
    console.error(`INVALID ${file}`);
    for (const e of validate.errors)
      console.error(`  ${e.dataPath || '/'}: ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`);
    if (status === 0)
      status = 1;
  }
  return status;
}

process.exitCode = main(process.argv.slice(2));
