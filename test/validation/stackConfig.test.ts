import { strict as assert } from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { readStackConfig, stackClusterName } from "../../components/config/stackConfig";
import { validationDay } from "./table";

/** `readStackConfig` over flat config maps, as `pulumi.runtime.allConfig()` returns them. */

const project = "karpenter-cluster";
const allowedKeys = '"clusterName", "kubernetesVersion", "tags", "clusterAdmins", "kubeconfigCredentials", "controlPlaneLogRetentionDays", "network", "endpoint", "nodeGroup", "nodeRole", "karpenter", "podDefaults", "smokeTest", "spotServiceLinkedRole"';

/** The `config:` map of Pulumi.dev.yaml, structured. */
function devStackConfig(): Record<string, any> {
    const file = yaml.load(readFileSync(path.join(__dirname, "../../Pulumi.dev.yaml"), "utf8")) as { config: Record<string, unknown> };
    return file.config;
}

/** Pulumi's flat form: strings as they are, structured values as JSON text. */
function flatten(config: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}

/** Pulumi.dev.yaml changed by `change`, flattened. */
function devConfig(change: (config: Record<string, any>) => void = () => undefined): Record<string, string> {
    const config = devStackConfig();
    change(config);
    return flatten(config);
}

const read = (config: Record<string, string>) => readStackConfig(project, config, stackClusterName("dev"), validationDay);

describe("readStackConfig", () => {
    it("reads Pulumi.dev.yaml with zero problems", () => {
        const { args, region, problems } = read(devConfig());
        assert.deepStrictEqual(problems, []);
        assert.equal(region, "us-west-2");
        assert.equal(args.clusterName, "karpenter-dev");
        assert.deepStrictEqual(args.karpenter?.nodePools?.map((p) => p.name), ["default", "batch"]);
    });

    it("keeps kubernetesVersion as text, so 1.30 is not the number 1.3", () => {
        const { args, problems } = read(devConfig((c) => (c["karpenter-cluster:kubernetesVersion"] = "1.30")));
        assert.equal(args.kubernetesVersion, "1.30");
        assert.deepStrictEqual(problems, [{ path: "kubernetesVersion", message: 'must be a version EKS offers (1.32, 1.33, 1.34, 1.35, 1.36), got "1.30": EKS ended extended support for 1.30 on 2026-07-23' }]);
    });

    it("keeps a cluster name that looks like a number as text", () => {
        const { args, problems } = read(devConfig((c) => (c["karpenter-cluster:clusterName"] = "1e3")));
        assert.equal(args.clusterName, "1e3");
        assert.deepStrictEqual(problems, []);
    });

    it("names the cluster after the stack: Pulumi.dev.yaml sets no clusterName, so a copy for another stack gets its own", () => {
        assert.equal("karpenter-cluster:clusterName" in devStackConfig(), false);
        const { args, problems } = read(devConfig());
        assert.equal(args.clusterName, "karpenter-dev");
        assert.equal(readStackConfig(project, devConfig(), stackClusterName("prod"), validationDay).args.clusterName, "karpenter-prod");
        assert.deepStrictEqual(problems, []);
    });

    it("suggests the closest key for a misspelled top-level key", () => {
        const { problems } = read(devConfig((c) => (c["karpenter-cluster:karpneter"] = { replicas: 2 })));
        assert.deepStrictEqual(problems, [{ path: "karpneter", message: 'unknown key; did you mean "karpenter"?' }]);
    });

    it("lists the allowed keys for a key far from every one", () => {
        const { problems } = read(devConfig((c) => (c["karpenter-cluster:vpc"] = "vpc-0abc1234def567890")));
        assert.deepStrictEqual(problems, [{ path: "vpc", message: `unknown key; allowed keys are ${allowedKeys}` }]);
    });

    it("suggests the closest key for a misspelled nested key, with its full path", () => {
        const { problems } = read(
            devConfig((c) => {
                const pool = c["karpenter-cluster:karpenter"].nodePools[0];
                pool.limit = pool.limits;
                delete pool.limits;
            }),
        );
        assert.deepStrictEqual(problems, [{ path: "karpenter.nodePools[0].limit", message: 'unknown key; did you mean "limits"?' }]);
    });

    it("ignores the keys of other namespaces", () => {
        const { problems } = read(devConfig((c) => Object.assign(c, { "aws:profile": "dev", "kubernetes:context": "dev" })));
        assert.deepStrictEqual(problems, []);
    });

    it("requires aws:region", () => {
        const { region, problems } = read(devConfig((c) => delete c["aws:region"]));
        assert.equal(region, undefined);
        assert.deepStrictEqual(problems, [{ path: "aws:region", message: "is required: run `pulumi config set aws:region us-west-2`" }]);
    });

    it("reports a malformed aws:region once, without judging zones against it", () => {
        const { problems } = read(
            devConfig((c) => {
                c["aws:region"] = "us-west2";
                c["karpenter-cluster:karpenter"].nodePools[0].zones = ["us-west-2a"];
            }),
        );
        assert.deepStrictEqual(problems, [{ path: "aws:region", message: 'must be an AWS region such as "us-west-2", got "us-west2"' }]);
    });

    it("accepts regions and zones of every partition, the European Sovereign Cloud's among them", () => {
        for (const [region, zone] of [["us-gov-west-1", "us-gov-west-1a"], ["cn-north-1", "cn-north-1a"], ["eusc-de-east-1", "eusc-de-east-1a"]]) {
            const { problems } = read(
                devConfig((c) => {
                    c["aws:region"] = region;
                    c["karpenter-cluster:karpenter"].nodePools[0].zones = [zone];
                }),
            );
            assert.deepStrictEqual(problems, [], region);
        }
    });

    it("reports zones of another region with their path", () => {
        const { problems } = read(
            devConfig((c) => {
                c["aws:region"] = "eu-west-1";
                c["karpenter-cluster:karpenter"].nodePools[0].zones = ["eu-west-1a", "us-west-2b"];
            }),
        );
        assert.deepStrictEqual(problems, [{ path: "karpenter.nodePools[0].zones[1]", message: 'must be a zone of region eu-west-1 such as "eu-west-1a", got "us-west-2b"' }]);
    });

    it("reports a structured key set to text that is not JSON", () => {
        const { problems } = read(devConfig((c) => (c["karpenter-cluster:network"] = "cidrBlock=10.20.0.0/16")));
        assert.deepStrictEqual(problems, [{ path: "network", message: 'must be structured config (a YAML map, list or boolean), got "cidrBlock=10.20.0.0/16"' }]);
    });

    it("reports every problem at once: config keys, region and arguments", () => {
        const { problems } = read(
            devConfig((c) => {
                delete c["aws:region"];
                c["karpenter-cluster:nodegroup"] = { minSize: 3 };
                c["karpenter-cluster:spotServiceLinkedRole"] = "yes";
                c["karpenter-cluster:karpenter"].nodePools[1].limits.cpu = "lots";
                c["karpenter-cluster:karpenter"].nodePools[1].disruption.consolidateAfter = "5 minutes";
            }),
        );
        assert.deepStrictEqual(problems, [
            { path: "nodegroup", message: 'unknown key; did you mean "nodeGroup"?' },
            { path: "spotServiceLinkedRole", message: 'must be structured config (a YAML map, list or boolean), got "yes"' },
            { path: "aws:region", message: "is required: run `pulumi config set aws:region us-west-2`" },
            { path: "karpenter.nodePools[1].limits.cpu", message: 'must be a Kubernetes quantity such as "100", "500m" or "400Gi", got "lots"' },
            { path: "karpenter.nodePools[1].disruption.consolidateAfter", message: 'must be a duration such as "30s", "5m", "720h" or "Never", got "5 minutes"' },
        ]);
    });
});
