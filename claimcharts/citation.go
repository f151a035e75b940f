package claimcharts

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"sepportal/claimcharts/msg"
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
// without duplicates, and one warning per part it could not read (the
// first maxCitationWarnings, then one that counts the rest); it never
// fails and never panics. A warning's reason is the catalog's key, so that
// it reads in the caller's language (FieldError.In). Each citation's Text is its group ("Standard:
// parts") in a canonical spelling that ParseCitations reads back to the
// same citations, so exports that write Text round-trip.
func ParseCitations(text, standard string) ([]Citation, []FieldError) {
	if n := utf8.RuneCountInString(text); n > maxCitationText {
		return nil, []FieldError{Because("", msg.RefsTooLong, n, maxCitationText)}
	}
	var out []Citation
	var warns citationWarnings
	seen := map[string]bool{}
	for _, g := range citationGroups(joinBrokenHyphens(FoldWidth(text)), normalizeStandard(standard)) {
		if g.standard == "" {
			warns.add(msg.RefNoStandard, quote(clip(g.text)))
			continue
		}
		for _, c := range parseCitationParts(g, &warns) {
			k := c.Standard + "\x00" + c.Kind + "\x00" + c.Label
			if !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	return out, warns.list()
}

// maxCitationWarnings is the most warnings ParseCitations gives one text;
// past them, one more warning counts the references it did not name.
const maxCitationWarnings = 20

// citationWarnings gathers ParseCitations' warnings, the first
// maxCitationWarnings of them, and counts the rest: a cell of thousands
// of unreadable references is told so in a few lines.
type citationWarnings struct {
	kept []FieldError
	more int
}

// add adds the warning of key, made only when it is kept.
func (w *citationWarnings) add(key msg.Key, args ...any) {
	if len(w.kept) == maxCitationWarnings {
		w.more++
		return
	}
	w.kept = append(w.kept, Because("", key, args...))
}

// list is the warnings kept, and one counting the others when there are.
func (w *citationWarnings) list() []FieldError {
	if w.more == 0 {
		return w.kept
	}
	return append(w.kept, Because("", msg.RefsMore, w.more))
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
		for _, seg := range citationSegments(line) {
			if std, rest, ok := splitStandardPrefix(seg); ok {
				groups = append(groups, citationGroup{standard: normalizeStandard(std)})
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

// standardStart finds a standard's designation after a comma or a
// semicolon ("Secs. 17.3.5.9, IEEE Std. 802.11ax-2021: ..."): a standards
// body's name, or an IEEE 802 number, followed by a digit.
var standardStart = regexp.MustCompile(`(?i)[,;]\s*(?:(?:I?EEE|ITU|ISO|IEC|ETSI|3GPP|GB|YD|ANSI|ATSC|DVB|ECMA|SMPTE|ARIB|TTA|CCSA|JEDEC|IETF|RFC)\b[^,;:]*\d|P?802\.\d)`)

// citationSegments splits a line into its ';'-separated segments, and a
// segment again where a second standard starts after a comma, trimmed and
// without empty ones.
func citationSegments(line string) []string {
	var segs []string
	for _, seg := range strings.Split(line, ";") {
		for {
			loc := standardStart.FindStringIndex(seg)
			if loc == nil {
				break
			}
			segs = append(segs, seg[:loc[0]])
			seg = seg[loc[0]+1:]
		}
		segs = append(segs, seg)
	}
	out := segs[:0]
	for _, seg := range segs {
		if seg = strings.TrimSpace(seg); seg != "" {
			out = append(out, seg)
		}
	}
	return out
}

// brokenHyphen is a hyphen that ends a line inside a label ("27-" and
// "37" on the next line of a cell).
var brokenHyphen = regexp.MustCompile(`(\d)-[ \t]*\r?\n\s*(\d)`)

// joinBrokenHyphens joins labels broken across lines at a hyphen.
func joinBrokenHyphens(s string) string {
	return brokenHyphen.ReplaceAllString(s, "$1-$2")
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
		if s, kinds, ok := splitAtKindWord(std); ok { // "IEEE 802.11ax-2021 Table: 27-11"
			return s, kinds + seg[i:], true
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

// citationLabel matches a part's number: "27.3.4", "27-8", "8.5.3.2a",
// "9.2.4.6a.6", "9-788eh" (the letters of an amendment's insertions), "27.3.4-27.3.6" (a range of sections), an annex's
// sections, figures and tables ("A.1", "O-2", "I-21") and an annex ("A").
var citationLabel = regexp.MustCompile(`^(?:[A-Z](?:[.\-]\d+[a-z]{0,2})+|[A-Z]\b|\d+[a-z]{0,2}(?:[.\-]\d+[a-z]{0,2})*)`)

// brokenLabel is the rest of a label broken at a hyphen and a space, as a
// line break leaves it in a cell ("27- 37").
var brokenLabel = regexp.MustCompile(`^-\s+(\d+[a-z]{0,2}(?:[.\-]\d+[a-z]{0,2})*)`)

// sectionRange matches a range of dotted section numbers.
var sectionRange = regexp.MustCompile(`^(\d+(?:\.\d+)+)-(\d+(?:\.\d+)+)$`)

// parseCitationParts reads the parts of one group. Each label is read on
// its own: what cannot be read is a warning to warns that quotes it, and
// the labels around it are kept.
func parseCitationParts(g citationGroup, warns *citationWarnings) []Citation {
	var out []Citation
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
		for _, c := range cits {
			c.Standard, c.Text = g.standard, text
			out = append(out, c)
		}
		for _, b := range bad {
			warns.add(msg.RefBadLabel, quote(clip(part)), quote(g.standard), quote(clip(b)))
		}
		if len(cits) == 0 && len(bad) == 0 {
			warns.add(msg.RefNoLabel, quote(clip(part)), quote(g.standard))
		}
	}
	return out
}

// maxQuoted is the most runes of a reference a warning quotes: a part
// with many unreadable runs has a warning for each, and each quotes it.
const maxQuoted = 120

// clip shortens s to maxQuoted runes, marking the cut with "…".
func clip(s string) string {
	n := 0
	for i := range s {
		if n == maxQuoted {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// partScan reads one part: kind words, labels, connectives, comments in
// parentheses. Text it cannot read is gathered in runs, one per stretch
// between readable labels.
type partScan struct {
	part     string
	lower    string // part with ASCII letters lower-cased, offsets as in part
	kind     string
	out      []Citation
	bad      []string
	badStart int // start of the current unreadable run, -1 when none
	badEnd   int
}

// scanCitationPart reads kind words and labels from one part, starting with
// kind. It returns the citations and the texts it could not read.
func scanCitationPart(part, kind string) ([]Citation, []string) {
	sc := &partScan{part: part, lower: lowerASCII(part), kind: kind, badStart: -1}
	for i := 0; i < len(part); {
		i = sc.step(i)
	}
	sc.flush()
	return sc.out, sc.bad
}

// step reads what starts at part[i] and returns where the next read starts.
func (sc *partScan) step(i int) int {
	s := sc.part[i:]
	if t := strings.TrimLeftFunc(s, isCitationSeparator); len(t) < len(s) {
		return i + len(s) - len(t)
	}
	if n := skipConnective(sc.lower[i:]); n > 0 {
		return i + n
	}
	if k, n := matchCitationKind(sc.lower[i:]); n > 0 {
		sc.flush()
		sc.kind = k
		return i + n
	}
	if s[0] == '(' {
		if end := strings.IndexByte(s, ')'); end > 0 {
			return i + end + 1 // a comment such as "(HE-SIG-A)"
		}
	}
	label := citationLabel.FindString(s)
	n := len(label)
	if m := brokenLabel.FindStringSubmatch(s[n:]); m != nil && n > 0 {
		label, n = label+"-"+m[1], n+len(m[0])
	}
	if strings.HasPrefix(s[n:], ".") {
		n++ // a full stop after the label
	}
	if label != "" && sc.badStart >= 0 && !strings.Contains(sc.part[sc.badEnd:i], ",") {
		sc.badEnd = i + n // "of IEEE 802.11ax-2021", "in H.265": a number that unreadable text goes on to
		return i + n
	}
	if label == "" || sc.kind != "annex" && len(label) == 1 && isUpperByte(label[0]) || gluedToLabel(s[n:]) {
		w := firstWord(s)
		if sc.badStart < 0 {
			sc.badStart = i
		}
		sc.badEnd = i + len(w)
		return i + len(w)
	}
	sc.flush()
	sc.out = append(sc.out, labelCitations(sc.kind, label)...)
	return i + n
}

// gluedToLabel reports whether the text after a label continues its word
// ("27-x7", "27.3.4b2"): then the label is not one.
func gluedToLabel(rest string) bool {
	if rest == "" {
		return false
	}
	c := rest[0]
	return isDigitByte(c) || isUpperByte(c) || 'a' <= c && c <= 'z' || c == '-' || c == '_' || c == '.'
}

// flush ends the current unreadable run.
func (sc *partScan) flush() {
	if sc.badStart >= 0 {
		sc.bad = append(sc.bad, strings.TrimSpace(sc.part[sc.badStart:sc.badEnd]))
		sc.badStart = -1
	}
}

// isCitationSeparator reports the characters between labels: spaces,
// commas, ampersands, slashes, and the colon after a kind word ("Secs:").
func isCitationSeparator(r rune) bool {
	return unicode.IsSpace(r) || r == ',' || r == '&' || r == '/' || r == ':'
}

// skipConnective returns the length of a leading "and", "or", "第", "及"...
// a trailing "节", "章", "条" marker, or a " - " between two labels; 0 when
// there is none. lower is lower-cased ASCII (lowerASCII).
func skipConnective(lower string) int {
	for _, w := range []string{"and ", "or ", "to ", "see ", "et seq.", "ff.", "- ", "第", "及", "和", "与", "节", "章", "条", "款"} {
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
