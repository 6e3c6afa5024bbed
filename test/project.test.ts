import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";

const root = path.resolve(__dirname, "..");

describe("project layout", () => {
    it("makes Pulumi run each Node.js program, not the package's main (the component library)", () => {
        const packageJson = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
        assert.equal(packageJson.main, "dist/index.js");
        const projects = [".", ...fs.readdirSync(path.join(root, "examples")).map((e) => path.join("examples", e))];
        const runtimeOf = (project: { runtime: string | { name: string } }) => (typeof project.runtime === "string" ? project.runtime : project.runtime.name);
        const nodeProjects = projects.filter((project) => {
            const pulumiYaml = yaml.load(fs.readFileSync(path.join(root, project, "Pulumi.yaml"), "utf8")) as { runtime: string | { name: string } };
            return runtimeOf(pulumiYaml) === "nodejs";
        });
        // examples/python and examples/yaml use the component through the package in provider/.
        assert.deepEqual(projects.filter((p) => !nodeProjects.includes(p)), ["examples/python", "examples/yaml"]);
        for (const project of nodeProjects) {
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
