package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sepportal/claimcharts"
	"sepportal/claimcharts/msg"
)

// Limits of the query language. A query beyond them is refused with a
// reason, before any search runs.
const (
	MaxQueryLen   = 2000 // characters
	MaxTerms      = 40   // words, phrases and filters
	MaxDepth      = 6    // nested parentheses
	minPrefixLen  = 3    // letters before a trailing * in free text
	minHanPrefix  = 1    // Chinese characters before a trailing *
	minValuPrefix = 1    // characters before a trailing * in a filter value
)

// node is a parsed query.
type node interface{ terms() int }

type (
	andNode  struct{ kids []node }
	orNode   struct{ kids []node }
	notNode  struct{ kid node }
	wordNode struct {
		text   string
		prefix bool
	} // one free-text word
	phraseNode struct{ text string } // a quoted phrase
	numberNode struct {
		text string // as written: "EP (DE) 2 777 236"
		key  string // claimcharts.Number.Key
	} // a patent number, read before the query language
)

func (n *andNode) terms() int    { return sumTerms(n.kids) }
func (n *orNode) terms() int     { return sumTerms(n.kids) }
func (n *notNode) terms() int    { return n.kid.terms() }
func (n *wordNode) terms() int   { return 1 }
func (n *phraseNode) terms() int { return 1 }
func (n *numberNode) terms() int { return 1 }

func sumTerms(kids []node) int {
	n := 0
	for _, k := range kids {
		n += k.terms()
	}
	return n
}

// badQuery is the error of a query that cannot be read: EINVALID, with the
// reason (the catalog's key with its args) on the field "q".
func badQuery(reason msg.Key, args ...any) error {
	return claimcharts.Says(claimcharts.EINVALID, msg.QueryUnreadable, msg.Says(reason, args...)).With(claimcharts.Because("q", reason, args...))
}

// token kinds of the lexer.
type tokKind int

const (
	tokWord tokKind = iota
	tokPhrase
	tokField
	tokOpen
	tokClose
	tokOr
	tokNumber
)

type token struct {
	kind   tokKind
	text   string // word, phrase, field value, or number as written
	field  string // field name of tokField; the number's key for tokNumber
	quoted bool   // a quoted field value
	neg    bool
	pos    int // 1-based character position, for messages
}

// isQuote reports quotation marks: straight, and the Chinese curly ones.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// lex splits a query into tokens. A patent number is one token, however
// it is spelt: see numberAt.
func lex(q string) ([]token, error) {
	budget := maxNumberTries
	return lexRunes([]rune(q), &budget)
}

// lexRunes splits rs into tokens, reading patent numbers while the budget
// of tries lasts (nil: none).
func lexRunes(rs []rune, budget *int) ([]token, error) {
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
			continue
		case r == '(' || r == ')':
			toks = append(toks, token{kind: map[rune]tokKind{'(': tokOpen, ')': tokClose}[r], pos: i + 1})
			i++
			continue
		}
		if budget != nil {
			if t, next, ok := negatedNumberAt(rs, i, toks, budget); ok {
				toks = append(toks, t)
				i = next
				continue
			}
		}
		t, next, err := lexItem(rs, i)
		if err != nil {
			return nil, err
		}
		if t.kind >= 0 {
			toks = append(toks, t)
		}
		i = next
	}
	return toks, nil
}

// lexItem reads one word, phrase or field filter starting at i, with a
// leading "-" for negation.
func lexItem(rs []rune, i int) (token, int, error) {
	t := token{pos: i + 1}
	if rs[i] == '-' && i+1 < len(rs) && !unicode.IsSpace(rs[i+1]) {
		t.neg = true
		i++
		if rs[i] == '(' {
			t.kind = tokOpen
			return t, i + 1, nil
		}
	}
	if isQuote(rs[i]) {
		text, next, err := quoted(rs, i)
		t.kind, t.text = tokPhrase, text
		return t, next, err
	}
	start := i
	for i < len(rs) && !unicode.IsSpace(rs[i]) && rs[i] != '(' && rs[i] != ')' && !isQuote(rs[i]) {
		i++
	}
	word := string(rs[start:i])
	if name, value, ok := strings.Cut(word, ":"); ok && isFieldName(name) {
		t.kind, t.field, t.text = tokField, strings.ToLower(name), value
		if value == "" && i < len(rs) && isQuote(rs[i]) {
			text, next, err := quoted(rs, i)
			t.text, t.quoted = text, true
			return t, next, err
		}
		if value == "" {
			return t, i, badQuery(msg.FilterNoValueAt, name, t.pos, name)
		}
		return t, i, nil
	}
	if i < len(rs) && isQuote(rs[i]) && word != "" {
		return t, i, badQuery(msg.QuoteTouches, i+1, word)
	}
	t.kind, t.text = tokWord, word
	if !t.neg && word == "OR" {
		t.kind = tokOr
	}
	if word == "" || word == "-" || !t.neg && word == "AND" {
		t.kind = -1
	}
	return t, i, nil
}

// quoted reads a quoted text starting at the quote rs[i].
func quoted(rs []rune, i int) (string, int, error) {
	for j := i + 1; j < len(rs); j++ {
		if isQuote(rs[j]) {
			return string(rs[i+1 : j]), j + 1, nil
		}
	}
	return "", 0, badQuery(msg.QuoteUnclosed, i+1)
}

// isFieldName reports whether s can name a filter: letters and underscores.
func isFieldName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '_') {
			return false
		}
	}
	return true
}

// parse reads a query: words and phrases are ANDed, OR joins alternatives,
// parentheses group, a leading - excludes, and name:value filters.
func parse(q string) (node, error) {
	if len(q) > 4*MaxQueryLen || utf8.RuneCountInString(q) > MaxQueryLen {
		return nil, badQuery(msg.QueryTooLong, utf8.RuneCountInString(q), MaxQueryLen)
	}
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	n, err := p.or(0)
	if err != nil {
		return nil, err
	}
	if p.i < len(p.toks) {
		return nil, badQuery(msg.ParenNoOpen, p.toks[p.i].pos)
	}
	if n != nil && n.terms() > MaxTerms {
		return nil, badQuery(msg.QueryTooManyTerm, n.terms(), MaxTerms)
	}
	return n, nil
}

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() *token {
	if p.i < len(p.toks) {
		return &p.toks[p.i]
	}
	return nil
}

// or reads alternatives joined by OR.
func (p *parser) or(depth int) (node, error) {
	var kids []node
	for {
		n, err := p.and(depth)
		if err != nil {
			return nil, err
		}
		t := p.peek()
		if n == nil && (t != nil && t.kind == tokOr || len(kids) > 0) {
			pos := 0
			if t != nil {
				pos = t.pos
			}
			return nil, badQuery(msg.OrNeedsTerms, pos)
		}
		if n != nil {
			kids = append(kids, n)
		}
		if t == nil || t.kind != tokOr {
			break
		}
		p.i++
	}
	switch len(kids) {
	case 0:
		return nil, nil
	case 1:
		return kids[0], nil
	}
	return &orNode{kids: kids}, nil
}

// and reads terms up to OR, ) or the end.
func (p *parser) and(depth int) (node, error) {
	var kids []node
	for t := p.peek(); t != nil && t.kind != tokOr && t.kind != tokClose; t = p.peek() {
		n, err := p.unary(depth)
		if err != nil {
			return nil, err
		}
		kids = append(kids, n)
	}
	switch len(kids) {
	case 0:
		return nil, nil
	case 1:
		return kids[0], nil
	}
	return &andNode{kids: kids}, nil
}

// unary reads one term, filter or parenthesised group, negated or not.
func (p *parser) unary(depth int) (node, error) {
	t := p.peek()
	p.i++
	var n node
	var err error
	switch t.kind {
	case tokOpen:
		n, err = p.group(t, depth)
	case tokPhrase:
		n = &phraseNode{text: t.text}
	case tokField:
		n, err = parseFilter(t)
	case tokNumber:
		n = &numberNode{text: t.text, key: t.field}
	default:
		n, err = parseWord(t)
	}
	if err != nil {
		return nil, err
	}
	if t.neg {
		return &notNode{kid: n}, nil
	}
	return n, nil
}

func (p *parser) group(open *token, depth int) (node, error) {
	if depth+1 > MaxDepth {
		return nil, badQuery(msg.ParenTooDeep, MaxDepth, open.pos)
	}
	n, err := p.or(depth + 1)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t == nil || t.kind != tokClose {
		return nil, badQuery(msg.ParenNoClose, open.pos)
	}
	p.i++
	if n == nil {
		return nil, badQuery(msg.ParenEmpty, open.pos)
	}
	return n, nil
}

// parseWord checks a free-text word's wildcard: only a trailing *, after
// enough letters to keep the expansion small.
func parseWord(t *token) (node, error) {
	w := t.text
	body, prefix := strings.CutSuffix(w, "*")
	if strings.ContainsRune(body, '*') || w == "*" {
		if w == "*" || strings.Trim(w, "*") == "" {
			return nil, badQuery(msg.LoneStar, t.pos)
		}
		return nil, badQuery(msg.StarNotAtEnd, w, t.pos)
	}
	if prefix {
		min := minPrefixLen
		if hasHan(body) {
			min = minHanPrefix
		}
		if n := utf8.RuneCountInString(strings.Trim(body, "-_.,;'")); n < min {
			return nil, badQuery(msg.StarTooShort, w, min, t.pos)
		}
	}
	return &wordNode{text: body, prefix: prefix}, nil
}

// Patent numbers are read before the query language, so that the spaces,
// parentheses and hyphens of their spellings ("EP (DE) 2 777 236",
// "DE (EP) 3 079 322", the display form "EP 2777236 (DE)") are not taken
// for words, groups and exclusions.
const (
	// maxNumberPieces is the most space-separated pieces a number spans
	// ("DE 10 2015 123 456 A1", "Patent No.: US 10,285,091 B2").
	maxNumberPieces = 8
	// minEmbeddedDigits is how many digits a number needs to be read as
	// one among other words; a query that is a number alone needs the
	// four that claimcharts.LooksLikeNumber asks for. "wifi US 2020" stays
	// three words.
	minEmbeddedDigits = 6
	// maxNumberTries bounds the runs of text a query's lexer tries as a
	// number: a query of 2,000 characters of number-like pieces costs no
	// more than a few dozen numbers do. Past it, pieces are words (and a
	// word that is a number alone is still compiled as one).
	maxNumberTries = 100
)

// numberAt reads the longest run of pieces starting at rs[i] that
// claimcharts.ParseNumber accepts, as one token. A number written in lower
// case is read only when it is the whole query beside filters ("ep (de)
// 2777236 pool:wifi6"); among other words it must start with a capital
// and have minEmbeddedDigits digits, so that English words that are also
// office codes ("in", "at", "no") stay words.
func numberAt(rs []rune, i int, before []token, budget *int) (token, int, bool) {
	if !startsNumber(rs[i]) {
		return token{}, 0, false
	}
	ends := pieceEnds(rs, i)
	for k := len(ends) - 1; k >= 0; k-- {
		if countDigits(rs[i:ends[k]]) < minNumberDigits {
			break // nor will a shorter run have them: words cost no parsing
		}
		tries := []int{ends[k]}
		if trimmed := trimUnbalanced(rs, i, ends[k]); trimmed != ends[k] {
			tries = append(tries, trimmed)
		}
		for _, end := range tries {
			if *budget <= 0 {
				return token{}, 0, false
			}
			*budget--
			text := string(rs[i:end])
			if end <= i || !claimcharts.LooksLikeNumber(text) {
				continue
			}
			n, err := claimcharts.ParseNumber(text)
			if err != nil || !numberStandsAlone(rs, i, end, before) && !embeddedNumber(text) {
				continue
			}
			return token{kind: tokNumber, text: text, field: n.Key(), pos: i + 1}, end, true
		}
	}
	return token{}, 0, false
}

// negatedNumberAt is numberAt after an optional "-" that excludes the number.
func negatedNumberAt(rs []rune, i int, before []token, budget *int) (token, int, bool) {
	if rs[i] != '-' || i+1 >= len(rs) {
		return numberAt(rs, i, before, budget)
	}
	t, next, ok := numberAt(rs, i+1, before, budget)
	t.neg, t.pos = true, i+1
	return t, next, ok
}

// minNumberDigits is the fewest digits claimcharts.LooksLikeNumber accepts.
const minNumberDigits = 4

// countDigits counts the digits in rs, full-width ones included.
func countDigits(rs []rune) int {
	n := 0
	for _, r := range rs {
		if unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// startsNumber reports whether a number may start with r: a letter (an
// office code, "ＥＰ", a label such as 专利号 or 特開).
func startsNumber(r rune) bool { return unicode.IsLetter(r) }

// pieceEnds returns where each of the first maxNumberPieces space-separated
// pieces from rs[i] ends. It stops before a quote, a filter and OR.
func pieceEnds(rs []rune, i int) []int {
	var ends []int
	for j := i; j < len(rs) && len(ends) < maxNumberPieces; {
		start := j
		for j < len(rs) && !unicode.IsSpace(rs[j]) && !isQuote(rs[j]) {
			j++
		}
		piece := string(rs[start:j])
		if name, _, ok := strings.Cut(piece, ":"); ok && isFieldName(name) || piece == "OR" || piece == "" {
			break
		}
		ends = append(ends, j)
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
	}
	return ends
}

// trimUnbalanced moves end back over closing parentheses that close a
// group opened before i: "(EP2777236 OR US10285091)".
func trimUnbalanced(rs []rune, i, end int) int {
	depth := 0
	for _, r := range rs[i:end] {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
		}
	}
	for depth < 0 && end > i && rs[end-1] == ')' {
		end--
		depth++
	}
	return end
}

// numberStandsAlone reports whether rs[i:end] is the whole query beside
// filters: every token before it and every token after it is a filter.
func numberStandsAlone(rs []rune, i, end int, before []token) bool {
	for _, t := range before {
		if t.kind != tokField || t.neg {
			return false
		}
	}
	after, err := lexRunes(rs[end:], nil)
	if err != nil {
		return false
	}
	for _, t := range after {
		if t.kind != tokField || t.neg {
			return false
		}
	}
	return true
}

// embeddedNumber reports whether text may be read as a number among other
// words: it starts with a capital (or a letter without case, 专利号) and
// has minEmbeddedDigits digits.
func embeddedNumber(text string) bool {
	first, _ := utf8.DecodeRuneInString(text)
	return !unicode.IsLower(first) && countDigits([]rune(text)) >= minEmbeddedDigits
}
