package claimcharts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"sepportal/claimcharts/msg"
)

// This file holds the office rules ParseNumber applies after it has folded,
// compacted and upper-cased the input and taken off the office code: one
// table entry per office, each a list of patterns tried in order. A pattern
// names its parts with groups (pre, typ, yr, era, ro, num, chk, kind) and a
// builder turns them into the canonical Serial. Every normalisation is noted
// next to the rule that makes it.

// numOffice is the rule set of one office.
type numOffice struct {
	country  string                             // Number.Country; defaults to the table key ("ZL" → CN, "PCT" → WO)
	patterns []numPattern                       // tried in order; the first that matches decides
	hint     msg.Msg                            // what the office's numbers look like, for error messages
	prepare  func(body string) (string, string) // optional: rewrites local script, returns the kind code it implies
	display  func(n Number) string              // optional: display form without kind and validation
}

// numPattern is one spelling of an office's numbers.
type numPattern struct {
	re    *regexp.Regexp
	form  NumberForm // "" for offices that publish under the application number: application unless a kind code is given
	build numBuilder
}

// numBuilder makes the canonical Serial from a pattern's named groups.
type numBuilder func(g map[string]string) (string, error)

const (
	// kindRE is an optional kind code after the number, possibly hyphenated: B1, A, T3, U.
	kindRE = `(?:-?(?P<kind>[A-Z][0-9]?))?`
	// cnKindRE admits only CNIPA's kind letters, so that a check digit X is never read as a kind code.
	cnKindRE = `(?:-?(?P<kind>[ABCSUY][0-9]?))?`
)

// numPat compiles a pattern that must match the whole body.
func numPat(form NumberForm, expr string, build numBuilder) numPattern {
	return numPattern{re: regexp.MustCompile(`^(?:` + expr + `)$`), form: form, build: build}
}

// match tries the office's patterns in order. ok is false when none fits;
// err is set when one fits but breaks a rule (year, check digit, type digit).
func (o *numOffice) match(body string) (n Number, ok bool, err error) {
	for _, p := range o.patterns {
		sub := p.re.FindStringSubmatch(body)
		if sub == nil {
			continue
		}
		g := map[string]string{}
		for i, name := range p.re.SubexpNames() {
			if name != "" {
				g[name] = sub[i]
			}
		}
		serial, err := p.build(g)
		if err != nil {
			return Number{}, true, err
		}
		form := p.form
		if form == "" {
			form = FormApplication
			if g["kind"] != "" {
				form = FormPublication
			}
		}
		return Number{Country: o.country, Serial: serial, Kind: g["kind"], Form: form}, true, nil
	}
	return Number{}, false, nil
}

// numOffices maps office codes (and the pseudo-codes ZL and PCT) to their rules.
var numOffices = buildNumOffices()

func buildNumOffices() map[string]*numOffice {
	m := map[string]*numOffice{
		"EP": epOffice(), "US": usOffice(), "CN": cnOffice(false), "ZL": cnOffice(true),
		"WO": woOffice(true), "PCT": woOffice(false), "JP": jpOffice(), "KR": krOffice(),
		"TW": twOffice(), "DE": deOffice(), "BR": brOffice(), "VN": vnOffice(),
		"IN": inOffice(), "AU": auOffice(), "SG": sgOffice(), "ZA": zaOffice(),
		// Eurasian numbers are six digits with leading zeros (EA 032123); zero-padded to six.
		"EA": {patterns: []numPattern{numPat(FormPublication, `(?P<num>\d{1,6})`+kindRE, padded(6))},
			hint: msg.Says(msg.HintEA)},
		// Italian numbers since 2015 have fifteen digits (IT 102015000012345).
		"IT": simpleOffice("IT", 15),
	}
	for code, o := range moreOffices() {
		m[code] = o
	}
	// Offices whose numbers are digits and a kind code. TN, KH and LA are also validation states of
	// European patents (see epcStates); LI is one without an office of its own (the Swiss IPI serves it).
	others := "GB FR CA ES NL SE CH AT BE DK FI NO PL HK IL NZ TR CL PE OA " +
		"PT IE CZ SK HU RO BG HR SI GR LU IS EE LT LV CY MT MC SM AL MK RS ME BA UA MD GE EG AE MA " +
		"TN KH LA KZ BY UZ JO QA KW OM BH PK BD LK KE"
	for _, code := range strings.Fields(others) {
		m[code] = simpleOffice(code, 12)
	}
	for code, o := range m {
		if o.country == "" {
			o.country = code
		}
	}
	return m
}

// simpleOffice accepts up to maxDigits digits and a kind code, kept as written.
func simpleOffice(code string, maxDigits int) *numOffice {
	return &numOffice{
		patterns: []numPattern{numPat(FormPublication, fmt.Sprintf(`(?P<num>\d{1,%d})`, maxDigits)+kindRE, asWritten)},
		hint:     msg.Says(msg.HintDigits, code, maxDigits),
	}
}

func epOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Application numbers: eight digits and a check digit after a dot (EP 12 345 678.9), kept as written.
		numPat(FormApplication, `(?P<num>\d{8})\.(?P<chk>\d)`, withCheck(asWritten)),
		// Publication numbers have at most seven digits; zero-padded to seven, so EP 123456 and EP0123456 share a key.
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, padded(7)),
	}, hint: msg.Says(msg.HintEP)}
}

func usOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Pre-grant publications: year and exactly seven digits (US 2019/0123456 A1); Serial 20190123456.
		numPat(FormPublication, `(?P<yr>\d{4})[/-]?(?P<num>\d{7})`+kindRE, dated(7)),
		// Application serial numbers: series code, slash, six digits (US 16/123,456); Serial is the eight digits.
		numPat(FormApplication, `(?P<typ>\d{2})[/-](?P<num>\d{6})`, asWritten),
		// Patents: at most eight digits, after RE (reissue), PP (plant), D (design), H (statutory invention
		// registration) or T (defensive publication) if any. Leading zeros are dropped: US 07123456 is US 7,123,456.
		numPat(FormPublication, `(?P<pre>RE|PP|D|H|T)?(?P<num>\d{1,8})`+kindRE, usPatent),
	}, display: usDisplay,
		hint: msg.Says(msg.HintUS)}
}

// cnOffice reads CN numbers. With zl set it reads "ZL" patent numbers, which
// are application numbers, so only the application patterns apply and an
// eight-digit number may carry its check digit without a dot.
func cnOffice(zl bool) *numOffice {
	// Applications since 2003: year, type digit, seven digits, check digit (CN 201310123456.2 — the dot may be
	// missing or written ．or ·). Serial is the twelve digits, a dot and the check digit, computed when absent.
	newApp := numPat(FormApplication, `(?P<yr>\d{4})(?P<typ>\d)(?P<num>\d{7})(?:\.?(?P<chk>[0-9X]))?`, cnApplication)
	// Applications before 2003: two-digit year, type digit, five digits, check digit (ZL 98 1 23456.9).
	// After CN the check digit needs its dot (or must be X): CN plus nine digits is a publication.
	oldApp := numPat(FormApplication, `(?P<yr>\d{2})(?P<typ>\d)(?P<num>\d{5})(?:\.?(?P<chk>[0-9X]))?`, cnApplication)
	// Publications: nine digits (seven or eight for old ones) and a kind code (CN 103931153 A, CN208123456U).
	pub := numPat(FormPublication, `(?P<num>\d{7,9})`+cnKindRE, asWritten)
	if zl {
		return &numOffice{country: "CN", patterns: []numPattern{newApp, oldApp},
			hint: msg.Says(msg.HintZL)}
	}
	return &numOffice{patterns: []numPattern{newApp, pub, oldApp},
		hint: msg.Says(msg.HintCN)}
}

func woOffice(publications bool) *numOffice {
	pct := []numPattern{
		// PCT applications: receiving office, year, serial (PCT/CN2019/123456; PCT/US98/12345 before 2004).
		// Country is WO; Serial is the office, a four-digit year and six digits (CN2019123456), so the key is WOCN2019123456.
		numPat(FormApplication, `(?P<ro>[A-Z]{2})/?(?P<yr>\d{4})/?(?P<num>\d{6})`, pctApplication),
		numPat(FormApplication, `(?P<ro>[A-Z]{2})/?(?P<yr>\d{2})/?(?P<num>\d{5})`, pctApplication),
	}
	if !publications {
		return &numOffice{country: "WO", patterns: pct, hint: msg.Says(msg.HintPCT)}
	}
	pubs := []numPattern{
		// Publications since 2004: year and six digits (WO 2019/123456 A1); a shorter serial after a slash is zero-padded.
		numPat(FormPublication, `(?P<yr>\d{4})/?(?P<num>\d{6})`+kindRE, dated(6)),
		numPat(FormPublication, `(?P<yr>\d{4})/(?P<num>\d{1,5})`+kindRE, dated(6)),
		// Before 2004: two-digit year and five or six digits (WO 99/12345, WO 03/012345), expanded to the
		// form above: WO 03/012345 is WO 2003/012345.
		numPat(FormPublication, `(?P<yr>\d{2})/?(?P<num>\d{5,6})`+kindRE, dated(6)),
	}
	return &numOffice{patterns: append(pubs, pct...), display: woDisplay,
		hint: msg.Says(msg.HintWO)}
}

func jpOffice() *numOffice {
	return &numOffice{prepare: jpPrepare, display: jpDisplay, patterns: []numPattern{
		// Publications numbered by era year (JP H10-123456 A, 特開平10-123456): the year is converted to
		// the Western calendar (Heisei 10 is 1998) and the serial zero-padded to six, as for the form below.
		numPat(FormPublication, `(?P<era>[HSR])(?P<yr>\d{1,2})-?(?P<num>\d{5,6})`+kindRE, jpEraPublication),
		// Publications since 2000: year and six digits (JP 2019-123456 A, 特開2019-123456, 特表2019-512345).
		numPat(FormPublication, `(?P<yr>\d{4})-?(?P<num>\d{6})`+kindRE, dated(6)),
		// Patent numbers: at most seven digits (JP 6637180 B2, 特許第6637180号).
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintJP)}
}

func krOffice() *numOffice {
	return &numOffice{display: krDisplay, patterns: []numPattern{
		// Type (10 patent, 20 utility model, 30 design), year, seven digits: an application number
		// (KR 10-2019-0012345), or a publication number when a kind code follows. Serial is the 13 digits.
		numPat("", `(?P<typ>[123]0)-?(?P<yr>\d{4})-?(?P<num>\d{7})`+kindRE, dated(7)),
		// Registration numbers: type and seven digits (KR 10-2152107 B1); Serial is the nine digits.
		numPat(FormPublication, `(?P<typ>[123]0)-?(?P<num>\d{7})`+kindRE, asWritten),
		// Publications as DOCDB writes them, without the type (KR20190012345A): the type is restored from
		// the kind code, so KR20190012345A is KR 10-2019-0012345 A.
		numPat(FormPublication, `(?P<yr>\d{4})(?P<num>\d{7})`+kindRE, krUntypedPublication),
		// Registration numbers as pool lists and Espacenet write them, without the type (KR2655025,
		// KR 2655025 B1): a patent (10-) unless the kind code says utility model (Y: 20-), so that
		// KR2655025 and KR 10-2655025 share a key. KIPRIS prints the 10- form.
		numPat(FormPublication, `(?P<num>\d{7})`+kindRE, krUntypedRegistration),
	}, hint: msg.Says(msg.HintKR)}
}

func twOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Patents since 2004: I (invention), M (utility model) or D (design) and six digits (TW I123456 B).
		numPat(FormPublication, `(?P<pre>[IMD])(?P<num>\d{6})`+kindRE, asWritten),
		// Publications: nine digits (TW 201234567 A); patents before 2004: six digits.
		numPat(FormPublication, `(?P<num>\d{9}|\d{6})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintTW)}
}

func deOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// File numbers: type (10 patent, 11 PCT, 20 utility model, 50/60 European patent), year, six digits
		// and a check digit (DE 10 2015 123 456.7, DE 60 2012 012 345.6). Kept whole, check digit after a dot.
		numPat(FormApplication, `(?P<typ>\d{2})(?P<yr>\d{4})(?P<num>\d{6})\.(?P<chk>\d)`, withCheck(dated(6))),
		// Publications numbered by file number, without the check digit (DE 10 2015 123 456 A1, DE 60 2012 012 345 T2).
		numPat(FormPublication, `(?P<typ>\d{2})(?P<yr>\d{4})(?P<num>\d{6})`+kindRE, dated(6)),
		// Older publications: seven or eight digits (DE 4123456 C2, DE 19612345 A1).
		numPat(FormPublication, `(?P<num>\d{7,8})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintDE)}
}

func brOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Since 2012: type (10 invention, 11 PCT national phase, 12 divisional, 13 addition, 20 utility model),
		// year, six digits, then a check digit after a hyphen. The check digit is dropped, so that
		// BR 11 2015 012345-6, BR112015012345-6 and BR112015012345A2 share the key BR112015012345.
		numPat("", `(?P<typ>\d{2})(?P<yr>\d{4})(?P<num>\d{6})(?:-?(?P<chk>\d))?`+kindRE, dated(6)),
		// Before 2012: PI (invention), MU (utility model), MI or DI (design) and seven digits; check digit dropped.
		numPat("", `(?P<pre>PI|MU|MI|DI)(?P<num>\d{7})(?:-?(?P<chk>\d))?`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintBR)}
}

func vnOffice() *numOffice {
	return &numOffice{display: vnDisplay, patterns: []numPattern{
		// Application numbers: type (1 patent, 2 utility solution), year, five digits (VN 1-2015-01234).
		numPat(FormApplication, `(?P<typ>[12])-?(?P<yr>\d{4})-?(?P<num>\d{5})`, dated(5)),
		// Grant numbers: type and seven digits; VN 1-0030703 and VN10030703 are one number, Serial 10030703.
		numPat(FormPublication, `(?P<typ>[12])-?(?P<num>\d{7})`+kindRE, asWritten),
		// Grant numbers in the short form that pool lists, Espacenet (VN29229B) and the IP Viet Nam
		// gazette's running numbers use: the serial without type and zeros. Read as a patent for invention
		// (1-), since utility solutions are cited with their 2-: VN29229 is VN 1-0029229.
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, vnShortGrant),
	}, hint: msg.Says(msg.HintVN)}
}

func inOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Application numbers, under which applications are published: year, office code, six digits (IN 201917012345 A).
		numPat("", `(?P<yr>\d{4})(?P<num>\d{8})`+kindRE, dated(8)),
		// Patent numbers: at most seven digits (IN 345678).
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintIN)}
}

func auOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Application numbers, under which patents are also granted: year and six digits (AU 2015123456 B2).
		numPat("", `(?P<yr>\d{4})(?P<num>\d{6})`+kindRE, dated(6)),
		// Older patents: at most six digits (AU 712345 B2).
		numPat(FormPublication, `(?P<num>\d{1,6})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintAU)}
}

func sgOffice() *numOffice {
	return &numOffice{patterns: []numPattern{
		// Application numbers, under which Singapore publishes and grants: eleven digits and a check letter (SG 11201501234P).
		numPat("", `(?P<num>\d{11})(?P<chk>[A-Z])`+kindRE, func(g map[string]string) (string, error) {
			return g["num"] + g["chk"], nil
		}),
		// Older patents: at most seven digits.
		numPat(FormPublication, `(?P<num>\d{1,7})`+kindRE, asWritten),
	}, hint: msg.Says(msg.HintSG)}
}

func zaOffice() *numOffice {
	return &numOffice{display: zaDisplay, patterns: []numPattern{
		// Application numbers, under which patents are granted: year and five digits (ZA 2015/01234); Serial 201501234.
		numPat("", `(?P<yr>\d{4})/?(?P<num>\d{5})`+kindRE, dated(5)),
	}, hint: msg.Says(msg.HintZA)}
}

// asWritten joins the prefix, type, year and number groups as written.
func asWritten(g map[string]string) (string, error) {
	return g["pre"] + g["typ"] + g["yr"] + g["num"], nil
}

// padded drops leading zeros from the number and pads it with zeros to width.
func padded(width int) numBuilder {
	return func(g map[string]string) (string, error) {
		return g["pre"] + padZeros(strings.TrimLeft(g["num"], "0"), width), nil
	}
}

// dated checks the year, expands a two-digit one (70-99 → 19xx, 00-69 →
// 20xx), and pads the number to width: type + year + number.
func dated(width int) numBuilder {
	return func(g map[string]string) (string, error) {
		year, err := fullYear(g["yr"])
		if err != nil {
			return "", err
		}
		return g["typ"] + year + padZeros(g["num"], width), nil
	}
}

// prefixed puts the prefix group before what b builds (dated leaves it out).
func prefixed(b numBuilder) numBuilder {
	return func(g map[string]string) (string, error) {
		s, err := b(g)
		return g["pre"] + s, err
	}
}

// withCheck appends the check digit, after a dot, to what b builds.
func withCheck(b numBuilder) numBuilder {
	return func(g map[string]string) (string, error) {
		s, err := b(g)
		return s + "." + g["chk"], err
	}
}

// usPatent drops leading zeros from a US patent number: US 07123456 is US 7,123,456.
func usPatent(g map[string]string) (string, error) {
	num := strings.TrimLeft(g["num"], "0")
	if num == "" {
		return "", msg.Says(msg.NotUSPatent, g["pre"], g["num"])
	}
	return g["pre"] + num, nil
}

// pctApplication writes a PCT application as receiving office, four-digit
// year and six digits: PCT/US98/12345 becomes US1998012345.
func pctApplication(g map[string]string) (string, error) {
	s, err := dated(6)(g)
	return g["ro"] + s, err
}

// cnApplication checks a CN application number and writes it with its check
// digit: "201310123456.2". The check digit (CNIPA standard ZC0006-2003) is
// computed when absent and must match when given.
func cnApplication(g map[string]string) (string, error) {
	if _, err := fullYear(g["yr"]); err != nil {
		return "", err
	}
	digits := g["yr"] + g["typ"] + g["num"]
	if !strings.Contains("12389", g["typ"]) {
		return "", msg.Says(msg.CNTypeDigit, g["typ"], digits)
	}
	want := cnCheckDigit(digits)
	if got := g["chk"]; got != "" && got != want {
		return "", msg.Says(msg.CNCheckDigit, digits, want, got)
	}
	return digits + "." + want, nil
}

// cnCheckDigit computes the CN check digit: the digits are weighted 2, 3, 4,
// 5, 6, 7, 8, 9, 2, 3, 4, 5 from the left, summed, and taken modulo 11;
// 10 is written X.
func cnCheckDigit(digits string) string {
	sum := 0
	for i := 0; i < len(digits); i++ {
		sum += int(digits[i]-'0') * (2 + i%8)
	}
	if r := sum % 11; r < 10 {
		return strconv.Itoa(r)
	}
	return "X"
}

// jpEras maps an era letter to the Western year before its first year.
var jpEras = map[string]int{"S": 1925, "H": 1988, "R": 2018}

// jpEraPublication converts an era year (H10 → 1998) and pads the serial to six digits.
func jpEraPublication(g map[string]string) (string, error) {
	yy, _ := strconv.Atoi(g["yr"])
	if yy == 0 {
		return "", msg.Says(msg.NoEraYear, g["era"], g["yr"])
	}
	year := jpEras[g["era"]] + yy
	if err := checkYear(year); err != nil {
		return "", err
	}
	return strconv.Itoa(year) + padZeros(g["num"], 6), nil
}

// jpScript rewrites the Japanese words around a number: 特許第…号 (patent),
// 特開/特表 (publication) and era names (平成/平 → H, 昭和/昭 → S, 令和/令 → R).
var jpScript = strings.NewReplacer(
	"特許第", "", "特許", "", "特開", "", "特表", "", "号", "",
	"平成", "H", "昭和", "S", "令和", "R", "平", "H", "昭", "S", "令", "R",
)

// jpPrepare rewrites Japanese script and returns the kind code it implies:
// A for 特開/特表 (publication), B for 特許 (patent).
func jpPrepare(body string) (string, string) {
	kind := ""
	switch {
	case strings.Contains(body, "特開"), strings.Contains(body, "特表"):
		kind = "A"
	case strings.Contains(body, "特許"):
		kind = "B"
	}
	return jpScript.Replace(body), kind
}

// krUntypedPublication restores the type of a KR publication written without
// it: 10 for kind A (patent), 20 for kind U or Y (utility model).
func krUntypedPublication(g map[string]string) (string, error) {
	var typ string
	switch k := g["kind"]; {
	case strings.HasPrefix(k, "A"):
		typ = "10"
	case strings.HasPrefix(k, "U"), strings.HasPrefix(k, "Y"):
		typ = "20"
	default:
		return "", msg.Says(msg.KRNeedsKind)
	}
	year, err := fullYear(g["yr"])
	return typ + year + g["num"], err
}

// krUntypedRegistration restores the type of a KR registration number
// written without it: 20 (utility model) for kind Y or U, else 10 (patent).
func krUntypedRegistration(g map[string]string) (string, error) {
	typ := "10"
	if k := g["kind"]; strings.HasPrefix(k, "Y") || strings.HasPrefix(k, "U") {
		typ = "20"
	}
	return typ + g["num"], nil
}

// vnShortGrant writes a VN grant number given without its type as a
// patent for invention: 29229 becomes 10029229.
func vnShortGrant(g map[string]string) (string, error) {
	num := strings.TrimLeft(g["num"], "0")
	if num == "" {
		return "", msg.Says(msg.NotVNPatent, g["num"])
	}
	return "1" + padZeros(num, 7), nil
}

// fullYear expands a two-digit year (70-99 → 19xx, 00-69 → 20xx) and
// checks it.
func fullYear(yr string) (string, error) {
	y, err := strconv.Atoi(yr)
	if err != nil {
		return "", msg.Says(msg.YearNotNumber, yr)
	}
	if len(yr) == 2 {
		y += 1900
		if y < 1970 {
			y += 100
		}
	}
	return strconv.Itoa(y), checkYear(y)
}

// checkYear rejects years outside 1970-2099.
func checkYear(y int) error {
	if y < 1970 || y > 2099 {
		return msg.Says(msg.ImplausibleYear, y)
	}
	return nil
}

// padZeros left-pads s with zeros to width.
func padZeros(s string, width int) string {
	if len(s) >= width {
		return s
	}
	return strings.Repeat("0", width-len(s)) + s
}

// groupThousands writes digits with commas: 10285091 → 10,285,091.
func groupThousands(digits string) string {
	var b strings.Builder
	for i := 0; i < len(digits); i++ {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(digits[i])
	}
	return b.String()
}

// usDisplay writes US 10,285,091, US RE45,123, US 2019/0123456 and US 16/123,456.
func usDisplay(n Number) string {
	s := n.Serial
	switch {
	case n.Form == FormApplication && len(s) == 8:
		return "US " + s[:2] + "/" + groupThousands(s[2:])
	case len(s) == 11:
		return "US " + s[:4] + "/" + s[4:]
	}
	i := strings.IndexAny(s, "0123456789")
	if i < 0 {
		return "US " + s
	}
	return "US " + s[:i] + groupThousands(s[i:])
}

// woDisplay writes WO 2019/123456 and PCT/CN2019/123456.
func woDisplay(n Number) string {
	s := n.Serial
	switch {
	case n.Form == FormApplication && len(s) == 12:
		return "PCT/" + s[:6] + "/" + s[6:]
	case len(s) == 10:
		return "WO " + s[:4] + "/" + s[4:]
	}
	return "WO " + s
}

// krDisplay writes KR 10-2152107 and KR 10-2019-0012345.
func krDisplay(n Number) string {
	s := n.Serial
	switch len(s) {
	case 9:
		return "KR " + s[:2] + "-" + s[2:]
	case 13:
		return "KR " + s[:2] + "-" + s[2:6] + "-" + s[6:]
	}
	return "KR " + s
}

// jpDisplay writes JP 2019-123456 for publications and JP 6637180 for patents.
func jpDisplay(n Number) string {
	if s := n.Serial; len(s) == 10 {
		return "JP " + s[:4] + "-" + s[4:]
	}
	return "JP " + n.Serial
}

// vnDisplay writes VN 1-0030703 and VN 1-2015-01234.
func vnDisplay(n Number) string {
	s := n.Serial
	switch len(s) {
	case 8:
		return "VN " + s[:1] + "-" + s[1:]
	case 10:
		return "VN " + s[:1] + "-" + s[1:5] + "-" + s[5:]
	}
	return "VN " + s
}

// zaDisplay writes ZA 2015/01234.
func zaDisplay(n Number) string {
	if s := n.Serial; len(s) == 9 {
		return "ZA " + s[:4] + "/" + s[4:]
	}
	return "ZA " + n.Serial
}
