import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

const root = path.resolve(__dirname, "..");

describe("project layout", () => {
    it("makes Pulumi run each program, not the package's main (the component library)", () => {
        const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(packageJson.main, "dist/index.js");
        const projects = [".", ...fs.readdirSync(path.join(root, "examples")).map((e) => path.join("examples", e))];
        for (const project of projects) {
            const pulumiYaml = yaml.load(fs.readFileSync(path.join(root, project, "Pulumi.yaml"), "utf8")) as { main?: string };
            assert.equal(pulumiYaml.main, "index.ts", project);
            assert.ok(fs.existsSync(path.join(root, project, "index.ts")), project);
        }
    });

    it("keeps one pinned copy of @pulumi/pulumi, as the mocks need", () => {
        const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(packageJson.devDependencies["@pulumi/pulumi"], "3.248.0");
        assert.ok(packageJson.peerDependencies["@pulumi/pulumi"]);
        const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
        const copies = Object.keys(lock.packages).filter((p) => p.endsWith("node_modules/@pulumi/pulumi"));
        assert.deepEqual(copies, ["node_modules/@pulumi/pulumi"]);
    });
});
