package server

import (
	"bytes"
	"encoding/json"
	"testing"

	"sepportal/claimcharts"
)

// FuzzDecodeJSON feeds the strict JSON decoder arbitrary bodies for a
// standard (nested objects, arrays, texts, dates). A body is refused as
// invalid with a safe message, or it decodes, encodes back, and decodes
// again to the same record; data after the value is refused; nothing
// panics. Seeds: testdata/fuzz/FuzzDecodeJSON and below.
func FuzzDecodeJSON(f *testing.F) {
	for _, s := range []string{
		`{"slug":"h265-v8","body":"ITU-T","number":"H.265","version":"8","title":{"en":"HEVC","zh":"高效视频编码"},"references":[{"label":"8.5.3","kind":"section"}]}`,
		`{"slug":"x","unknown":1}`, `{"slug":1}`, `{"references":[{"label":null}]}`, `{} {}`, `{"slug":"a"} x`, `[]`, `"\ud800"`, `{"title":{"en":"\u0000"}}`, "\xef\xbb\xbf{}", ``, `{"published_at":"2024-02-30T00:00:00Z"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		var s claimcharts.Standard
		err := decodeJSON(body, &s)
		if err != nil {
			if claimcharts.ErrorCode(err) != claimcharts.EINVALID || claimcharts.ErrorMessage(err) == "" {
				t.Fatalf("decodeJSON(%q): %v (code %s), want an invalid body with a message", body, err, claimcharts.ErrorCode(err))
			}
			return
		}
		again, err := json.Marshal(&s)
		if err != nil {
			t.Fatalf("a decoded standard does not encode: %v", err)
		}
		var s2 claimcharts.Standard
		if err := decodeJSON(again, &s2); err != nil {
			t.Fatalf("decodeJSON(%q) succeeded, but its encoding %s does not decode: %v", body, again, err)
		}
		if third, _ := json.Marshal(&s2); !bytes.Equal(third, again) {
			t.Fatalf("round trip of %q changed the record:\n%s\n%s", body, again, third)
		}
		if err := decodeJSON(append(bytes.Clone(body), `{}`...), &s2); err == nil {
			t.Fatalf("decodeJSON(%q + {}) accepted a second value", body)
		}
	})
}
