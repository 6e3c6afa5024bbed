import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { allPolicies } from "../../policies/rules";

/** policies/README.md documents every policy: a section of its own with its default level and each config property. */
const readme = fs.readFileSync(path.resolve(__dirname, "../../policies/README.md"), "utf8");

function section(name: string): string | undefined {
    const start = readme.indexOf(`### \`${name}\`\n`);
    if (start < 0) {
        return undefined;
    }
    const next = readme.indexOf("\n#", start + 4);
    return readme.slice(start, next < 0 ? undefined : next);
}

describe("policies/README.md", () => {
    for (const policy of allPolicies) {
        it(`documents ${policy.name} with its level and config`, () => {
            const text = section(policy.name);
            assert.ok(text, `no "### \`${policy.name}\`" section`);
            assert.match(text, new RegExp(`\\*\\*Level:\\*\\* ${policy.enforcementLevel} \\(${policy.severity}\\)`));
            const keys = Object.keys(policy.configSchema?.properties ?? {});
            if (keys.length === 0) {
                assert.match(text, /\*\*Config:\*\* none\./);
            }
            for (const key of keys) {
                assert.ok(text.includes(`\`${key}\``), `${policy.name}: config property ${key} is not documented`);
            }
            assert.match(text, /\nWhy: /);
        });
    }

    it("documents no policy the pack does not have", () => {
        const documented = [...readme.matchAll(/^### `([a-z0-9-]+)`$/gm)].map((m) => m[1]).sort();
        assert.deepEqual(documented, allPolicies.map((p) => p.name).sort());
    });
});
