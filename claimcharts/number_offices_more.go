package claimcharts

import (
	"strings"

	"sepportal/claimcharts/msg"
)

// The offices below write letters or slashes into their numbers, or number
// applications and grants in ways that the plain "up to N digits" rule of
// simpleOffice misreads. Each table says where its forms come from:
//
//   - WIPO Standard ST.13 (numbering of applications) and the offices'
//     entries in the WIPO DAS country guide (confluence.wipo.int, space
//     "dascg"), which give each office's application number format;
//   - the EPO's Espacenet help on number formats (one country code, year,
//     serial) and the DOCDB forms Espacenet shows;
//   - the offices' own registers where named.

// idOffice reads Indonesian numbers (DGIP, pdki-indonesia.dgip.go.id).
// Granted patents are IDP and nine digits (IDP000045678), simple patents IDS
// (IDS000001234); applications are P (patent), S (simple patent) or W (PCT
// national phase), two zeros, the year and five digits (P00201501234, WIPO
// DAS). The letter after ID is part of the number: Serial P000045678, so the
// key is IDP000045678, as the office writes it.
func idOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<pre>[PSW]00)(?P<yr>\d{4})(?P<num>\d{5})`, prefixed(dated(5))),
		// Granted: zero-padded to nine digits, so IDP45678 and IDP000045678 share a key.
		numPat(FormPublication, `(?P<pre>[PS])(?P<num>\d{1,9})`+kindRE, padded(9)),
		// Publication numbers of applications: year and five digits (ID 2016/01234).
		numPat(FormPublication, `(?P<yr>\d{4})/?(?P<num>\d{5})`+kindRE, dated(5)),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintID)}
}

// fileNumberOffice reads an office whose numbers are file numbers of
// slash-separated parts: letters for the kind of filing, then the year and
// a serial. Nigeria (Patents and Designs Registry, Abuja) writes
// NG/P/2015/123, NG/PT/NC/P/2019/3456 and NG/C/2016/1234 for a PCT national
// phase; ARIPO writes applications AP/P/2015/008765 (WIPO DAS). A key may
// not hold a slash, so Serial joins the parts with hyphens (P-2015-123),
// the serial without leading zeros, and the display form writes the
// slashes back. Registration numbers are digits (NG 123456, AP 5678).
func fileNumberOffice(code, example string) *numOffice {
	return &numOffice{display: fileNumberDisplay, patterns: []numPattern{
		numPat(FormPublication, `(?P<pre>(?:[A-Z]{1,3}[/-]){1,4})(?P<yr>\d{4})[/-](?P<num>\d{1,6})`, fileNumber),
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintFileNumber, code, example)}
}

// fileNumber joins a file number's parts with hyphens, the serial without
// leading zeros (NG/P/2015/0123 is NG/P/2015/123).
func fileNumber(g map[string]string) (string, error) {
	if _, err := fullYear(g["yr"]); err != nil {
		return "", err
	}
	num := strings.TrimLeft(g["num"], "0")
	if num == "" {
		return "", msg.Says(msg.FileSerial, g["num"])
	}
	parts := strings.FieldsFunc(g["pre"], func(r rune) bool { return r == '/' || r == '-' })
	return strings.Join(append(parts, g["yr"], num), "-"), nil
}

// fileNumberDisplay writes NG/P/2015/123.
func fileNumberDisplay(n Number) string {
	if strings.Contains(n.Serial, "-") {
		return n.Country + "/" + strings.ReplaceAll(n.Serial, "-", "/")
	}
	return n.Country + " " + n.Serial
}

// coOffice reads Colombian numbers (SIC). Applications are NC (national
// phase and national filings), the year and seven digits (CO NC2019/0012345,
// WIPO DAS), written NC20190012345; grants are digits.
func coOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<pre>NC)(?P<yr>\d{4})/?(?P<num>\d{1,7})`, prefixed(dated(7))),
		numPat(FormPublication, `(?P<num>\d{1,12})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintCO)}
}

// ruOffice reads Russian numbers (Rospatent, fips.ru). Patents for
// inventions have seven digits (RU 2 612 345 C2), utility models six
// (RU 161234 U1); applications, under which applications are published with
// kind A, are the year and six digits (RU 2015123456 A, ST.13).
func ruOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat("", `(?P<yr>\d{4})(?P<num>\d{6})`+kindRE, dated(6)),
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintRU)}
}

// phOffice reads Philippine numbers (IPOPHL, PhilPAT). Applications are the
// type (1 invention, 2 utility model, 3 design), the year and six digits
// (PH 1-2015-501234, WIPO DAS); the office grants and publishes under them
// (PH 1/2015/501234 B1; Espacenet PH12015501234B1). Older patents are
// numbered up to six digits (PH 12345).
func phOffice() *numOffice {
	return &numOffice{display: phDisplay, patterns: []numPattern{
		numPat("", `(?P<typ>[123])[/-]?(?P<yr>\d{4})[/-]?(?P<num>\d{6})`+kindRE, dated(6)),
		numPat(FormPublication, `(?P<num>\d{1,6})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintPH)}
}

// phDisplay writes PH 1-2015-501234. Only a serial that reads as a type and
// a year is dashed: eleven digits kept as written (PH 00000000000) would not
// read back from the dashed form.
func phDisplay(n Number) string {
	if s := n.Serial; len(s) == 11 && s[0] >= '1' && s[0] <= '3' {
		if _, err := fullYear(s[1:5]); err == nil {
			return "PH " + s[:1] + "-" + s[1:5] + "-" + s[5:]
		}
	}
	return "PH " + n.Serial
}

// myOffice reads Malaysian numbers (MyIPO). Applications are PI (patent) or
// UI (utility innovation), the year and six digits (MY PI 2015701234, WIPO
// DAS); granted patents have six digits and kind A (MY 171234 A), utility
// innovations UI and digits.
func myOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<pre>PI|UI)(?P<yr>\d{4})(?P<num>\d{6})`, prefixed(dated(6))),
		numPat(FormPublication, `(?P<pre>UI)?(?P<num>\d{1,6})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintMY)}
}

// thOffice reads Thai numbers (DIP Thailand). Applications have ten digits:
// a two-digit Buddhist-era year, the type (01 invention, 03 utility model)
// and six digits (TH 1501001234, WIPO DAS), kept as written; patents are
// numbered up to six digits (TH 63123) and publications of applications
// are the same ten digits with kind A.
func thOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat("", `(?P<num>\d{10})`+kindRE, asWritten),
		numPat(FormPublication, `(?P<num>\d{1,6})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintTH)}
}

// saOffice reads Saudi numbers (SAIP). Patents have at most five digits
// (SA 5123 B1); applications are nine digits, a 5, the Hijri year and four
// digits (SA 515360123), kept as written.
func saOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<num>5\d{8})`, asWritten),
		numPat(FormPublication, `(?P<num>\d{1,5})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintSA)}
}

// arOffice reads Argentine numbers (INPI Argentina). Applications are P
// (patent) or M (utility model), the year, 01 and five digits
// (AR P20200100025, WIPO DAS), kept as written; publications have six
// digits with kind A1 (AR 098765 A1), zero-padded, so AR98765 is AR098765.
func arOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<pre>[PM])(?P<yr>\d{4})(?P<num>\d{7})`, prefixed(dated(7))),
		numPat(FormPublication, `(?P<num>\d{1,6})`+kindRE, padded(6)),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintAR)}
}

// mxOffice reads Mexican numbers (IMPI). Applications are MX/a/ (patent) or
// MX/u/ (utility model), the year and six digits (MX/a/2015/012345, ST.13),
// written A2015012345; granted patents have at most six digits (MX 356789 B).
func mxOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<pre>[AU])/?(?P<yr>\d{4})/?(?P<num>\d{6})`, prefixed(dated(6))),
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
		digitsAsBefore,
	}, hint: msg.Says(msg.HintMX)}
}

// gcOffice reads numbers of the Patent Office of the Gulf Cooperation
// Council (GCCPO): patents have at most seven digits, often zero-padded
// (GC 0012345), zero-padded to seven; applications are the year and five
// digits (GC 2015-12345).
func gcOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		numPat(FormApplication, `(?P<yr>\d{4})-(?P<num>\d{1,5})`, dated(5)),
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, padded(7)),
	}, hint: msg.Says(msg.HintGC)}
}

// digitsAsBefore keeps, after an office's own rules, any number of up to
// twelve digits as written: the rule every office here had before its table
// was written. A number accepted then is never refused now (a stored record
// parses its number again when read), and a pool list's number in a form
// the table does not know is kept rather than lost.
var digitsAsBefore = numPat(FormPublication, `(?P<num>\d{1,12})`+kindRE, asWritten)

// moreOffices are the offices of this file, by code.
func moreOffices() map[string]*numOffice {
	return map[string]*numOffice{
		"ID": idOffice(), "NG": fileNumberOffice("NG", "NG/P/2015/123"), "AP": fileNumberOffice("AP", "AP/P/2015/008765"),
		"CO": coOffice(), "RU": ruOffice(), "PH": phOffice(), "MY": myOffice(),
		"TH": thOffice(), "SA": saOffice(), "AR": arOffice(), "MX": mxOffice(), "GC": gcOffice(),
	}
}
