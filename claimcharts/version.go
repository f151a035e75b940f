package claimcharts

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	stdhash "hash"
)

// VersionHash accumulates the data version of an export: the SHA-256 of
// the JSON of the records it shows, in the order it shows them. Two
// exports of the same records carry the same version, whatever their
// format; a change to any record shown changes it.
type VersionHash struct{ h stdhash.Hash }

// NewVersionHash starts a data version.
func NewVersionHash() *VersionHash { return &VersionHash{h: sha256.New()} }

// Add hashes one record.
func (v *VersionHash) Add(rec any) {
	b, err := json.Marshal(rec)
	if err != nil {
		b = []byte(err.Error())
	}
	v.h.Write(b)
	v.h.Write([]byte{'\n'})
}

// String is the version as printed: the first 16 hex digits.
func (v *VersionHash) String() string { return hex.EncodeToString(v.h.Sum(nil))[:16] }

// DataVersion is the data version of a few records.
func DataVersion(recs ...any) string {
	v := NewVersionHash()
	for _, r := range recs {
		v.Add(r)
	}
	return v.String()
}
