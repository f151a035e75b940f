package search

import (
	"context"
	"slices"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
)

// numbersOf lists the keys of the numbers in a parsed query and counts its
// other terms.
func numbersOf(n node) (keys []string, others int) {
	switch n := n.(type) {
	case *numberNode:
		return []string{n.key}, 0
	case *andNode:
		return numbersOfAll(n.kids)
	case *orNode:
		return numbersOfAll(n.kids)
	case *notNode:
		return numbersOf(n.kid)
	case nil:
		return nil, 0
	}
	return nil, n.terms()
}

func numbersOfAll(kids []node) (keys []string, others int) {
	for _, k := range kids {
		ks, o := numbersOf(k)
		keys, others = append(keys, ks...), others+o
	}
	return keys, others
}

// TestParseReadsNumbersFirst checks that a patent number is one term
// however it is spelt, before parentheses, hyphens and spaces are read as
// the query language, and that words that happen to be office codes stay
// words.
func TestParseReadsNumbersFirst(t *testing.T) {
	for _, tc := range []struct {
		q      string
		keys   []string
		others int
	}{
		{"EP (DE) 2 777 236", []string{"EP2777236-DE"}, 0},
		{"DE (EP) 3 079 322", []string{"EP3079322-DE"}, 0},
		{"EP 2777236 (DE)", []string{"EP2777236-DE"}, 0},
		{"EP 2777236 B1 (DE)", []string{"EP2777236-DE"}, 0},
		{"LI (EP) 3 742 681", []string{"EP3742681-LI"}, 0},
		{"ep (de) 2777236", []string{"EP2777236-DE"}, 0},
		{"ep (de) 2777236 pool:wifi6", []string{"EP2777236-DE"}, 1},
		{"holder:demo-huaxin EP (DE) 2 777 236", []string{"EP2777236-DE"}, 1},
		{"(EP (DE) 2777236 OR US 10,285,091 B2) motion", []string{"EP2777236-DE", "US10285091"}, 1},
		{"EP (DE) 2777236 OR DE (EP) 3079322", []string{"EP2777236-DE", "EP3079322-DE"}, 0},
		{"-EP (FR) 2777236 merge", []string{"EP2777236-FR"}, 1},
		{"ZL 2013 1 0123456.2 帧间预测", []string{"CN201310123456.2"}, 1},
		{"特開平10-123456", []string{"JP1998123456"}, 0},
		{"Patent No.: US 10,285,091 B2", []string{"US10285091"}, 0},
		{"DE 10 2015 123 456 A1", []string{"DE102015123456"}, 0},
		{"NG/PT/NC/P/2019/3456", []string{"NGPT-NC-P-2019-3456"}, 0},
		{"EP2777236 hello", []string{"EP2777236"}, 1},
		{"wifi US 2020", nil, 3},
		{"wifi in 2020", nil, 3},
		{"see table at 512345", nil, 4}, // AT 512345 is Austrian, but "at" in lower case among words is a word
		{"IEEE 802.11ax 2021", nil, 3},
		{"motion vector", nil, 2},
		{`"EP (DE) 2 777 236"`, nil, 1}, // a phrase; compiled as a number by compile
	} {
		t.Run(tc.q, func(t *testing.T) {
			n, err := parse(tc.q)
			if err != nil {
				t.Fatalf("parse(%q): %v", tc.q, err)
			}
			keys, others := numbersOf(n)
			if !slices.Equal(keys, tc.keys) || others != tc.others {
				t.Errorf("parse(%q): numbers %v and %d other terms, want %v and %d", tc.q, keys, others, tc.keys, tc.others)
			}
		})
	}
}

// searchSpellings are spellings of every class ParseNumber reads; each one,
// and its display form, must be one number in a query.
var searchSpellings = []string{
	"EP2 777 236", "EP 2777236 B1", "ep 2777236 b1", "ＥＰ２７７７２３６Ｂ１", "EP 2.777.236 B1", "No. EP2777236B1",
	"EP 12 345 678.9", "EP (DE) 2 777 236", "EP(DE)2777236", "DE (EP) 3190716", "EP 2777236 B1 (FR)",
	"ＥＰ（ＤＥ）２７７７２３６", "EP2777236-DE", "GB (EP) 2 777 236 B1", "LI (EP) 3 742 681", "KH(EP)3742681",
	"US 10,285,091 B2", "U.S. Pat. No. 7,123,456", "Pub. No.: US 2019/0123456 A1", "US RE45,123 E", "US D812,345 S",
	"US 16/123,456", "CN103931153A", "CN 1039 3115 3", "授权公告号：CN103931153B", "ZL 2013 1 0123456.2",
	"专利号:ZL 201310123451.x", "ZL 98 1 23456.9", "WO 2019/123456 A1", "WO 99/12345 A1", "PCT/CN2019/123456",
	"PCT / CN2019 / 123456", "JP 特許第6637180号", "特開2019－123456", "JP H10-123456 A", "JP 令和2-123456",
	"KR 10-2152107 B1", "KR 10-2019-0012345 A", "KR20190012345A", "KR2655025", "TW I123456", "TWI640123",
	"DE 10 2015 123 456 A1", "DE 60 2012 012 345.6", "BR 11 2015 012345-6", "BR PI0512345-6", "VN 1-0030703",
	"VN29229", "VN 1-2015-01234", "ZA 2015/01234", "SG 11201501234P", "IDP000045678", "ID P00201501234",
	"NG/P/2015/123", "AP/P/2015/008765", "CO NC2019/0012345", "RU 2 612 345 C2", "PH 1-2015-501234", "MY PI 2015701234", "AR P20200100025",
	"MX/a/2015/012345", "GC 0012345", "CH 712'345 A1", "EA 032123 B1",
}

// TestParseReadsEverySpelling checks that each spelling, its display form
// and its key are one number term with the parser's key.
func TestParseReadsEverySpelling(t *testing.T) {
	for _, s := range searchSpellings {
		num, err := claimcharts.ParseNumber(s)
		if err != nil {
			t.Fatalf("ParseNumber(%q): %v", s, err)
		}
		for _, q := range []string{s, num.String(), num.Key()} {
			n, err := parse(q)
			if err != nil {
				t.Errorf("parse(%q): %v", q, err)
				continue
			}
			if nn, ok := n.(*numberNode); !ok || nn.key != num.Key() {
				t.Errorf("parse(%q) = %#v, want the number %s", q, n, num.Key())
			}
		}
	}
}

// TestSearchFindsValidations searches a real index for European patents
// validated in a state, in the spellings pool lists use and in the display
// form the API returns: each finds the national record first, and its
// family with it.
func TestSearchFindsValidations(t *testing.T) {
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	ctx := context.Background()
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	must(t, reg.CreateFamily(ctx, admin, &claimcharts.Family{ID: "hua01", Holder: demo.Huaxin}))
	for _, s := range []string{"EP 2777236 B1", "EP (DE) 2 777 236", "EP (FR) 2 777 236", "DE (EP) 3 079 322", "LI (EP) 3 742 681"} {
		num, err := claimcharts.ParseNumber(s)
		must(t, err)
		must(t, reg.CreatePatent(ctx, admin, &claimcharts.Patent{Number: num, Holder: demo.Huaxin, Family: "hua01",
			Type: "invention", LegalStatus: "granted", Title: claimcharts.Text{En: "Validated " + s}}))
	}
	ix := openIndex(t, store)
	catchUp(t, ix)
	for _, tc := range []struct{ q, want string }{
		{"EP (DE) 2 777 236", "EP2777236-DE"},
		{"DE (EP) 2 777 236", "EP2777236-DE"},
		{"EP 2777236 (DE)", "EP2777236-DE"},
		{"EP 2777236 B1 (DE)", "EP2777236-DE"},
		{"ep (de) 2777236", "EP2777236-DE"},
		{"EP2777236-DE", "EP2777236-DE"},
		{"DE (EP) 3 079 322", "EP3079322-DE"},
		{"EP 3079322 (DE)", "EP3079322-DE"},
		{"LI (EP) 3 742 681", "EP3742681-LI"},
		{"EP (LI) 3742681", "EP3742681-LI"},
		{"EP (FR) 2 777 236 holder:" + demo.Huaxin, "EP2777236-FR"},
	} {
		t.Run(tc.q, func(t *testing.T) {
			res := search(t, ix, admin, Request{Query: tc.q})
			if len(res.Items) == 0 || res.Items[0].ID != tc.want {
				t.Fatalf("%q: first result %+v, want %s", tc.q, first(res), tc.want)
			}
			if len(res.Items) < 2 || res.Items[1].Family != "hua01" {
				t.Errorf("%q: results %v, want the other members of family hua01 after %s", tc.q, ids(res), tc.want)
			}
		})
	}
}
