import { strict as assert } from "assert";
import { validateArgs } from "../../components/config/validateArgs";
import { defaultKubernetesVersion, eksSupportPhase, eksVersionCalendar, eksVersionsOffered } from "../../components/versions";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

describe("the EKS release calendar", () => {
    it("lists every version from 1.29 to 1.36, each ending standard support before extended support", () => {
        assert.deepStrictEqual(Object.keys(eksVersionCalendar), ["1.29", "1.30", "1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]);
        for (const [version, dates] of Object.entries(eksVersionCalendar)) {
            assert.ok(dates.endOfStandardSupport < dates.endOfExtendedSupport, version);
            assert.ok(dates.released === undefined || dates.released < dates.endOfStandardSupport, version);
        }
    });

    it("puts a version in extended support from the first UTC day of it, and out of EKS from its end day", () => {
        assert.equal(eksSupportPhase("1.34", new Date("2026-12-01T23:59:59Z")), "standard");
        assert.equal(eksSupportPhase("1.34", day("2026-12-02")), "extended");
        assert.equal(eksSupportPhase("1.31", new Date("2026-11-25T23:59:59Z")), "extended");
        assert.equal(eksSupportPhase("1.31", day("2026-11-26")), "ended");
        assert.equal(eksSupportPhase("1.28", day("2026-11-30")), undefined);
    });

    it("keeps the default Kubernetes version in standard support today", () => {
        // The shipped stacks use the default: once it enters extended support their plans get an
        // eks-version-support finding (six times the control-plane price), and later EKS refuses it.
        assert.equal(
            eksSupportPhase(defaultKubernetesVersion, new Date()),
            "standard",
            `defaultKubernetesVersion ${defaultKubernetesVersion} left EKS standard support on ${eksVersionCalendar[defaultKubernetesVersion]?.endOfStandardSupport}: bump it in components/versions.ts (and the AMI aliases, and the calendar) before anything else`,
        );
    });

    it("offers the versions not yet past extended support", () => {
        assert.deepStrictEqual(eksVersionsOffered(day("2026-11-25")), ["1.31", "1.32", "1.33", "1.34", "1.35", "1.36"]);
        assert.deepStrictEqual(eksVersionsOffered(day("2026-11-30")), ["1.32", "1.33", "1.34", "1.35", "1.36"]);
    });
});

describe("validateArgs: kubernetesVersion against the calendar", () => {
    it("accepts 1.31 on its last day of extended support and refuses it, with the date, the day after", () => {
        assert.deepStrictEqual(validateArgs({ kubernetesVersion: "1.31" }, { today: new Date("2026-11-25T20:00:00Z") }), []);
        assert.deepStrictEqual(validateArgs({ kubernetesVersion: "1.31" }, { today: day("2026-11-26") }), [
            { path: "kubernetesVersion", message: 'must be a version EKS offers (1.32, 1.33, 1.34, 1.35, 1.36), got "1.31": EKS ended extended support for 1.31 on 2026-11-26' },
        ]);
    });

    it("judges on the current date when no day is given, as the component does", () => {
        // 1.31 left EKS on 2026-11-26, before any day this test can run on.
        assert.deepStrictEqual(
            validateArgs({ kubernetesVersion: "1.31" }).map((p) => p.path),
            ["kubernetesVersion"],
        );
    });
});
