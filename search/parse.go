package search

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"sepportal/claimcharts"
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
)

func (n *andNode) terms() int    { return sumTerms(n.kids) }
func (n *orNode) terms() int     { return sumTerms(n.kids) }
func (n *notNode) terms() int    { return n.kid.terms() }
func (n *wordNode) terms() int   { return 1 }
func (n *phraseNode) terms() int { return 1 }

func sumTerms(kids []node) int {
	n := 0
	for _, k := range kids {
		n += k.terms()
	}
	return n
}

// badQuery is the error of a query that cannot be read: EINVALID, with the
// reason on the field "q".
func badQuery(format string, args ...any) error {
	reason := fmt.Sprintf(format, args...)
	return claimcharts.Invalid("the search query cannot be read: "+reason, claimcharts.FieldError{Path: "q", Reason: reason})
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
)

type token struct {
	kind   tokKind
	text   string // word, phrase, or field value
	field  string // field name of tokField
	quoted bool   // a quoted field value
	neg    bool
	pos    int // 1-based character position, for messages
}

// isQuote reports quotation marks: straight, and the Chinese curly ones.
func isQuote(r rune) bool { return r == '"' || r == '“' || r == '”' }

// lex splits a query into tokens.
func lex(q string) ([]token, error) {
	rs := []rune(q)
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
			return t, i, badQuery("the filter %s: at character %d has no value; write %s:value", name, t.pos, name)
		}
		return t, i, nil
	}
	if i < len(rs) && isQuote(rs[i]) && word != "" {
		return t, i, badQuery("a quote at character %d touches the word %q; put a space before the phrase", i+1, word)
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
	return "", 0, badQuery("unbalanced quote: the quotation mark at character %d is never closed", i+1)
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
		return nil, badQuery("the query is %d characters long; at most %d are read", utf8.RuneCountInString(q), MaxQueryLen)
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
		return nil, badQuery("unbalanced parenthesis: the ) at character %d has no (", p.toks[p.i].pos)
	}
	if n != nil && n.terms() > MaxTerms {
		return nil, badQuery("the query has %d terms; at most %d are allowed", n.terms(), MaxTerms)
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
			return nil, badQuery("OR needs a term on both sides (near character %d)", pos)
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
		return nil, badQuery("parentheses are nested more than %d deep (at character %d)", MaxDepth, open.pos)
	}
	n, err := p.or(depth + 1)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t == nil || t.kind != tokClose {
		return nil, badQuery("unbalanced parenthesis: the ( at character %d is never closed", open.pos)
	}
	p.i++
	if n == nil {
		return nil, badQuery("the parentheses at character %d hold nothing", open.pos)
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
			return nil, badQuery("a lone * would match everything (character %d); give words, or a filter", t.pos)
		}
		return nil, badQuery("%q: a * is allowed only at the end of a word (character %d)", w, t.pos)
	}
	if prefix {
		min := minPrefixLen
		if hasHan(body) {
			min = minHanPrefix
		}
		if n := utf8.RuneCountInString(strings.Trim(body, "-_.,;'")); n < min {
			return nil, badQuery("%q: give at least %d letters before the * (character %d)", w, min, t.pos)
		}
	}
	return &wordNode{text: body, prefix: prefix}, nil
}
