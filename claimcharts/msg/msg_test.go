package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// verb matches a fmt verb of a catalog format.
var verb = regexp.MustCompile(`%(\[\d+\])?[sdqv]`)

// TestCatalog: every message reads in both languages, the Chinese one is
// Chinese, and both take the same arguments: rendered with the arguments
// the English text takes, neither shows a fmt error (%!).
func TestCatalog(t *testing.T) {
	for key, t2 := range catalog {
		en, zh := t2[0], t2[1]
		if en == "" || zh == "" || en == zh {
			t.Errorf("%s: %q / %q is not in both languages", key, en, zh)
			continue
		}
		if !strings.ContainsFunc(zh, func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("%s: the Chinese text %q has no Chinese", key, zh)
		}
		var args []any
		for _, v := range verb.FindAllString(en, -1) {
			if strings.HasSuffix(v, "d") {
				args = append(args, 7)
			} else {
				args = append(args, "x")
			}
		}
		for _, lang := range []string{"en", "zh"} {
			if s := Text(lang, key, args...); strings.Contains(s, "%!") {
				t.Errorf("%s in %s: %s", key, lang, s)
			}
		}
	}
}

// TestText: a message reads in the language asked for, nouns included;
// English is the text callers have always read.
func TestText(t *testing.T) {
	for _, tc := range []struct {
		lang string
		key  Key
		args []any
		want string
	}{
		{"en", NotFound, []any{Noun("pool"), `"none"`}, `no pool "none"`},
		{"zh", NotFound, []any{Noun("pool"), `"none"`}, `专利池 "none" 不存在`},
		{"en", Required, nil, "is required"},
		{"zh", Required, nil, "必填"},
		{"en", OneOf, []any{"a, b", "c"}, `must be one of: a, b; got "c"`},
		{"zh", OneOf, []any{"a, b", "c"}, `必须是以下之一：a, b；实际为 "c"`},
		{"en", EmptyNeeds, []any{Noun("patent holder")}, "is empty: every row needs the patent holder"},
		{"zh", EmptyNeeds, []any{Noun("patent holder")}, "为空：每一行都需要专利权人"},
		{"zh", EntryMove, []any{Noun("removed"), Noun("admitted")}, "状态为 已移出 的入池条目不能变为 已入池"},
		{"fr", Required, nil, "is required"},
		{"zh", Key("no_such_key"), []any{1}, "no_such_key 1"},
	} {
		if got := Text(tc.lang, tc.key, tc.args...); got != tc.want {
			t.Errorf("Text(%s, %s) = %q, want %q", tc.lang, tc.key, got, tc.want)
		}
	}
}

// TestEveryKeyInTheCatalog: every message key this package declares has
// its texts in the catalog, and every noun reads in Chinese; a key left
// out would show callers its bare name, a noun its English word.
func TestEveryKeyInTheCatalog(t *testing.T) {
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := 0
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				v := spec.(*ast.ValueSpec)
				if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Key" {
					continue
				}
				for _, val := range v.Values {
					key, err := strconv.Unquote(val.(*ast.BasicLit).Value)
					if err != nil {
						t.Fatal(err)
					}
					declared++
					if !Has(Key(key)) {
						t.Errorf("key %q is declared but not in the catalog", key)
					}
				}
			}
		}
	}
	if declared < len(catalog) {
		t.Errorf("%d keys declared, %d in the catalog: the walk missed some", declared, len(catalog))
	}
	for n, t2 := range nouns {
		if !strings.ContainsFunc(t2[1], func(r rune) bool { return r >= 0x4e00 && r <= 0x9fff }) {
			t.Errorf("noun %q reads %q in Chinese", n, t2[1])
		}
	}
}
