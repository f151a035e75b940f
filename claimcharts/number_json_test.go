package claimcharts

import (
	"encoding/json"
	"errors"
	"testing"

	"sepportal/claimcharts/msg"
)

// TestNumberJSON reads numbers as the API receives them and as the store
// keeps them: a string in any spelling, or an object whose "submitted"
// text is parsed again (the canonical fields beside it are not trusted);
// anything else is refused with the reason that names the shape.
func TestNumberJSON(t *testing.T) {
	n, err := ParseNumber("EP 2 777 236 B1")
	if err != nil {
		t.Fatal(err)
	}
	stored, err := json.Marshal(n)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, json, key string
		reason          msg.Key // "" when read
	}{
		{"a string", `"EP 2 777 236 B1"`, "EP2777236", ""},
		{"as stored", string(stored), "EP2777236", ""},
		{"an object with space before it", " \n" + string(stored), "EP2777236", ""},
		{"canonical fields not trusted", `{"country":"US","serial":"1","submitted":"CN 105900101 B"}`, "CN105900101", ""},
		{"an object without submitted", `{"country":"EP","serial":"2777236"}`, "", msg.NumberShape},
		{"a JSON number", `2777236`, "", msg.NumberShape},
		{"an array", `["EP2777236"]`, "", msg.NumberShape},
		{"an empty string", `""`, "", msg.NumberEmpty},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var n Number
			err := json.Unmarshal([]byte(tc.json), &n)
			if tc.reason == "" {
				if err != nil || n.Key() != tc.key {
					t.Fatalf("read %q (%v), want %s", n.Key(), err, tc.key)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || !mentions(e, tc.reason) {
				t.Fatalf("error %#v, want EINVALID naming %s", err, tc.reason)
			}
		})
	}
}

// mentions reports whether e or one of its field problems has the key.
func mentions(e *Error, key msg.Key) bool {
	if e.Key == key {
		return true
	}
	for _, f := range e.Fields {
		if f.Key == key {
			return true
		}
	}
	return false
}
