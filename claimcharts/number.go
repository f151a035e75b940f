package claimcharts

import (
	"errors"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"sepportal/claimcharts/msg"
)

// NumberForm tells whether a number identifies a publication (patent or
// published application) or an application.
type NumberForm string

const (
	// FormPublication marks a granted patent, a registered utility model or
	// design, or a published application.
	FormPublication NumberForm = "publication"
	// FormApplication marks an application (filing) number.
	FormApplication NumberForm = "application"
)

// Number is a patent number in canonical form.
//
// ParseNumber fills it from the many ways pool lists spell numbers; Key gives
// the one lookup key shared by every spelling of the same number, and String
// a readable display form that ParseNumber accepts again.
type Number struct {
	// Country is the issuing office, two letters: CN, US, EP, WO, DE, JP, KR...
	// PCT applications have Country WO.
	Country string `json:"country"`
	// Serial is the number itself, normalised per office (see number_offices.go):
	// "2777236", "10285091", "RE45123", "20190123456", "201310123456.2".
	Serial string `json:"serial"`
	// Kind is the kind code if one was given (A, A1, B1, B2, U, S, T3...).
	Kind string `json:"kind,omitempty"`
	// Validation is, for a European patent validated in one country, that
	// country: DE for "EP (DE) 2 777 236".
	Validation string `json:"validation,omitempty"`
	// Form tells a publication from an application number.
	Form NumberForm `json:"form"`
	// Submitted is the text exactly as given to ParseNumber.
	Submitted string `json:"submitted"`
}

// maxNumberLen is the longest input, in characters, that ParseNumber reads.
const maxNumberLen = 200

// ParseNumber reads a patent number as pool lists spell it ("EP 2 777 236 B1",
// "US 10,285,091 B2", "ZL201310123456.2", "KR 10-2152107", "EP (DE) 3190716")
// and returns it in canonical form. It never panics. On failure the error is
// an *Error with Code EINVALID and a plain English message that quotes the
// input and says what is wrong.
func ParseNumber(s string) (Number, error) {
	if n := utf8.RuneCountInString(s); n > maxNumberLen {
		return Number{}, Says(EINVALID, msg.NumberTooLong, n, maxNumberLen)
	}
	c := compactNumber(s)
	if c == "" {
		return Number{}, Says(EINVALID, msg.NumberEmpty)
	}
	if !strings.ContainsAny(c, "0123456789") {
		return Number{}, badNumber(s, msg.Says(msg.NoDigits))
	}
	n, err := parseCompact(c)
	if err != nil {
		return Number{}, badNumber(s, err)
	}
	n.Submitted = s
	return n, nil
}

// parseCompact parses a compacted number: office code, optional validation
// marker, then the office's own patterns.
func parseCompact(c string) (Number, error) {
	code, body, err := splitOffice(c)
	if err != nil {
		return Number{}, err
	}
	off, country := numOffices[code], code // off is nil for "LI (EP)": a state without an office
	if off != nil {
		country = off.country
	}
	validated, validation, body, err := splitValidation(country, stripNumberLabels(body))
	if err != nil {
		return Number{}, err
	}
	if validated != country {
		off = numOffices[validated] // "DE (EP) 3190716" is read by the EP rules
	}
	if off == nil {
		return Number{}, msg.Says(msg.UnknownOffice, code)
	}
	body = strings.TrimLeft(body, "-/.:#")
	var kindHint string
	if off.prepare != nil {
		body, kindHint = off.prepare(body)
	}
	if err := checkNumberText(body); err != nil {
		return Number{}, err
	}
	n, ok, err := off.match(body)
	if err != nil {
		return Number{}, err
	}
	if !ok {
		return Number{}, noMatch(off, body)
	}
	if n.Kind == "" {
		n.Kind = kindHint
	}
	n.Validation = validation
	return n, nil
}

// Key returns the canonical lookup key: ASCII, URL-path-safe, no spaces and
// no kind code. It is Country followed by Serial ("EP2777236", "US10285091",
// "US20190123456", "CN201310123456.2", "WOCN2019123456" for a PCT
// application), with "-" and the country appended for a validated European
// patent ("EP2777236-DE"). US application serial numbers keep a hyphen after
// their series code ("US16-123456") so that they can never be taken for the
// patent with the same digits. Every spelling of a number has the same key,
// and ParseNumber(n.Key()) gives it back.
func (n Number) Key() string {
	if n.Country == "" {
		return ""
	}
	k := n.Country + n.Serial
	if n.Country == "US" && n.Form == FormApplication && len(n.Serial) == 8 {
		k = "US" + n.Serial[:2] + "-" + n.Serial[2:]
	}
	if n.Validation != "" {
		k += "-" + n.Validation
	}
	return k
}

// String returns the display form: "EP 2777236 B1", "EP 2777236 (DE)",
// "US 10,285,091 B2", "CN 201310123456.2", "WO 2019/123456". ParseNumber
// accepts it and gives the same Key.
func (n Number) String() string {
	if n.Country == "" {
		return ""
	}
	s := n.Country + " " + n.Serial
	if off := numOffices[n.Country]; off != nil && off.display != nil {
		s = off.display(n)
	}
	if n.Kind != "" {
		s += " " + n.Kind
	}
	if n.Validation != "" {
		s += " (" + n.Validation + ")"
	}
	return s
}

// LooksLikeNumber reports whether s is plausibly a patent number (an office
// prefix followed by digits) rather than free text. It is a cheap structural
// test for deciding whether to resolve a search query as a number; it does
// not validate the number, so a mistyped number still looks like one and
// ParseNumber can say what is wrong with it.
func LooksLikeNumber(s string) bool {
	if utf8.RuneCountInString(s) > maxNumberLen {
		return false
	}
	code, body, err := splitOffice(compactNumber(s))
	if err != nil {
		return false
	}
	body = stripNumberLabels(body)
	if off := numOffices[code]; off != nil && off.prepare != nil {
		body, _ = off.prepare(body)
	}
	digits, before, after := 0, 0, 0
	for _, r := range body {
		switch {
		case isDigitRune(r):
			digits++
		case 'A' <= r && r <= 'Z' && digits == 0:
			before++
		case 'A' <= r && r <= 'Z':
			after++
		case !strings.ContainsRune("./-()", r):
			return false
		}
	}
	// At least four digits; before them no more letters than a validation
	// marker and a series or file prefix need ("(DE)", "RE", "PT/NC/P/"),
	// after them no more than a kind code and a marker ("B1 (DE)").
	return digits >= 4 && before <= 8 && after <= 4
}

// badNumber wraps a reason into the EINVALID error ParseNumber returns; a
// reason from the catalog (msg.Msg) reads in the caller's language.
func badNumber(s string, reason error) error {
	var m msg.Msg
	if errors.As(reason, &m) {
		return Says(EINVALID, msg.NotAPatentNumber, s, m)
	}
	return Says(EINVALID, msg.NotAPatentNumber, s, reason.Error())
}

// compactNumber folds s to upper-case ASCII where it can (full-width forms,
// Chinese and Japanese punctuation), drops spaces, commas and apostrophes,
// strips labels such as "Patent No." or "专利号:", a trailing period and
// thousands separators written as dots ("2.777.236").
func compactNumber(s string) string {
	var b strings.Builder
	for _, r := range s {
		r = foldNumberRune(r)
		switch {
		case r < 0, unicode.IsSpace(r), r == ',', r == '\'':
			continue
		case 'a' <= r && r <= 'z':
			r -= 'a' - 'A'
		}
		b.WriteRune(r)
	}
	c := strings.TrimRight(stripNumberLabels(b.String()), ".")
	return dropThousandsDots(c)
}

// foldNumberRune maps the characters that stand for ASCII in East Asian and
// typeset text to ASCII, by hand (a small NFKC). It returns -1 for
// characters to drop.
func foldNumberRune(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E: // full-width ASCII: ＥＰ２７７ （ＤＥ） ．
		return r - 0xFEE0
	case r == '。', r == '·', r == '・', r == '｡', r == '﹒', r == '‧', r == '∙':
		return '.' // Chinese full stop and middle dots before a check digit
	case r >= 0x2010 && r <= 0x2015, r == '−', r == 'ー', r == 'ｰ', r == '﹣':
		return '-' // hyphens, dashes, minus, katakana long sound mark
	case r == '、', r == '’':
		return ','
	case r == 0x200B, r == 0x200C, r == 0x200D, r == 0x2060, r == 0xFEFF:
		return -1 // zero-width characters
	}
	return r
}

// numberLabel is a word that may precede a number ("Patent No.", "专利号:").
// When sep is set the word counts only if one of ".:#" follows it, so that
// "NO 123456" stays a Norwegian number while "No. EP2777236" loses its "No.".
type numberLabel struct {
	text string
	sep  bool
}

var numberLabels = []numberLabel{
	{"PATENT", false}, {"PAT", true}, {"PUBLICATION", false}, {"PUB", true},
	{"NUMBER", false}, {"NO", true}, {"NR", true},
	{"授权公告号", false}, {"公开(公告)号", false}, {"公开号", false},
	{"公告号", false}, {"专利号", false}, {"申请号", false},
}

// stripNumberLabels removes leading labels from a compacted string, so that
// "PATENTNO.:US10285091" becomes "US10285091". Bounded: each pass removes at
// least one label, and there are few passes.
func stripNumberLabels(c string) string {
	for pass := 0; pass < 4; pass++ {
		stripped := false
		for _, l := range numberLabels {
			if !strings.HasPrefix(c, l.text) {
				continue
			}
			rest := c[len(l.text):]
			trimmed := strings.TrimLeft(rest, ".:#")
			if l.sep && len(trimmed) == len(rest) {
				continue
			}
			c, stripped = trimmed, true
			break
		}
		if !stripped {
			break
		}
	}
	return c
}

// dropThousandsDots removes a dot that sits between a digit and a group of
// exactly three digits ("2.777.236"), and keeps dots before check digits
// ("201310123456.2", "12345678.9").
func dropThousandsDots(c string) string {
	var b strings.Builder
	for i := 0; i < len(c); i++ {
		if c[i] == '.' && i > 0 && isDigitByte(c[i-1]) && threeDigitsAt(c, i+1) {
			continue
		}
		b.WriteByte(c[i])
	}
	return b.String()
}

// threeDigitsAt reports whether c has exactly three digits starting at i.
func threeDigitsAt(c string, i int) bool {
	if i+3 > len(c) {
		return false
	}
	for j := i; j < i+3; j++ {
		if !isDigitByte(c[j]) {
			return false
		}
	}
	return i+3 == len(c) || !isDigitByte(c[i+3])
}

// jpMarkers are Japanese words that start a number and imply the JP office.
var jpMarkers = []string{"特開", "特表", "特許"}

// splitOffice splits a compacted string into the office code (a key of
// numOffices) and the rest.
func splitOffice(c string) (code, body string, err error) {
	switch {
	case strings.HasPrefix(c, "U.S."):
		return "US", c[len("U.S."):], nil
	case strings.HasPrefix(c, "PCT"):
		return "PCT", c[len("PCT"):], nil
	}
	for _, m := range jpMarkers {
		if strings.HasPrefix(c, m) {
			return "JP", c, nil
		}
	}
	run := 0
	for run < len(c) && isUpperByte(c[run]) {
		run++
	}
	switch {
	case run < 2:
		return "", "", msg.Says(msg.NoCountryCode)
	case numOffices[c[:2]] != nil:
		return c[:2], c[2:], nil
	case epcStates[c[:2]] && strings.HasPrefix(c[2:], "(EP)"):
		return c[:2], c[2:], nil // "LI (EP) 3742681": a state without an office of its own
	case run == 2:
		return "", "", msg.Says(msg.UnknownOffice, c[:2])
	}
	return "", "", msg.Says(msg.NotAnOfficeCode, c[:run])
}

// epcStates are the countries where a European patent can take effect,
// written either way round ("EP (LI) 3742681", "LI (EP) 3742681"):
//   - the 39 contracting states of the EPC (epo.org, "Member states of the
//     European Patent Organisation"; Montenegro, ME, since 1 October 2022);
//   - the extension state Bosnia and Herzegovina (BA);
//   - the validation states Morocco (MA, 2015), Moldova (MD, 2015), Tunisia
//     (TN, 2017), Cambodia (KH, 2018), Georgia (GE, 2024) and Laos (LA,
//     agreement signed 2024) (EPO Euro-PCT Guide 2.14; EPO "Patent
//     information on EPO validation states").
var epcStates = setOf("AL AT BE BG CH CY CZ DE DK EE ES FI FR GB GR HR HU IE IS IT LI LT LU LV MC ME MK MT NL NO PL PT RO RS SE SI SK SM TR " +
	"BA MA MD TN KH GE LA")

// validationMarker finds "(XX)" anywhere in a body, or, after an EP number,
// the "-XX" that Key writes.
var validationMarker = regexp.MustCompile(`\(([A-Z]{2})\)|[0-9]-([A-Z]{2})$`)

// splitValidation reads a validation marker: "EP (DE) 2777236" and
// "EP 2777236 (DE)" are the EP patent validated in DE, and so is
// "DE (EP) 2777236", which is the same patent spelled from the national side.
func splitValidation(country, body string) (string, string, string, error) {
	loc := validationMarker.FindStringSubmatchIndex(body)
	if loc == nil {
		return country, "", body, nil
	}
	var marker string
	if loc[2] >= 0 {
		marker, body = body[loc[2]:loc[3]], body[:loc[0]]+body[loc[1]:]
	} else if country == "EP" {
		marker, body = body[loc[4]:loc[5]], body[:loc[4]-1]
	} else {
		return country, "", body, nil // "-XX" only marks EP numbers; the office rules judge it
	}
	var validation string
	switch {
	case marker == "EP" && country != "EP":
		country, validation = "EP", country
	case country == "EP" && marker != "EP":
		validation = marker
	default:
		return "", "", "", msg.Says(msg.NotAMarker, marker, country)
	}
	if !epcStates[validation] {
		return "", "", "", msg.Says(msg.NotAnEPCState, validation)
	}
	return country, validation, body, nil
}

// checkNumberText rejects characters no office rule uses and words after the
// number ("EP2777236 hello"), so that the error says so rather than listing
// the office's formats.
func checkNumberText(body string) error {
	seenDigit, run := false, 0
	for i, r := range body {
		switch {
		case isDigitRune(r):
			seenDigit, run = true, 0
		case 'A' <= r && r <= 'Z':
			run++
			if seenDigit && run == 3 {
				end := i + 1
				for end < len(body) && isUpperByte(body[end]) {
					end++
				}
				return msg.Says(msg.TextAfterNumber, body[i-2:end])
			}
		case r == '.', r == '-', r == '/':
			run = 0
		default:
			return msg.Says(msg.BadCharacter, string(r))
		}
	}
	return nil
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }
func isDigitRune(r rune) bool { return '0' <= r && r <= '9' }
func isUpperByte(c byte) bool { return 'A' <= c && c <= 'Z' }

// setOf makes a set of the space-separated words in s.
func setOf(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// unreadableNumber is the error of the patent number at path that
// ParseNumber refused with err.
func unreadableNumber(path string, err error) *Error {
	return Says(EINVALID, msg.NumberUnreadable).With(reasonOf(path, err))
}
