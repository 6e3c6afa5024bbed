import * as assert from "node:assert/strict";
import { eksVersionCalendar as componentCalendar } from "../../components/versions";
import { eksVersionCalendar as packCalendar } from "../../policies/lib/eksCalendar";
import { resource, unknownValue, urnOf, validStack, validStackWith } from "./fixtures";
import { expectFindings, expectNoFindings } from "./helpers";

const policy = "eks-version-support";
const clusterUrn = urnOf("aws:eks/cluster:Cluster", "cluster");
const asOf = (day: string) => ({ [policy]: { asOf: day } });
const withVersion = (version: string | undefined) => validStackWith("cluster", (props) => (version === undefined ? delete props.version : (props.version = version)));

describe("eks-version-support", () => {
    it("uses the same calendar as the component's validation", () => {
        assert.deepEqual(packCalendar, componentCalendar);
    });

    it("accepts a version in standard support", async () => {
        await expectNoFindings(validStack(), asOf("2026-11-30"));
    });

    it("reports a version in extended support with its dates, the cost and the versions to move to (advisory)", async () => {
        await expectFindings(withVersion("1.32"), [
            {
                policy,
                level: "advisory",
                urn: clusterUrn,
                message:
                    'EKS cluster "demo" runs Kubernetes 1.32, in extended support since 2026-03-23 until 2027-03-23: its control plane costs $0.60 per cluster-hour ' +
                    "instead of $0.10. It must be upgraded to a version in standard support (1.34, 1.35, 1.36).",
            },
        ], asOf("2026-11-30"));
    });

    it("starts reporting on the first day of extended support", async () => {
        await expectNoFindings(withVersion("1.34"), asOf("2026-12-01"));
        await expectFindings(withVersion("1.34"), [{ policy, level: "advisory", message: "in extended support since 2026-12-02 until 2027-12-02" }], asOf("2026-12-02"));
    });

    it("reports a version past its end of extended support", async () => {
        await expectFindings(withVersion("1.31"), [
            { policy, level: "advisory", message: "runs Kubernetes 1.31, whose extended support ended on 2026-11-26: EKS creates no cluster on it" },
        ], asOf("2026-11-30"));
    });

    it("judges on the day it runs when asOf is not set", async () => {
        // 1.31 left EKS on 2026-11-26, before any day this test can run on.
        await expectFindings(withVersion("1.31"), [{ policy, level: "advisory", message: "whose extended support ended on 2026-11-26" }]);
    });

    it("judges nothing it does not know: no version (EKS's default), an unknown one, or one the calendar does not list", async () => {
        await expectNoFindings(withVersion(undefined), asOf("2026-11-30"));
        await expectNoFindings(validStackWith("cluster", (props) => (props.version = unknownValue)), asOf("2026-11-30"));
        await expectNoFindings(withVersion("1.28"), asOf("2026-11-30"));
    });

    it("reads aws:eks/cluster:Cluster only, the resource that carries the version in a real stack", async () => {
        const resources = [...validStack(), resource("eks:index:Cluster", "other", { version: "1.31" }, { custom: false })];
        await expectNoFindings(resources, asOf("2026-11-30"));
    });
});
