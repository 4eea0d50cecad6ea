// Validate JSON documents against cisai's JSON Schema with ajv (draft 2020-12, strict mode).
// Usage: node validate.mjs SCHEMA DOCUMENT [DOCUMENT...]   (a .jsonl document is checked line by line
// against the schema of its record's "type")
import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const [schemaPath, ...documents] = process.argv.slice(2);
const schema = JSON.parse(readFileSync(schemaPath, "utf8"));
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validate = ajv.compile(schema);
let failed = 0;
for (const path of documents) {
  const text = readFileSync(path, "utf8");
  if (path.endsWith(".jsonl")) {
    const byType = {};
    const lines = text.split("\n").filter((line) => line.length > 0);
    lines.forEach((line, index) => {
      const { type, ...record } = JSON.parse(line);
      const name = type.split("_").map((w) => w[0].toUpperCase() + w.slice(1)).join("");
      byType[name] ??= ajv.compile({ $ref: `${schema.$id}#/$defs/${name}` });
      if (!byType[name](record)) {
        failed += 1;
        console.error(`${path}:${index + 1}: ${ajv.errorsText(byType[name].errors)}`);
      }
    });
    console.log(`ajv: ${lines.length} JSON Lines records valid in ${path}`);
  } else if (!validate(JSON.parse(text))) {
    failed += 1;
    console.error(`${path}: ${ajv.errorsText(validate.errors)}`);
  } else {
    console.log(`ajv: ${path} is valid against ${schema.$id}`);
  }
}
process.exit(failed ? 1 : 0);
