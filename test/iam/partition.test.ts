import * as assert from "node:assert/strict";
import { partitionOfRegion } from "../../components/iam/partition";

describe("partition of a region, derived instead of asked of the provider", () => {
    const cases: [region: string, partition: string, dnsSuffix: string][] = [
        ["us-west-2", "aws", "amazonaws.com"],
        ["eu-central-1", "aws", "amazonaws.com"],
        ["il-central-1", "aws", "amazonaws.com"],
        ["mx-central-1", "aws", "amazonaws.com"],
        ["cn-north-1", "aws-cn", "amazonaws.com.cn"],
        ["cn-northwest-1", "aws-cn", "amazonaws.com.cn"],
        ["us-gov-west-1", "aws-us-gov", "amazonaws.com"],
        ["us-gov-east-1", "aws-us-gov", "amazonaws.com"],
        ["us-iso-east-1", "aws-iso", "c2s.ic.gov"],
        ["us-isob-east-1", "aws-iso-b", "sc2s.sgov.gov"],
        ["eu-isoe-west-1", "aws-iso-e", "cloud.adc-e.uk"],
        ["us-isof-south-1", "aws-iso-f", "csp.hci.ic.gov"],
        ["eusc-de-east-1", "aws-eusc", "amazonaws.eu"],
        // Like the SDKs and aws.getPartition: a region no pattern knows is in the standard partition.
        ["xx-nowhere-1", "aws", "amazonaws.com"],
    ];
    for (const [region, partition, dnsSuffix] of cases) {
        it(`${region} → ${partition}, ${dnsSuffix}`, () => {
            assert.deepEqual(partitionOfRegion(region), { partition, dnsSuffix });
        });
    }
});
