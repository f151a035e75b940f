package server

import "testing"

// TestNegotiate: Accept-Language is read by its q-values, not by the order
// in which the languages are written.
func TestNegotiate(t *testing.T) {
	for _, tc := range []struct{ header, want string }{
		{"", "en"},
		{"zh-CN,zh;q=0.9", "zh"},
		{"zh-TW", "zh"},
		{"zh-Hant-HK", "zh"},
		{"en-GB,en;q=0.9", "en"},
		{"fr, zh;q=0.5, en;q=0.8", "en"},
		{"fr, en;q=0.5, zh;q=0.8", "zh"},
		{"en;q=0.1, zh;q=0.2", "zh"},
		{"zh;q=0, en;q=0.1", "en"},
		{"de, fr;q=0.9", "en"},
		{"*", "en"},
		{"zh-CN;q=0.8, *;q=0.1", "zh"},
		{";;;q=not a number", "en"},
	} {
		t.Run(tc.header, func(t *testing.T) {
			if got := negotiate(tc.header); got != tc.want {
				t.Errorf("negotiate(%q) = %s, want %s", tc.header, got, tc.want)
			}
		})
	}
}
