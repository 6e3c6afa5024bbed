import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { launchAnalyzerHost } from "../../../plan/analyzerHost";
import { PolicyFinding, PolicyPackConfigJson, unknownValue } from "../../../plan/policyHarness";
import { StackExportResource } from "../../../plan/stackExport";
import { analyze, usePolicyPack } from "./host";

/**
 * What reaches a policy over gRPC, checked with a probe pack (probePack/index.ts) whose policies
 * report what they were handed. Resources are written in stack-export form, as `pulumi stack export`
 * writes them.
 */
const sig = pulumi.runtime.specialSigKey;
const secret = (value: unknown) => ({ [sig]: pulumi.runtime.specialSecretSig, plaintext: JSON.stringify(value) });
const urn = (type: string, name: string) => `urn:pulumi:dev::probe::${type}::${name}`;
const stackUrn = urn("pulumi:pulumi:Stack", "probe-dev");
const providerUrn = urn("pulumi:providers:probe", "explicit");
const ownerUrn = urn("probe:index:Owner", "owner");
const thingUrn = urn("probe:index:Thing", "thing");
const colonsUrn = urn("probe:index:Thing", "name::with::colons");

function probeStack(): StackExportResource[] {
    return [
        { urn: stackUrn, custom: false, type: "pulumi:pulumi:Stack", inputs: {}, outputs: {} },
        { urn: providerUrn, custom: true, type: "pulumi:providers:probe", id: "7b2c", parent: stackUrn, inputs: { region: "eu-west-1", __internal: "x" }, outputs: { region: "from-outputs" } },
        { urn: ownerUrn, custom: true, type: "probe:index:Owner", id: "i-0123", parent: stackUrn, provider: `${providerUrn}::7b2c`, inputs: {}, outputs: {} },
        {
            urn: thingUrn,
            custom: true,
            type: "probe:index:Thing",
            parent: stackUrn,
            provider: `${providerUrn}::7b2c`,
            inputs: {
                password: secret("hunter2"),
                pending: unknownValue,
                owner: { [sig]: pulumi.runtime.specialResourceSig, urn: ownerUrn, id: "i-0123", packageVersion: "" },
                nested: { __kept: true, list: [secret(1)] },
                __defaults: [],
            },
            outputs: { password: secret("hunter2"), pending: "known after create", arn: "arn:probe:thing" },
            dependencies: [ownerUrn],
            propertyDependencies: { owner: [ownerUrn], nested: [] },
        },
        { urn: colonsUrn, custom: true, type: "probe:index:Thing", parent: thingUrn, inputs: { pending: "known" }, outputs: { pending: "known" } },
    ];
}

const probePackDir = path.join(__dirname, "probePack");

describe("policy pack over gRPC: launch", () => {
    it("gives up on a pack that prints no port within the time limit, naming the pack", async () => {
        await assert.rejects(launchAnalyzerHost({ packDir: probePackDir, launchTimeoutMs: 1 }), /probePack failed to start: no port within 1 ms/);
    });
});

describe("policy pack over gRPC: what reaches a policy", () => {
    const pack = usePolicyPack({ packDir: probePackDir });

    const reported = (findings: PolicyFinding[], policy: string, urnOf?: string) => {
        const found = findings.filter((f) => f.policy === policy && (urnOf === undefined || f.urn === urnOf));
        assert.equal(found.length, 1, `${policy} ${urnOf ?? ""}: ${JSON.stringify(findings, null, 1)}`);
        return found[0];
    };

    it("hands resource policies the inputs: secrets unwrapped, references as ids, internal keys dropped, the provider with its inputs", async () => {
        const findings = await analyze(pack(), { resources: probeStack() });
        const seen = JSON.parse(reported(findings, "sees-inputs", thingUrn).message);
        assert.deepEqual(seen, {
            name: "thing",
            keys: ["nested", "owner", "password", "pending"],
            password: "hunter2",
            owner: "i-0123",
            nested: { __kept: true, list: [1] },
            provider: { name: "explicit", type: "pulumi:providers:probe", urn: providerUrn, props: { region: "eu-west-1" } },
            parent: stackUrn,
        });
        const colons = JSON.parse(reported(findings, "sees-inputs", colonsUrn).message);
        assert.equal(colons.name, "name::with::colons");
        assert.deepEqual(colons.provider, { name: "default", type: "pulumi:providers:probe", urn: urn("pulumi:providers:probe", "default"), props: {} });
    });

    it("leaves an unknown input to the policy SDK, which turns a policy that reads it into an advisory notice", async () => {
        const findings = await analyze(pack(), { resources: probeStack() });
        const unknown = reported(findings, "touches-unknown", thingUrn);
        assert.equal(unknown.enforcementLevel, "advisory");
        assert.equal(unknown.message, "can't run policy 'touches-unknown' from policy pack 'protocol-probe@v0.0.1' during preview: string value at .pending can't be known during preview");
        const known = reported(findings, "touches-unknown", colonsUrn);
        assert.deepEqual([known.enforcementLevel, known.message], ["mandatory", "pending is known"]);
    });

    it("hands stack policies every resource's outputs, linked to parents, dependencies and providers", async () => {
        const findings = await analyze(pack(), { resources: probeStack() });
        const [thing, colons] = JSON.parse(reported(findings, "sees-outputs").message);
        assert.deepEqual(thing, {
            name: "thing",
            props: { password: "hunter2", pending: "known after create", arn: "arn:probe:thing" },
            parent: "probe-dev",
            dependencies: ["owner"],
            propertyDependencies: { owner: ["owner"] },
            provider: { name: "explicit", props: { region: "eu-west-1" } },
        });
        assert.equal(colons.parent, "thing");
        assert.equal(reported(findings, "sees-outputs").urn, undefined);
    });

    it("configures the pack per stack like --policy-pack-config, defaults first", async () => {
        const config = async (policyConfig: PolicyPackConfigJson) => reported(await analyze(pack(), { resources: probeStack(), policyConfig }), "sees-config");
        assert.deepEqual(await config({}), { policyPack: "protocol-probe", policy: "sees-config", enforcementLevel: "mandatory", urn: undefined, message: '{"limit":3}' });
        assert.equal((await config({ "sees-config": { limit: 5 } })).message, '{"limit":5}');
        assert.equal((await config({ all: "advisory" })).enforcementLevel, "advisory");
        assert.equal((await config({ "sees-config": "remediate" })).enforcementLevel, "mandatory");
        assert.equal((await config({})).message, '{"limit":3}', "a stack's config does not leak into the next");
        await assert.rejects(config({ "sees-config": { limit: "five" } }), /validating policy config:\n {2}sees-config: \/limit must be number/);
    });

    it("stops an update at the first mandatory violation, before stack policies run", async () => {
        const findings = await analyze(pack(), { resources: probeStack(), dryRun: false });
        assert.deepEqual(
            findings.map((f) => [f.policy, f.urn]),
            [
                ["sees-inputs", thingUrn],
                ["touches-unknown", thingUrn],
            ],
        );
    });
});
