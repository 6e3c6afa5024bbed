import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies, policyPackName } from "../../policies/rules";

const root = path.resolve(__dirname, "../..");
const packDir = path.join(root, "policies");

/**
 * Every policy, with the default level and kind each must have; the first 18 keep the names users
 * reference in config. The cluster policies are stack policies, so they can stay silent on a stack
 * without Karpenter.
 */
const expected: [string, "mandatory" | "advisory", "stack" | "resource"][] = [
    ["karpenter-controller-off-karpenter-nodes", "mandatory", "stack"],
    ["karpenter-controller-ha", "mandatory", "stack"],
    ["karpenter-controller-placement-verifiable", "advisory", "stack"],
    ["nodepool-limits-required", "mandatory", "resource"],
    ["nodepool-exotic-instances", "advisory", "resource"],
    ["nodepool-disruption", "advisory", "resource"],
    ["ec2nodeclass-imdsv2", "mandatory", "resource"],
    ["ec2nodeclass-encrypted-volumes", "mandatory", "resource"],
    ["ec2nodeclass-ami-pinned", "advisory", "resource"],
    ["karpenter-v1-api-only", "mandatory", "resource"],
    ["interruption-handling", "mandatory", "stack"],
    ["interruption-queue-secure", "mandatory", "stack"],
    ["karpenter-chart-versions", "mandatory", "stack"],
    ["discovery-tag-single-security-group", "mandatory", "stack"],
    ["karpenter-controller-policy-scoped", "mandatory", "stack"],
    ["node-role-can-join", "mandatory", "stack"],
    ["kubernetes-explicit-provider", "mandatory", "resource"],
    ["controller-identity-matches", "mandatory", "stack"],
    ["eks-private-endpoint", "advisory", "stack"],
    ["eks-version-support", "advisory", "stack"],
    ["spot-service-linked-role", "advisory", "stack"],
    ["nodepool-satisfiable", "mandatory", "stack"],
    ["nodepool-instance-choice", "advisory", "stack"],
    ["nodepool-cost-ceiling", "advisory", "stack"],
    ["nodepool-capacity-types", "mandatory", "resource"],
    ["ec2nodeclass-ami-family", "mandatory", "resource"],
    ["ec2nodeclass-required-tags", "mandatory", "resource"],
];

function tsFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) {
            return e.name === "node_modules" ? [] : tsFiles(full);
        }
        return e.name.endsWith(".ts") ? [full] : [];
    });
}

describe("karpenter-guardrails pack", () => {
    it("registers exactly these policies with their default levels and kinds", () => {
        const actual = allPolicies.map((p) => [p.name, p.enforcementLevel, "validateStack" in p ? "stack" : "resource"]);
        assert.deepEqual([...actual].sort(), [...expected].sort());
        assert.equal(policyPackName, "karpenter-guardrails");
    });

    it("gives every policy a kebab-case name, a 'Checks' description, severity, tags and remediation steps", () => {
        for (const policy of allPolicies) {
            assert.match(policy.name, /^[a-z0-9]+(-[a-z0-9]+)*$/, policy.name);
            assert.match(policy.description, /^Checks (whether|that) /, policy.name);
            assert.ok(["low", "medium", "high", "critical"].includes(policy.severity ?? ""), policy.name);
            assert.ok((policy.tags ?? []).includes("karpenter") && (policy.tags ?? []).length >= 3, policy.name);
            assert.ok((policy.remediationSteps ?? "").length > 40, policy.name);
            assert.ok(policy.url?.startsWith("https://"), policy.name);
            const validate = (policy as ResourceValidationPolicy).validateResource ?? (policy as StackValidationPolicy).validateStack;
            assert.equal(typeof validate, "function", policy.name);
        }
    });

    it("declares config schemas with defaults for the configurable policies", () => {
        const schemaDefaults = Object.fromEntries(
            allPolicies.filter((p) => p.configSchema).map((p) => [p.name, Object.fromEntries(Object.entries(p.configSchema!.properties).map(([k, v]) => [k, v.default]))]),
        );
        assert.deepEqual(schemaDefaults, {
            // Defaults that keep each policy as it was before it took config.
            "karpenter-controller-ha": { minReplicas: 2 },
            "nodepool-limits-required": { maxCpu: undefined },
            "nodepool-capacity-types": { allowedCapacityTypes: ["on-demand", "spot", "reserved"] },
            "ec2nodeclass-ami-family": { allowedFamilies: ["al2", "al2023", "bottlerocket", "windows2019", "windows2022", "windows2025", "custom"] },
            "ec2nodeclass-required-tags": { requiredTags: [] },
            "nodepool-exotic-instances": { allowedFamilies: [], allowMetal: false, allowHighMemory: false },
            "ec2nodeclass-imdsv2": { maxHopLimit: 1 },
            "ec2nodeclass-ami-pinned": { allowLatest: false, allowedAliases: [] },
            // No fixed default: unset means the day the policy runs.
            "eks-version-support": { asOf: undefined },
            "nodepool-instance-choice": { minInstanceTypes: 15 },
            // No budget unless one is configured.
            "nodepool-cost-ceiling": { maxHourlyPerNodePool: undefined, maxHourlyPerStack: undefined },
        });
    });

    it("is a self-contained Pulumi policy pack folder", () => {
        const pkg = JSON.parse(fs.readFileSync(path.join(packDir, "package.json"), "utf8"));
        assert.equal(pkg.name, "karpenter-guardrails");
        assert.equal(pkg.version, "0.2.0");
        assert.deepEqual(pkg.dependencies, { "@pulumi/policy": "1.21.0", "@pulumi/pulumi": "3.248.0" });
        assert.match(fs.readFileSync(path.join(packDir, "PulumiPolicy.yaml"), "utf8"), /^runtime: nodejs$/m);
        // The lock file npm publishes with the package (npm pack leaves package-lock.json out).
        const lock = JSON.parse(fs.readFileSync(path.join(packDir, "npm-shrinkwrap.json"), "utf8"));
        assert.equal(lock.packages[""].version, "0.2.0");
        assert.deepEqual(lock.packages[""].dependencies, pkg.dependencies);
        for (const [name, version] of Object.entries(pkg.dependencies)) {
            assert.equal(lock.packages[`node_modules/${name}`].version, version, name);
        }
        assert.ok(!fs.existsSync(path.join(packDir, "node_modules")), "no policies/node_modules left behind");
        const allowed = new Set(Object.keys(pkg.dependencies));
        let packageImports = 0;
        for (const file of tsFiles(packDir)) {
            for (const [, spec] of fs.readFileSync(file, "utf8").matchAll(/^(?:import|export)\b[^;]*?\bfrom "([^"]+)";/gms)) {
                if (spec.startsWith(".")) {
                    const target = path.resolve(path.dirname(file), spec);
                    assert.ok(target.startsWith(packDir + path.sep), `${file} imports ${spec} from outside policies/`);
                } else {
                    assert.ok(allowed.has(spec), `${file} imports undeclared package ${spec}`);
                    packageImports++;
                }
            }
        }
        assert.ok(packageImports >= 10, "the import scan must see the pack's @pulumi/policy imports");
    });

    it("only constructs the PolicyPack in policies/index.ts, from the shared policy list", () => {
        const index = fs.readFileSync(path.join(packDir, "index.ts"), "utf8");
        assert.match(index, /new PolicyPack\(policyPackName, \{\s*policies: allPolicies,/);
        for (const file of tsFiles(packDir).filter((f) => f !== path.join(packDir, "index.ts"))) {
            assert.ok(!fs.readFileSync(file, "utf8").includes("new PolicyPack"), `${file} must not construct a PolicyPack`);
        }
    });

    it("loads policies/rules without starting the analyzer server", () => {
        const script = "require('ts-node/register/transpile-only'); const r = require('./policies/rules'); console.log('loaded ' + r.allPolicies.length);";
        const result = spawnSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
        assert.equal(result.status, 0, result.stderr);
        assert.equal(result.stdout.trim(), `loaded ${expected.length}`, "a started server would print its port and keep the process alive");
    });
});
