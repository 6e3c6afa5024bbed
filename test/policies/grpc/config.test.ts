import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { PolicyFinding, PolicyPackConfigJson, runPolicies } from "../../../plan/policyHarness";
import { inPreviewShape, validStack } from "../fixtures";
import { toExportResources, usePolicyPack } from "./host";

/**
 * Policy config as an organization writes it: JSON files exactly as `pulumi preview
 * --policy-pack-config <file>` reads them (pkg/resource/analyzer/config.go at v3.248.0
 * `LoadPolicyPackConfigFromFile`: the file's JSON, parsed by `parsePolicyPackConfig`), reconciled
 * with each policy's configSchema and sent to the pack as the engine does (plan/analyzer/config.ts).
 */
const configDir = path.resolve(__dirname, "../config");
const readConfig = (file: string) => JSON.parse(fs.readFileSync(path.join(configDir, file), "utf8")) as PolicyPackConfigJson;

const summary = (findings: PolicyFinding[]) => findings.map((f) => `${f.enforcementLevel} ${f.policy}: ${f.message}`);

describe("policy config files, through the engine's gRPC protocol", () => {
    const host = usePolicyPack();
    const analyze = (file: string) => host().analyze({ project: "karpenter", stack: "dev", dryRun: true, resources: toExportResources(inPreviewShape(validStack())), policyConfig: readConfig(file) });

    it("platform-baseline.json tightens the choices the valid stack made: replicas, CPU limit, capacity types, tags", async () => {
        assert.deepEqual(summary(await analyze("platform-baseline.json")), [
            'mandatory ec2nodeclass-required-tags: EC2NodeClass "default" must set spec.tags "cost-center", "team", so every instance Karpenter launches carries them.',
            'mandatory karpenter-controller-ha: Karpenter controller (Helm release "karpenter") must run at least 3 replicas, not 2, so provisioning survives a node or zone failure.',
            'mandatory nodepool-capacity-types: NodePool "default" can launch spot capacity; it must require karpenter.sh/capacity-type In [on-demand] or a subset.',
            'mandatory nodepool-limits-required: NodePool "default" must set spec.limits.cpu to at most 64 (maxCpu), not 100.',
        ]);
    });

    it("platform-relaxed.json keeps the valid stack clean with levels and looser settings", async () => {
        assert.deepEqual(await analyze("platform-relaxed.json"), []);
    });

    it("the harness reads the same files to the same findings", async () => {
        for (const file of ["platform-baseline.json", "platform-relaxed.json"]) {
            assert.deepEqual(await analyze(file), await runPolicies(inPreviewShape(validStack()), readConfig(file)), file);
        }
    });

    it("invalid.json fails before any resource is analyzed, naming each property against its schema", async () => {
        await assert.rejects(analyze("invalid.json"), (error: Error) => {
            assert.match(error.message, /validating policy config/);
            assert.match(error.message, /karpenter-controller-ha: \/minReplicas must be >= 1/);
            assert.match(error.message, /nodepool-capacity-types: \/allowedCapacityTypes\/0 must be equal to one of the allowed values/);
            assert.match(error.message, /ec2nodeclass-required-tags: \/requiredTags must be array/);
            return true;
        });
    });
});
