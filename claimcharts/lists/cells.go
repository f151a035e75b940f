package lists

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Cells of a list are read here: many patent numbers in one cell, claim
// numbers, numbered claim texts, dates, kinds and legal statuses in English
// and Chinese, texts by script, and slugs made from names.

func itoa(n int) string { return strconv.Itoa(n) }

// splitValues splits a cell of several values at line breaks, ';', '|'
// and, when commas is set, ','.
func splitValues(s string, commas bool) []string {
	var out []string
	for _, v := range strings.FieldsFunc(claimcharts.FoldWidth(s), func(r rune) bool {
		return r == '\n' || r == '\r' || r == ';' || r == '|' || commas && r == ','
	}) {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// thousandsGroup is what follows a comma inside a number ("10,285,091 B2").
var thousandsGroup = regexp.MustCompile(`^\d{3}(?:\s*[A-Z]\d?)?\s*$`)

// splitNumbers splits a cell of patent numbers, separated by ';', ',' or
// line breaks. A comma followed by three digits continues the number
// before it ("US 10,285,091 B2, EP 2777236" is two numbers).
func splitNumbers(s string) []string {
	var out []string
	for _, part := range splitValues(s, false) {
		out = appendNumbers(out, part)
	}
	return out
}

// appendNumbers appends the numbers of one part of a cell to out. A number
// is a comma-separated token, trimmed, and the thousands groups that follow
// it as written; it is cut from part once its end is found, so that a long
// run of groups costs its length once.
func appendNumbers(out []string, part string) []string {
	var head string  // the number's first token, trimmed
	from, to := 0, 0 // part[from:to] is the rest of the number: ",091 B2"...
	flush := func() {
		if cur := strings.TrimSpace(head + part[from:to]); cur != "" {
			out = append(out, cur)
		}
	}
	pos := 0
	for _, tok := range strings.Split(part, ",") {
		end := pos + len(tok)
		if head != "" && thousandsGroup.MatchString(tok) && endsInDigit(head, part[from:to]) {
			to = end
		} else {
			flush()
			head, from, to = strings.TrimSpace(tok), end, end
		}
		pos = end + 1
	}
	flush()
	return out
}

// endsInDigit reports whether the number head+rest ends in a digit.
func endsInDigit(head, rest string) bool {
	if rest != "" {
		head = rest
	}
	return head != "" && head[len(head)-1] >= '0' && head[len(head)-1] <= '9'
}

// unreadNumber is a number of a cell that ParseNumber cannot read: its
// text as written and the parser's reason (which names the evident
// reading of a typo, when there is one): a msg.Msg, to be read in the
// caller's language, or else its English text.
type unreadNumber struct {
	text   string
	reason any
}

// parseNumbers reads every number of a cell with ParseNumber, the one
// parser of patent numbers, and returns the numbers it reads and, apart,
// each one it cannot read.
func parseNumbers(s string) ([]claimcharts.Number, []unreadNumber) {
	var out []claimcharts.Number
	var bad []unreadNumber
	for _, p := range splitNumbers(s) {
		n, err := claimcharts.ParseNumber(p)
		if err != nil {
			bad = append(bad, unreadNumber{p, reasonOf(err)})
			continue
		}
		out = append(out, n)
	}
	return out, bad
}

// claimNumberWords are the words around claim numbers ("claims 1 and 5",
// "权利要求第1、5项").
var claimNumberWords = regexp.MustCompile(`(?i)claims?|cl\.|权利要求|第|项|and|和|及|&`)

// maxClaimNumbers caps the claim numbers a cell lists, ranges counted in
// full: claims run from 1 to 10000, so a longer list repeats numbers.
const maxClaimNumbers = 10_000

// parseClaimNumbers reads "1, 5-7, 12" (or "claims 1 and 5", "权利要求1、5")
// into claim numbers. When it cannot, it returns why instead: the
// numbers are unreadable (msg.ClaimsKept) or more than maxClaimNumbers
// (msg.ClaimsTooMany); why.Key is empty when it reads them.
func parseClaimNumbers(s string) (ns []int, why msg.Msg) {
	s = claimNumberWords.ReplaceAllString(claimcharts.FoldWidth(s), ",")
	s = strings.NewReplacer("–", "-", "—", "-", "~", "-", "～", "-", " to ", "-").Replace(s)
	var out []int
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || unicode.IsSpace(r) }) {
		lo, hi, isRange := strings.Cut(part, "-")
		a, err1 := strconv.Atoi(lo)
		b, err2 := a, error(nil)
		if isRange {
			b, err2 = strconv.Atoi(hi)
		}
		if err1 != nil || err2 != nil || a < 1 || b < a || b-a > 1000 || b > 10000 {
			return nil, msg.Says(msg.ClaimsKept)
		}
		if len(out)+b-a+1 > maxClaimNumbers {
			return nil, msg.Says(msg.ClaimsTooMany, maxClaimNumbers)
		}
		for n := a; n <= b; n++ {
			out = append(out, n)
		}
	}
	if len(out) == 0 {
		return nil, msg.Says(msg.ClaimsKept)
	}
	return out, msg.Msg{}
}

// formatClaimNumbers writes claim numbers as "1, 5-7, 12".
func formatClaimNumbers(ns []int) string {
	var parts []string
	for i := 0; i < len(ns); {
		j := i
		for j+1 < len(ns) && ns[j+1] == ns[j]+1 {
			j++
		}
		if j > i+1 {
			parts = append(parts, itoa(ns[i])+"-"+itoa(ns[j]))
		} else {
			for k := i; k <= j; k++ {
				parts = append(parts, itoa(ns[k]))
			}
		}
		i = j + 1
	}
	return strings.Join(parts, ", ")
}

// claimStart matches the start of a numbered claim: "1.", "2、", "3)", with
// an optional explicit dependency "[1]" ("[0]": independent).
// Claim texts are kept as written: the pattern reads full-width forms
// itself rather than folding the text.
var claimStart = regexp.MustCompile(`^\s*([0-9０-９]{1,4})\s*[.,:)．，、：）]\s*(?:[\[［]([0-9０-９]{1,4})[\]］]\s*)?`)

// claimReference finds the claim a dependent claim refers to.
var claimReference = regexp.MustCompile(`(?i)\bclaims?\s+(\d{1,4})|权利要求\s*(\d{1,4})|請求項\s*(\d{1,4})|청구항\s*(\d{1,4})`)

// claimText is one numbered claim read from a cell.
type claimText struct {
	number, dependsOn int
	explicit          bool
	text              string
}

// maxClaimText is the most characters a claim's text holds in one
// language (claimcharts.Text's validation, which refuses a longer one).
const maxClaimText = 20_000

// parseClaimTexts reads numbered claims, one or more lines each. A line
// that starts with the next claim's number starts it; other lines continue
// the claim before. A cell without numbers is claim 1.
func parseClaimTexts(field, s string) ([]claimText, error) {
	var out []claimText
	var body claimBody // the text of the last claim of out
	start := func(c claimText, text string) {
		if len(out) > 0 {
			out[len(out)-1].text = body.String()
		}
		out, body = append(out, c), claimBody{}
		body.add(strings.TrimSpace(text))
	}
	for line := range strings.Lines(strings.ReplaceAll(s, "\r\n", "\n")) {
		line = strings.TrimSuffix(line, "\n")
		m := claimStart.FindStringSubmatch(line)
		if m != nil {
			n, _ := strconv.Atoi(claimcharts.FoldWidth(m[1]))
			if len(out) == 0 || n == out[len(out)-1].number+1 {
				c := claimText{number: n}
				if m[2] != "" {
					c.dependsOn, _ = strconv.Atoi(claimcharts.FoldWidth(m[2]))
					c.explicit = true
				}
				start(c, line[len(m[0]):])
				continue
			}
		}
		switch {
		case len(out) > 0:
			body.add(line)
		case strings.TrimSpace(line) != "":
			start(claimText{number: 1}, line)
		}
	}
	if len(out) > 0 {
		out[len(out)-1].text = body.String()
	}
	for i := range out {
		if out[i].text == "" {
			return nil, cellSays(field, s, msg.ClaimNoText, out[i].number)
		}
		if !out[i].explicit {
			out[i].dependsOn = inferDependency(out[i].number, out[i].text)
		}
	}
	return out, nil
}

// claimBody gathers the lines of one claim's text, joined by line breaks
// and trimmed. Once the text passes maxClaimText characters it takes no
// more lines: the claim is refused then, and its text need not grow.
type claimBody struct {
	text  strings.Builder // the lines so far, from the first non-space
	runes int             // the characters of text
	full  bool            // text, trimmed, passes maxClaimText characters
}

// add appends a line to the claim's text.
func (b *claimBody) add(line string) {
	if b.full {
		return
	}
	if b.text.Len() == 0 {
		// The lines before, if any, are blank: the trimmed text starts here.
		line = strings.TrimLeftFunc(line, unicode.IsSpace)
		if line == "" {
			return
		}
	} else {
		b.text.WriteByte('\n')
		b.runes++
	}
	b.text.WriteString(line)
	b.runes += utf8.RuneCountInString(line)
	if kept := strings.TrimRightFunc(line, unicode.IsSpace); kept != "" {
		b.full = b.runes-utf8.RuneCountInString(line[len(kept):]) > maxClaimText
	}
}

// String returns the claim's text, trimmed.
func (b *claimBody) String() string { return strings.TrimSpace(b.text.String()) }

// inferDependency returns the earlier claim a claim's text refers to, 0
// for none.
func inferDependency(n int, text string) int {
	for _, m := range claimReference.FindAllStringSubmatch(text, -1) {
		for _, g := range m[1:] {
			if d, err := strconv.Atoi(g); err == nil && d >= 1 && d < n {
				return d
			}
		}
	}
	return 0
}

// dateLayouts are the date spellings lists use, after separators are
// folded to '-'.
var dateLayouts = []string{"2006-1-2", "20060102", "2006-01-02T15:04:05Z07:00", "2006-1-2 15:04:05", "2006-1-2 15:04"}

// parseDate reads a date: 2021-05-19, 2021/5/19, 2021.05.19, 2021年5月19日,
// 20210519, or a spreadsheet serial day number (44335).
func parseDate(field, s string) (claimcharts.Date, error) {
	s = strings.TrimSpace(claimcharts.FoldWidth(s))
	if s == "" {
		return "", nil
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil && n >= 10000 && n < 2958466 && len(s) != 8 {
		return claimcharts.Date(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n)).Format(time.DateOnly)), nil
	}
	norm := strings.NewReplacer("/", "-", ".", "-", "年", "-", "月", "-", "日", "").Replace(s)
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, norm); err == nil {
			return claimcharts.Date(t.Format(time.DateOnly)), nil
		}
	}
	return "", cellSays(field, s, msg.NotADate)
}

// choice maps the spellings of an enumerated cell to its value.
type choice map[string]string

var patentTypes = choice{
	"invention": "invention", "inventionpatent": "invention", "patent": "invention", "发明": "invention", "发明专利": "invention",
	"utilitymodel": "utility_model", "utility": "utility_model", "实用新型": "utility_model", "实用新型专利": "utility_model",
	"design": "design", "industrialdesign": "design", "外观设计": "design", "外观设计专利": "design",
}

var legalStatuses = choice{
	"pending": "pending", "underexamination": "pending", "application": "pending", "审中": "pending", "在审": "pending", "申请中": "pending", "实审": "pending",
	"granted": "granted", "inforce": "granted", "active": "granted", "valid": "granted", "有效": "granted", "授权": "granted", "已授权": "granted",
	"expired": "expired", "届满": "expired", "期满": "expired", "到期": "expired", "期限届满": "expired",
	"lapsed": "lapsed", "abandoned": "lapsed", "失效": "lapsed", "终止": "lapsed", "未缴年费": "lapsed",
	"revoked": "revoked", "invalidated": "revoked", "无效": "revoked", "宣告无效": "revoked", "全部无效": "revoked", "撤销": "revoked",
	"withdrawn": "withdrawn", "撤回": "withdrawn", "视为撤回": "withdrawn",
}

// pick reads a cell with a choice; empty cells give "".
func (c choice) pick(field, s string) (string, error) {
	key := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '_' || r == '-' {
			return -1
		}
		return unicode.ToLower(r)
	}, claimcharts.FoldWidth(s))
	if key == "" {
		return "", nil
	}
	if v, ok := c[key]; ok {
		return v, nil
	}
	var vals []string
	seen := map[string]bool{}
	for _, v := range c {
		if !seen[v] {
			seen[v] = true
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	return "", cellSays(field, s, msg.MustBeOneOfList, strings.Join(vals, ", "))
}

// hasHan reports whether s holds Chinese characters.
func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// textOf puts s in Text's Chinese or English by its script.
func textOf(s string) claimcharts.Text {
	if hasHan(s) {
		return claimcharts.Text{Zh: s}
	}
	return claimcharts.Text{En: s}
}

// SlugFromName makes a stable key from a name: its ASCII words, lower
// case, joined by '-'; a name with other characters ("华为技术有限公司")
// gets the first 8 hex digits of the SHA-256 of the name as well, after
// prefix when it has no ASCII words ("org-1a2b3c4d"). The same name always
// gives the same slug.
func SlugFromName(prefix, name string) string {
	name = strings.Join(strings.Fields(claimcharts.FoldWidth(name)), " ")
	var words []string
	var word strings.Builder
	other := false
	for _, r := range strings.ToLower(name) + " " {
		switch {
		case r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word.WriteRune(r)
			continue
		case r >= 0x80 && !unicode.IsSpace(r) && !unicode.IsPunct(r):
			other = true
		}
		if word.Len() > 0 {
			words = append(words, word.String())
			word.Reset()
		}
	}
	slug := strings.Trim(truncateSlug(strings.Join(words, "-"), 100), "-")
	if !other && slug != "" {
		return slug
	}
	sum := sha256.Sum256([]byte(name))
	if slug == "" {
		slug = prefix
	}
	return slug + "-" + hex.EncodeToString(sum[:4])
}

func truncateSlug(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// familyID is the key of a family code: the code itself when it is a
// slug once lower-cased, else a slug made from it.
func familyID(code string) string {
	if lower := strings.ToLower(strings.TrimSpace(code)); claimcharts.IsSlug(lower) {
		return lower
	}
	return SlugFromName("fam", code)
}
