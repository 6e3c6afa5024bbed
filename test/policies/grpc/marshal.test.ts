import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { analyzerProperties } from "../../../plan/analyzer/properties";
import { unknownValue } from "../../../plan/policyHarness";
import { StackExport, StackExportResource, toEngineResources } from "../../../plan/stackExport";

const sig = pulumi.runtime.specialSigKey;
const secretSig = pulumi.runtime.specialSecretSig;
const ref = (urn: string, id?: string) => ({ [sig]: pulumi.runtime.specialResourceSig, urn, packageVersion: "", ...(id === undefined ? {} : { id }) });

function doc(resources: StackExportResource[]): StackExport {
    return { version: 3, deployment: { resources } };
}

describe("export values marshalled as the engine sends them to a pack", () => {
    it("keeps secrets wrapped with their value, and an undecryptable one unknown", () => {
        const props = analyzerProperties({ a: { [sig]: secretSig, plaintext: '{"b":[1]}' }, c: { [sig]: secretSig, ciphertext: "AAAA" } });
        assert.deepEqual(props, { a: { [sig]: secretSig, value: { b: [1] } }, c: { [sig]: secretSig, value: unknownValue } });
    });

    it("sends a custom resource reference as its id (unknown when empty), a component's as its URN", () => {
        const urn = "urn:pulumi:dev::p::aws:s3/bucket:Bucket::b";
        assert.deepEqual(analyzerProperties({ custom: ref(urn, "b-123"), pending: ref(urn, ""), component: ref(urn) }), { custom: "b-123", pending: unknownValue, component: urn });
    });

    it("drops only top-level internal keys, and Remediate keeps them", () => {
        const props = { __defaults: [], name: "x", tags: { __kept: "y" } };
        assert.deepEqual(analyzerProperties(props), { name: "x", tags: { __kept: "y" } });
        assert.deepEqual(analyzerProperties(props, { skipInternalKeys: false }), props);
    });
});

describe("toEngineResources", () => {
    const urn = (name: string) => `urn:pulumi:dev::p::aws:sqs/queue:Queue::${name}`;

    it("gives resource policies the inputs and stack policies the outputs", () => {
        const [queue, bare] = toEngineResources(
            doc([
                { urn: urn("q"), type: "aws:sqs/queue:Queue", custom: true, inputs: { name: "q" }, outputs: { name: "q", arn: "arn:aws:sqs:eu-west-1:1:q" } },
                { urn: urn("name::with::colons"), type: "aws:sqs/queue:Queue", custom: true, inputs: { name: "bare" } },
            ]),
        );
        assert.deepEqual([queue.inputs, queue.outputs], [{ name: "q" }, { name: "q", arn: "arn:aws:sqs:eu-west-1:1:q" }]);
        assert.deepEqual(bare.outputs, {}, "a resource without outputs in a document that records them has none");
        assert.equal(bare.name, "name::with::colons");
    });

    it("stands in the inputs, as the same object, when the document records no outputs at all", () => {
        const [queue] = toEngineResources(doc([{ urn: urn("q"), type: "aws:sqs/queue:Queue", custom: true, inputs: { name: "q" } }]));
        assert.equal(queue.outputs, queue.inputs);
    });
});
