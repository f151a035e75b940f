package claimcharts

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A standard is named in many ways in pool lists: "IEEE 802.11ax-2021",
// "IEEE Std. 802.11ax-2021", "IEEE 802.11ax - 2021 Secs", "IEEE
// P802.11ax-2021", "EEE Std. 802.11-2020". normalizeStandard writes the
// common ones one way, so that the standard: filter and facet see one
// standard, and ResolveStandard links them to the registry's.

// ieeeName reads an IEEE 802 designation in its common spellings: with or
// without "IEEE", "Std." or "Standard", with the P of a project, with the
// amendment's letters in either case, with the year after a hyphen, a
// space or in parentheses. "EEE" is the IEEE with its first letter lost,
// which the 802 number makes evident.
var ieeeName = regexp.MustCompile(`(?i)^(?:I?EEE\s*(?:Std\.?|Standard)?\s*)?P?802\.(\d+)([a-z]{0,3})(?:\s*-\s*|\s*\(\s*|\s+)?((?:19|20)\d{2})?\)?$`)

// normalizeStandard writes a standard's designation in one spelling:
// spaces collapsed, full-width forms folded, trade marks and a trailing
// kind word ("IEEE 802.11ax - 2021 Secs") dropped, and IEEE 802
// designations written "IEEE 802.11ax-2021". Other designations are kept
// as written otherwise. It is idempotent.
func normalizeStandard(s string) string {
	s = strings.NewReplacer("™", "", "®", "").Replace(FoldWidth(s))
	words := strings.Fields(s)
	for len(words) > 1 {
		last := lowerASCII(words[len(words)-1])
		if _, n := matchCitationKind(last); n == 0 || n < len(last) {
			break
		}
		words = words[:len(words)-1]
	}
	s = strings.Join(words, " ")
	m := ieeeName.FindStringSubmatch(s)
	if m == nil {
		return s
	}
	name := "IEEE 802." + m[1] + strings.ToLower(m[2])
	if m[3] != "" {
		name += "-" + m[3]
	}
	return name
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
	want := parseStandardName(normalizeStandard(name))
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
