package claimcharts

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"
)

// Roles a token can carry. Anonymous callers have no token and no role.
const (
	RoleAdmin    = "admin"
	RoleLicensor = "licensor"
	RoleReviewer = "reviewer"
)

// Token is an API bearer token. Only the SHA-256 hash of its secret is kept;
// the secret is shown once, when the token is created.
type Token struct {
	ID string `json:"id" validate:"required,slug"`
	// Hash is the SHA-256 of the secret. The registry clears it from every
	// token it returns.
	Hash string `json:"hash,omitempty"`
	Role string `json:"role" validate:"required,oneof=admin licensor reviewer"`
	// Organization is the licensor a licensor token writes for.
	Organization string `json:"organization,omitempty" validate:"required_if=Role licensor,omitempty,slug"`
	// Subject is who the token belongs to: the reviewer id for reviewers.
	Subject   string     `json:"subject" validate:"required,slug"`
	Label     string     `json:"label,omitempty" validate:"max=200"`
	RevokedAt *time.Time `json:"revoked_at,omitempty"`
	Meta
}

// Kind implements Record.
func (t *Token) Kind() Kind { return KindToken }

// Key implements Record.
func (t *Token) Key() string { return t.ID }

// Indexes implements Record: tokens are found by hash.
func (t *Token) Indexes() map[string]string { return map[string]string{"hash": t.Hash} }

// Public implements Record: never.
func (t *Token) Public() bool { return false }

// NewSecret returns a random token secret ("sep_" and 43 base64url characters)
// and its hash.
func NewSecret() (secret, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	secret = "sep_" + base64.RawURLEncoding.EncodeToString(b)
	return secret, HashSecret(secret)
}

// HashSecret returns the stored form of a token secret.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(secret)))
	return hex.EncodeToString(sum[:])
}

// Actor is who is calling: the zero Actor is anonymous.
type Actor struct {
	ID           string // token subject, "" for anonymous
	Token        string // token id
	Role         string
	Organization string
}

// Anonymous reports whether the caller has no token.
func (a Actor) Anonymous() bool { return a.Role == "" }

// IsAdmin reports whether the caller is an administrator.
func (a Actor) IsAdmin() bool { return a.Role == RoleAdmin }

// String names the actor in audit events.
func (a Actor) String() string {
	if a.Anonymous() {
		return "anonymous"
	}
	return a.Role + ":" + a.ID
}

// System is the actor for writes the program makes itself (demo, import, bootstrap).
var System = Actor{ID: "system", Role: RoleAdmin}
