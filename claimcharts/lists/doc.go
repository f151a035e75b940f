// Package lists turns the list files pool administrators and licensors
// keep into registry records and back: a pool's patent list (入池专利清单),
// patents with their claims, and claim charts, one Row at a time. Import
// reads a Source (claimcharts/bulk reads CSV, XLSX and JSON Lines into
// one) with the registry's own rules; Export writes the rows that Import
// reads back to the same records. Columns describes the columns of each
// kind of list, once, for reading, writing and the docs.
//
// It imports claimcharts only, and reaches the Registry through its
// exported surface: reads (Pool, Patents, Entries...), the checks its
// writes run (CheckPatent, CheckChart...), and Save, which writes a record
// with an audit event for an actor. Who may import what is checked here
// with claimcharts.CanWriteHolder and claimcharts.RequireAdmin.
package lists
