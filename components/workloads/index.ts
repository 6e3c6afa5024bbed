export { limitRangeObject, smokeTestObject, tolerationOf, limitRangeName, smokeTestName } from "./specs";
