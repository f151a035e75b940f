package search

import (
	"context"
	"errors"
	"strings"
	"testing"

	"sepportal/claimcharts"
	"sepportal/claimcharts/demo"
	"sepportal/claimcharts/msg"
)

// TestPhrasesTooCommonForBleveAreRefused indexes a claim of 2,000
// characters repeating 一二, where bleve compares every location of a
// phrase's term with every location of the next: the quoted 一二一二 costs
// it 20,000,000 pairs there, and with maxPhraseWork lowered below that it
// is refused, by either engine and inside an OR, with a reason naming the
// phrase in both languages; the quoted 一二一 (8,000,000 pairs) and the
// demo's Chinese phrases are answered.
func TestPhrasesTooCommonForBleveAreRefused(t *testing.T) {
	defer func(w uint64) { maxPhraseWork = w }(maxPhraseWork)
	maxPhraseWork = 10_000_000
	ctx := context.Background()
	store, _ := openStore(t)
	reg := claimcharts.NewRegistry(store)
	if _, err := demo.Load(ctx, reg); err != nil {
		t.Fatal(err)
	}
	p := &claimcharts.Patent{Holder: demo.Huaxin, Type: "invention", LegalStatus: "granted", Title: claimcharts.Text{En: "Repeats"},
		Claims: []claimcharts.Claim{{Number: 1, Text: claimcharts.Text{Zh: strings.Repeat("一二", 1000)}}}}
	var err error
	if p.Number, err = claimcharts.ParseNumber("CN 109999971 B"); err != nil {
		t.Fatal(err)
	}
	must(t, reg.CreatePatent(ctx, huaxin, p))
	ix := openIndexWith(t, store, Options{Logger: quietLogger(), CachedPages: -1, CachedFacets: -1})
	for _, engine := range []string{EngineBitmap, EngineBleve} {
		ix.opts.Engine = engine
		for _, q := range []string{"\"一二一二\"", "\"一二一二\" OR 帧间预测"} {
			_, err := ix.Search(ctx, admin, Request{Query: q, Limit: 5})
			var e *claimcharts.Error
			if !errors.As(err, &e) || e.Code != claimcharts.EINVALID || len(e.Fields) != 1 || e.Fields[0].Key != msg.PhraseTooCommon ||
				!strings.Contains(e.Fields[0].In("en"), "一二一二") || !strings.Contains(e.Fields[0].In("zh"), "一二一二") {
				t.Errorf("engine %s, %s: error %v, want the phrase refused by name", engine, q, err)
			}
		}
		for _, q := range []string{"\"一二一\"", "\"帧间预测\"", "\"多用户PPDU\""} {
			res, err := ix.Search(ctx, admin, Request{Query: q, Limit: 5})
			if err != nil || res.Total == 0 {
				t.Errorf("engine %s, %s: %v, %+v; want it found", engine, q, err, res)
			}
		}
	}
}
