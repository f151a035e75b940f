package claimcharts

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Illustrative references (the "Illustrative references" column of a pool
// list) are read by ParseCitations, the one parser of them: the importer
// and the API both use it. A reference names a standard as written and
// parts of it:
//
//	IEEE Std. 802.11ax-2021: Secs. 27.3.4, 27.3.10; Figures 27-8, 27-54; Tables 27-11
//	ITU-T H.265 (V8): 8.5.3.2.2; Fig. 8-3
//	GB/T 12345-2020：第5.2节、图3、表4
//
// Each part becomes a Citation whose Standard is the standard as written.
// The registry may not hold that standard yet: the citation is kept as
// parsed and linked (Slug) when a standard matches, by LinkCitations. The
// importer links at import time, and every re-import links again, so a
// list imported before its standard gains the link on the next import;
// Registry.LinkCitations links at read time for callers that want the
// current link without a write.

// maxCitationText is the longest reference text ParseCitations reads.
const maxCitationText = 20000

// maxCitationGroup is the longest group text a Citation keeps (its Text).
const maxCitationGroup = 2000

// ParseCitations reads illustrative references. standard is the standard
// that references without a "Standard:" prefix refer to (the list's
// standard column); it may be empty. It returns the citations in order,
// without duplicates, and one warning per part it could not read; it never
// fails and never panics. Each citation's Text is its group ("Standard:
// parts") in a canonical spelling that ParseCitations reads back to the
// same citations, so exports that write Text round-trip.
func ParseCitations(text, standard string) ([]Citation, []string) {
	var warnings []string
	if n := utf8.RuneCountInString(text); n > maxCitationText {
		return nil, []string{"the references are " + strconv.Itoa(n) + " characters long; at most " + strconv.Itoa(maxCitationText) + " are read"}
	}
	var out []Citation
	seen := map[string]bool{}
	for _, g := range citationGroups(FoldWidth(text), strings.TrimSpace(standard)) {
		if g.standard == "" {
			warnings = append(warnings, "the reference "+quote(g.text)+" names no standard; write it as \"Standard: Sec. 1.2\"")
			continue
		}
		cits, warns := parseCitationParts(g)
		warnings = append(warnings, warns...)
		for _, c := range cits {
			k := c.Standard + "\x00" + c.Kind + "\x00" + c.Label
			if !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	return out, warnings
}

// citationGroup is the references to one standard: the standard as
// written, its parts, and the canonical text of the group.
type citationGroup struct {
	standard string
	parts    []string
	text     string
}

// citationGroups splits text into lines and ';'-separated segments; a
// segment with a "Standard:" prefix starts a new group.
func citationGroups(text, standard string) []citationGroup {
	var groups []citationGroup
	for _, line := range strings.FieldsFunc(text, func(r rune) bool { return r == '\n' || r == '\r' }) {
		var cur *citationGroup
		for _, seg := range strings.Split(line, ";") {
			seg = strings.TrimSpace(seg)
			if seg == "" {
				continue
			}
			if std, rest, ok := splitStandardPrefix(seg); ok {
				groups = append(groups, citationGroup{standard: std})
				cur = &groups[len(groups)-1]
				seg = rest
			} else if cur == nil {
				groups = append(groups, citationGroup{standard: standard})
				cur = &groups[len(groups)-1]
			}
			if seg != "" {
				cur.parts = append(cur.parts, seg)
			}
		}
	}
	for i := range groups {
		g := &groups[i]
		g.text = strings.Join(g.parts, "; ")
		if g.standard != "" {
			g.text = g.standard + ": " + g.text
		}
	}
	return groups
}

// splitStandardPrefix splits "IEEE Std. 802.11ax-2021: Secs. 27.3.4" at the
// first colon that is not inside a number ("ISO/IEC 23008-2:2020: 8.5"),
// when what precedes it names a standard rather than a kind of part.
func splitStandardPrefix(seg string) (std, rest string, ok bool) {
	if std, rest, ok := splitAtColon(seg); ok {
		return std, rest, true
	}
	return splitAtKindWord(seg)
}

func splitAtColon(seg string) (std, rest string, ok bool) {
	for i := 0; i < len(seg); i++ {
		if seg[i] != ':' {
			continue
		}
		if i+1 < len(seg) && isDigitByte(seg[i+1]) && i > 0 && isDigitByte(seg[i-1]) {
			continue // "23008-2:2020"
		}
		std = strings.TrimSpace(strings.TrimRight(seg[:i], " ,."))
		if std == "" || citationKindAt(lowerASCII(std)) != "" && !strings.ContainsAny(std, "0123456789") {
			return "", "", false
		}
		if !strings.ContainsFunc(std, unicode.IsLetter) {
			return "", "", false
		}
		return std, strings.TrimSpace(seg[i+1:]), true
	}
	return "", "", false
}

// splitAtKindWord splits "IEEE 802.11ax-2021 Sec. 27.3.4" before its
// first kind word, when the text before it names a standard (a letter and
// a digit).
func splitAtKindWord(seg string) (std, rest string, ok bool) {
	lower := lowerASCII(seg)
	for i := range lower {
		if i == 0 || !(lower[i-1] == ' ' || lower[i-1] >= 0x80) {
			continue
		}
		if _, n := matchCitationKind(lower[i:]); n == 0 && !strings.HasPrefix(lower[i:], "第") {
			continue
		}
		std = strings.TrimSpace(strings.TrimRight(seg[:i], " ,."))
		if strings.ContainsAny(std, "0123456789") && strings.ContainsFunc(std, unicode.IsLetter) && citationKindAt(lowerASCII(std)) == "" {
			return std, strings.TrimSpace(seg[i:]), true
		}
		return "", "", false
	}
	return "", "", false
}

// citationKinds are the words that name a kind of part, longest first
// within each kind so that "sections" wins over "sec".
var citationKinds = []struct {
	kind  string
	words []string
}{
	{"section", []string{"subclauses", "subclause", "sections", "section", "clauses", "clause", "secs.", "secs", "sec.", "sec", "cls.", "cl.", "§§", "§", "chapters", "chapter", "ch.", "章节", "条款", "小节"}},
	{"figure", []string{"figures", "figure", "figs.", "figs", "fig.", "fig", "附图", "图"}},
	{"table", []string{"tables", "table", "tabs.", "tab.", "表格", "表"}},
	{"annex", []string{"annexes", "annex", "appendices", "appendix", "app.", "附录", "附件"}},
}

// citationKindAt returns the kind whose word s (lower case) starts with,
// and "" when none does. A word of letters must end at a non-letter.
func citationKindAt(s string) string {
	k, _ := matchCitationKind(s)
	return k
}

func matchCitationKind(s string) (kind string, n int) {
	for _, ck := range citationKinds {
		for _, w := range ck.words {
			if !strings.HasPrefix(s, w) {
				continue
			}
			if last, _ := utf8.DecodeLastRuneInString(w); last < 0x80 && unicode.IsLetter(last) {
				if next, _ := utf8.DecodeRuneInString(s[len(w):]); unicode.IsLetter(next) {
					continue // "section" is not "sec" + "tion"
				}
			}
			return ck.kind, len(w)
		}
	}
	return "", 0
}

// citationLabel matches a part's number: "27.3.4", "27-8", "A.1", "8.5.3.2a",
// "27.3.4-27.3.6" (a range of sections).
var citationLabel = regexp.MustCompile(`^(?:[A-Z](?:\.\d+)*|\d+(?:[.\-]\d+)*[a-z]?)`)

// sectionRange matches a range of dotted section numbers.
var sectionRange = regexp.MustCompile(`^(\d+(?:\.\d+)+)-(\d+(?:\.\d+)+)$`)

// parseCitationParts reads the parts of one group.
func parseCitationParts(g citationGroup) ([]Citation, []string) {
	var out []Citation
	var warnings []string
	text := g.text
	if len(text) > maxCitationGroup {
		text = ""
	}
	for _, part := range g.parts {
		kind := "section"
		if len(out) > 0 {
			kind = out[len(out)-1].Kind
		}
		cits, bad := scanCitationPart(part, kind)
		if bad != "" {
			cits = nil // a part read only in part would cite the wrong thing
		}
		for _, c := range cits {
			c.Standard, c.Text = g.standard, text
			out = append(out, c)
		}
		if bad != "" || len(cits) == 0 {
			warnings = append(warnings, "cannot read the reference "+quote(part)+" of "+quote(g.standard)+unreadable(bad))
		}
	}
	return out, warnings
}

func unreadable(bad string) string {
	if bad == "" {
		return ": it names no section, figure, table or annex"
	}
	return ": " + quote(bad) + " is not a section, figure, table or annex number"
}

// scanCitationPart reads kind words and labels from one part, starting with
// kind. It returns the citations and the first text it could not read.
func scanCitationPart(part, kind string) ([]Citation, string) {
	var out []Citation
	bad := ""
	s := part
	for s != "" {
		s = strings.TrimLeftFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' || r == '&' || r == '/' })
		if s == "" {
			break
		}
		if n := skipConnective(s); n > 0 {
			s = s[n:]
			continue
		}
		if k, n := matchCitationKind(lowerASCII(s)); n > 0 {
			kind, s = k, s[n:]
			continue
		}
		if s[0] == '(' {
			if end := strings.IndexByte(s, ')'); end > 0 {
				s = s[end+1:] // a comment such as "(HE-SIG-A)"
				continue
			}
		}
		label := citationLabel.FindString(s)
		if label == "" || kind != "annex" && label[0] >= 'A' && label[0] <= 'Z' && !strings.Contains(label, ".") {
			if bad == "" {
				bad = firstWord(s)
			}
			s = s[len(firstWord(s)):]
			continue
		}
		s = strings.TrimPrefix(s[len(label):], ".")
		out = append(out, labelCitations(kind, label)...)
	}
	return out, bad
}

// skipConnective returns the length of a leading "and", "or", "第", "及"...
// or a trailing "节", "章", "条" marker, 0 when there is none.
func skipConnective(s string) int {
	lower := lowerASCII(s)
	for _, w := range []string{"and ", "or ", "to ", "see ", "et seq.", "ff.", "第", "及", "和", "与", "节", "章", "条", "款"} {
		if strings.HasPrefix(lower, w) {
			return len(w)
		}
	}
	return 0
}

// firstWord is s up to the first space or comma, at least one character.
func firstWord(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == ',' })
	switch {
	case i < 0:
		return s
	case i == 0:
		_, n := utf8.DecodeRuneInString(s)
		return s[:n]
	}
	return s[:i]
}

// labelCitations turns a label read under kind into citations: the
// registry's labels are "27.3.4", "Figure 27-8", "Table 27-11", "Annex A".
func labelCitations(kind, label string) []Citation {
	if kind == "section" {
		if m := sectionRange.FindStringSubmatch(label); m != nil {
			return []Citation{{Kind: kind, Label: m[1]}, {Kind: kind, Label: m[2]}}
		}
		return []Citation{{Kind: kind, Label: label}}
	}
	return []Citation{{Kind: kind, Label: kindPrefix[kind] + label}}
}

// FormatCitations writes citations as a pool list does, one line per
// group: the Text each was parsed from, or, for citations without one,
// "Standard: Secs. a, b; Figures c; Tables d; Annexes e". ParseCitations
// reads the result back to the same citations.
func FormatCitations(cits []Citation) string {
	var lines []string
	seen := map[string]bool{}
	var loose []Citation
	for _, c := range cits {
		switch {
		case c.Text == "":
			loose = append(loose, c)
		case !seen[c.Text]:
			seen[c.Text] = true
			lines = append(lines, c.Text)
		}
	}
	return strings.Join(append(lines, formatLooseCitations(loose)...), "\n")
}

// formatLooseCitations writes citations without a source text, grouped by
// standard in order of first appearance.
func formatLooseCitations(cits []Citation) []string {
	var order []string
	byStd := map[string][]Citation{}
	for _, c := range cits {
		if _, ok := byStd[c.Standard]; !ok {
			order = append(order, c.Standard)
		}
		byStd[c.Standard] = append(byStd[c.Standard], c)
	}
	var lines []string
	for _, std := range order {
		var parts []string
		for _, kind := range []string{"section", "figure", "table", "annex"} {
			var labels []string
			for _, c := range byStd[std] {
				if c.Kind == kind {
					labels = append(labels, strings.TrimPrefix(c.Label, kindPrefix[kind]))
				}
			}
			if len(labels) > 0 {
				parts = append(parts, kindWord(kind, len(labels))+" "+strings.Join(labels, ", "))
			}
		}
		lines = append(lines, std+": "+strings.Join(parts, "; "))
	}
	return lines
}

// kindPrefix starts the registry's labels of figures, tables and annexes.
var kindPrefix = map[string]string{"figure": "Figure ", "table": "Table ", "annex": "Annex "}

func kindWord(kind string, n int) string {
	words := map[string][2]string{"section": {"Sec.", "Secs."}, "figure": {"Figure", "Figures"},
		"table": {"Table", "Tables"}, "annex": {"Annex", "Annexes"}}[kind]
	if n == 1 {
		return words[0]
	}
	return words[1]
}

// lowerASCII lower-cases ASCII letters only, so that byte offsets in the
// result are offsets in s.
func lowerASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// standardName is a standard designation reduced for matching: body and
// number as upper-case letters and digits ("IEEE80211AX"), and the version
// the same way ("2021", "V8"), "" when none is written.
type standardName struct{ base, version string }

// versionPatterns find a version at the end of a designation.
var versionPatterns = []*regexp.Regexp{
	regexp.MustCompile(`\(([^()]*)\)\s*$`),                          // ITU-T H.265 (V8), (08/2021)
	regexp.MustCompile(`(?i)\s+v(?:ersion)?\s*(\d+(?:\.\d+)*)\s*$`), // 3GPP TS 38.211 V16.2.0
	regexp.MustCompile(`[-:/](\d{4})\s*$|\s(\d{4})\s*$`),            // 802.11ax-2021, 23008-2:2020
}

// filler are words a designation may hold that do not tell standards apart.
var filler = regexp.MustCompile(`(?i)\b(?:std|standard|rec|recommendation)\b\.?`)

func parseStandardName(s string) standardName {
	s = FoldWidth(strings.TrimSpace(s))
	var version string
	for _, p := range versionPatterns {
		if m := p.FindStringSubmatchIndex(s); m != nil {
			for g := 2; g+1 < len(m); g += 2 {
				if m[g] >= 0 {
					version = s[m[g]:m[g+1]]
				}
			}
			s = s[:m[0]]
			break
		}
	}
	return standardName{base: alnumUpper(filler.ReplaceAllString(s, " ")), version: alnumUpper(version)}
}

// alnumUpper keeps the letters and digits of s, upper-cased.
func alnumUpper(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToUpper(r))
		}
	}
	return b.String()
}

// versions are the spellings of a registry standard's version a citation
// may use: the first word of Version, the year and month/year of Date.
func (s *Standard) versions() []string {
	first := strings.FieldsFunc(s.Version, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;()", r) })
	var vs []string
	if len(first) > 0 {
		vs = append(vs, alnumUpper(first[0]))
	}
	vs = append(vs, alnumUpper(s.Version))
	if len(s.Date) >= 7 {
		vs = append(vs, string(s.Date[:4]), string(s.Date[5:7])+string(s.Date[:4]))
	}
	return vs
}

// ResolveStandard returns the slug of the standard among standards that a
// designation as written names ("IEEE Std. 802.11ax-2021", "ITU-T H.265
// (V8)", or a slug), and "" when none or more than one does.
func ResolveStandard(name string, standards []*Standard) string {
	name = strings.TrimSpace(name)
	for _, s := range standards {
		if strings.EqualFold(s.Slug, name) {
			return s.Slug
		}
	}
	want := parseStandardName(name)
	if want.base == "" {
		return ""
	}
	var found []string
	for _, s := range standards {
		if want.base != alnumUpper(s.Body+s.Number) && want.base != alnumUpper(s.Number) {
			continue
		}
		if want.version == "" || slices.Contains(s.versions(), want.version) {
			found = append(found, s.Slug)
		}
	}
	if len(found) != 1 {
		return ""
	}
	return found[0]
}

// LinkCitations sets each citation's Slug to the standard among standards
// it names, or clears it when none (or several) do.
func LinkCitations(cits []Citation, standards []*Standard) []Citation {
	resolved := map[string]string{}
	for i := range cits {
		slug, ok := resolved[cits[i].Standard]
		if !ok {
			slug = ResolveStandard(cits[i].Standard, standards)
			resolved[cits[i].Standard] = slug
		}
		cits[i].Slug = slug
	}
	return cits
}
