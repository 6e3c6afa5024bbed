import * as assert from "node:assert/strict";
import * as fs from "fs";
import { parseCommandLine, readPolicyConfig, UsageError } from "../../plan/cliSupport";
import { tempFile } from "./support";

describe("command-line parsing", () => {
    const options = { stack: { type: "string" }, json: { type: "boolean" } } as const;
    const parse = (args: string[], allowPositionals = false) => parseCommandLine({ args, options, allowPositionals });

    it("parses known options", () => {
        assert.deepEqual({ ...parse(["--stack", "prod", "--json"]).values }, { stack: "prod", json: true });
    });

    it("turns each parse error into one usage line", () => {
        const table: [string[], string][] = [
            [["--stak", "prod"], "unknown option --stak; did you mean --stack?"],
            [["--colour"], "unknown option --colour"],
            [["--stack"], "option --stack needs a value"],
            [["--stack", "--json"], "option --stack needs a value"],
            [["--json=yes"], "option '--json' does not take an argument"],
            [["prod"], "unexpected argument 'prod'"],
        ];
        for (const [args, message] of table) {
            assert.throws(() => parse(args), new UsageError(message), args.join(" "));
        }
    });

    it("keeps the first sentence when positionals are allowed", () => {
        // Node appends advice on '--' to this message when positionals are allowed.
        assert.throws(() => parse(["--stak", "x"], true), new UsageError("unknown option --stak; did you mean --stack?"));
    });
});

describe("policy config file", () => {
    it("reads a JSON object, and reports a missing file as a usage error and bad JSON as a failure", () => {
        const file = tempFile("pc.json");
        fs.writeFileSync(file, JSON.stringify({ "eks-private-endpoint": "mandatory" }));
        assert.deepEqual(readPolicyConfig(file), { "eks-private-endpoint": "mandatory" });
        assert.deepEqual(readPolicyConfig(undefined), {});
        assert.throws(() => readPolicyConfig(`${file}.missing`), new UsageError(`policy config file ${file}.missing does not exist`));
        fs.writeFileSync(file, "{");
        assert.throws(() => readPolicyConfig(file), (error: Error) => !(error instanceof UsageError) && error.message.startsWith(`${file} is not JSON: `));
        fs.writeFileSync(file, "[]");
        assert.throws(() => readPolicyConfig(file), new Error(`${file} must hold a JSON object of policy names to levels or settings`));
    });
});
