package bulk

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// The one rule of CSV formula neutralising, used by the exporter and the
// importer alike (OWASP, "CSV Injection"): a spreadsheet program takes a
// cell for a formula when it starts with =, +, - or @, or with a tab or a
// carriage return; programs that trim the cell first see a sign behind
// leading white space too, and some read the full-width signs (＝＋－＠)
// typed by a CJK input method as the ASCII ones. Such a cell is written
// with an apostrophe before it, which spreadsheets show as text and the
// importer drops; a cell that already starts with an apostrophe before
// such a start gets one more, so that the importer gives back the cell as
// it was.

// formulaSigns are the first characters a spreadsheet evaluates.
const formulaSigns = "=+-@＝＋－＠"

// leadingSpace is the white space a spreadsheet may trim before a sign.
const leadingSpace = " \t\r\n\u00a0\u3000"

// formulaStart reports whether a spreadsheet could take cell for a formula.
func formulaStart(cell string) bool {
	if cell == "" {
		return false
	}
	if cell[0] == '\t' || cell[0] == '\r' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(strings.TrimLeft(cell, leadingSpace))
	return strings.ContainsRune(formulaSigns, r)
}

// needsEscape reports whether a cell is written behind an apostrophe: a
// formula start, or an apostrophe before one.
func needsEscape(cell string) bool {
	return formulaStart(cell) || strings.HasPrefix(cell, "'") && formulaStart(cell[1:])
}

// escapeCell puts an apostrophe before a cell that a spreadsheet could
// take for a formula; unescapeCell drops it.
func escapeCell(cell string) string {
	if needsEscape(cell) {
		return "'" + cell
	}
	return cell
}

// unescapeCell drops the apostrophe escapeCell put before a cell, and
// reports whether it did: such a cell is text, never a formula.
func unescapeCell(cell string) (string, bool) {
	if strings.HasPrefix(cell, "'") && needsEscape(cell[1:]) {
		return cell[1:], true
	}
	return cell, false
}

// formulaBody matches what follows the sign of a spreadsheet formula: a
// function call, a cell reference or a number ("SUM(A1:A3)", "A1", "1+2",
// "HYPERLINK(...)").
var formulaBody = regexp.MustCompile(`^\s*(?:[A-Za-z_][A-Za-z0-9_.]*\s*\(|\$?[A-Za-z]{1,3}\$?\d|[-+]?\d)`)

// plainNumber is a number after a sign: "-1", "+86 10 1234".
var plainNumber = regexp.MustCompile(`^[\d\s.,]*$`)

// isFormula reports whether a cell as read (not escaped) is a spreadsheet
// formula rather than a value: a formula start followed by an expression.
// A sign before plain text ("- none", "@acme") is a value.
func isFormula(cell string) bool {
	if !formulaStart(cell) {
		return false
	}
	rest := strings.TrimLeft(cell, leadingSpace)
	r, size := utf8.DecodeRuneInString(rest)
	if r == '-' || r == '+' || r == '－' || r == '＋' {
		// "-1" and "+86 10 1234" are numbers, not formulas.
		return formulaBody.MatchString(rest[size:]) && !plainNumber.MatchString(rest[size:])
	}
	return formulaBody.MatchString(rest[size:])
}
