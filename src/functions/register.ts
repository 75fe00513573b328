// Entry of the shared runtime's functions bundle. Importing functions.ts is enough: when webpack
// bundles it, custom-functions-metadata-plugin appends a CustomFunctions.associate call for every
// @customfunction, so nothing is associated here (associating twice is an error in Excel).
import "./functions";
