// Package dump is the full dump of a registry and its restore (sepportal
// export --all, sepportal import --all): every record of the store, kind
// by kind, with its data byte for byte, and the restore of such a dump
// into an empty store with the indexes each record derives.
//
// It imports claimcharts only, and reaches the registry through its
// exported surface (claimcharts.Scan, claimcharts.RequireAdmin,
// claimcharts.DocIndexes...). The file format, JSON Lines, is read and
// written by claimcharts/bulk.
package dump
