package corpus

import (
	"fmt"

	"sepportal/claimcharts"
)

// Standards of the corpus.
const (
	VideoStandard = "bench-h265"
	WiFiStandard  = "bench-80211ax"
)

// standards returns the two standards, each with a tree of sections
// whose titles come from the vocabulary.
func standards() []*claimcharts.Standard {
	video := &claimcharts.Standard{Slug: VideoStandard, Body: "ITU-T", Number: "H.265", Version: "V8 (benchmark)",
		Title: claimcharts.Text{En: "High efficiency video coding (benchmark excerpt)", Zh: "高效视频编码（基准测试摘录）"}}
	video.References = tree([]string{"7.3", "8.4", "8.5.3", "8.5.3.2", "8.6", "9.3"}, videoTerms)
	wifi := &claimcharts.Standard{Slug: WiFiStandard, Body: "IEEE", Number: "802.11ax", Version: "2021 (benchmark)",
		Title: claimcharts.Text{En: "Enhancements for high-efficiency WLAN (benchmark excerpt)", Zh: "高效无线局域网增强（基准测试摘录）"}}
	wifi.References = tree([]string{"9.3", "26.5", "26.10", "27.3.2", "27.3.10", "27.3.11"}, wifiTerms)
	return []*claimcharts.Standard{video, wifi}
}

// tree makes each parent section and twenty subsections under it.
func tree(parents []string, vocab []term) []claimcharts.Reference {
	var refs []claimcharts.Reference
	for pi, p := range parents {
		t := vocab[pi%len(vocab)]
		refs = append(refs, claimcharts.Reference{Label: p, Kind: "section",
			Title: claimcharts.Text{En: capitalize(t.en) + " process", Zh: t.zh + "过程"}})
		for i := 1; i <= 20; i++ {
			t := vocab[(pi*7+i)%len(vocab)]
			refs = append(refs, claimcharts.Reference{Label: fmt.Sprintf("%s.%d", p, i), Kind: "section", Parent: p,
				Title: claimcharts.Text{En: "Derivation process for the " + t.en, Zh: t.zh + "的推导过程"},
				Text:  fmt.Sprintf("The %s is derived as specified in this subclause from the %s of the current block.", t.en, vocab[(i*3)%len(vocab)].en)})
		}
	}
	return refs
}

// refLabels lists a standard's subsection labels, which charts map to.
func refLabels(s *claimcharts.Standard) []string {
	var out []string
	for _, r := range s.References {
		if r.Parent != "" {
			out = append(out, r.Label)
		}
	}
	return out
}

// Section is one subsection of a generated standard, as a section page
// addresses it.
type Section struct {
	Standard string
	Label    string
}

// Sections lists the subsections of the generated standards, which the
// charts map to.
func Sections() []Section {
	var out []Section
	for _, s := range standards() {
		for _, l := range refLabels(s) {
			out = append(out, Section{Standard: s.Slug, Label: l})
		}
	}
	return out
}
