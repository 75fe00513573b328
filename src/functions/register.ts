// Entry of the shared runtime's functions bundle. Import every file of AWARD functions here: when
// webpack bundles them, custom-functions-metadata-plugin appends a CustomFunctions.associate call
// for every @customfunction, so nothing is associated here (associating twice is an error in Excel).
// test/build.test.ts checks that every function in FUNCTION_TABLE is in functions.json, associated once.
import "./function-table";
