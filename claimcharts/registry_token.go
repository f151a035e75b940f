package claimcharts

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"time"

	"sepportal/claimcharts/msg"
)

// NewToken is an administrator's request for an API token.
type NewToken struct {
	Role         string `json:"role" validate:"required,oneof=admin licensor reviewer"`
	Organization string `json:"organization,omitempty" validate:"required_if=Role licensor,omitempty,slug"`
	Subject      string `json:"subject" validate:"required,slug"`
	Label        string `json:"label,omitempty" validate:"max=200"`
}

// BootstrapTokenID is the id of the admin token made from --admin-token.
const BootstrapTokenID = "bootstrap-admin"

// randomID returns n random bytes in hex.
func randomID(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Authenticate returns the actor a bearer secret stands for.
func (r *Registry) Authenticate(ctx context.Context, secret string) (Actor, error) {
	t, err := liveBySecret[Token](ctx, r.Store, KindToken, secret)
	if err != nil {
		return Actor{}, err
	}
	if t == nil {
		return Actor{}, Says(EUNAUTHORIZED, msg.TokenUnknown)
	}
	return t.actor(), nil
}

// liveBySecret returns the token of kind (an API or a feed token) whose
// secret is the one given, nil when there is none or it is revoked. Only
// the secret's hash is stored and looked up.
func liveBySecret[T any, P interface {
	*T
	Record
	revoked() bool
}](ctx context.Context, s Store, kind Kind, secret string) (P, error) {
	page, err := s.List(ctx, Query{Kind: kind, Where: map[string]string{"hash": HashSecret(secret)}, Limit: 1})
	if err != nil {
		return nil, err
	}
	ts, err := decodePage[T, P](page)
	if err != nil || len(ts) == 0 || ts[0].revoked() {
		return nil, err
	}
	return ts[0], nil
}

// revoked reports whether t was revoked.
func (t *Token) revoked() bool { return t.RevokedAt != nil }

// revoked reports whether t was revoked.
func (t *FeedToken) revoked() bool { return t.RevokedAt != nil }

// TokenActor returns the actor of the token with id, as Authenticate
// would for its secret: a workspace session keeps the token's id and asks
// again on every request, so that revoking the token ends the session.
func (r *Registry) TokenActor(ctx context.Context, id string) (Actor, error) {
	t, err := find[Token](ctx, r.Store, KindToken, id)
	if ErrorCode(err) == ENOTFOUND || err == nil && t.RevokedAt != nil {
		return Actor{}, Says(EUNAUTHORIZED, msg.TokenUnknown)
	}
	if err != nil {
		return Actor{}, err
	}
	return t.actor(), nil
}

// actor is who calls with t.
func (t *Token) actor() Actor {
	return Actor{ID: t.Subject, Token: t.ID, Role: t.Role, Organization: t.Organization}
}

// CreateToken makes an API token and returns it with its secret, which is
// not kept and cannot be shown again; administrators only.
func (r *Registry) CreateToken(ctx context.Context, actor Actor, in NewToken) (*Token, string, error) {
	if err := requireAdmin(actor, msg.ActCreateTokens); err != nil {
		return nil, "", err
	}
	if err := Validate(&in); err != nil {
		return nil, "", err
	}
	if in.Role == RoleLicensor {
		if err := r.exists(ctx, KindOrganization, in.Organization, "organization"); err != nil {
			return nil, "", err
		}
	}
	secret, h := NewSecret()
	t := &Token{ID: "tok-" + randomID(8), Hash: h, Role: in.Role, Organization: in.Organization, Subject: in.Subject, Label: in.Label}
	if err := create[Token](ctx, r, actor, t, nil); err != nil {
		return nil, "", err
	}
	t.Hash = ""
	return t, secret, nil
}

// Tokens lists API tokens without their hashes; administrators only.
func (r *Registry) Tokens(ctx context.Context, actor Actor, opts ListOptions) ([]*Token, string, error) {
	if err := requireAdmin(actor, msg.ActListTokens); err != nil {
		return nil, "", err
	}
	ts, next, err := list[Token](ctx, r.Store, KindToken, actor, ListOptions{After: opts.After, Limit: opts.Limit})
	for _, t := range ts {
		t.Hash = ""
	}
	return ts, next, err
}

// RevokeToken revokes a token; it stays listed with its revocation time.
func (r *Registry) RevokeToken(ctx context.Context, actor Actor, id string, ifMatch int64) (*Token, error) {
	if err := requireAdmin(actor, msg.ActRevokeTokens); err != nil {
		return nil, err
	}
	t, doc, err := loadForWrite[Token](ctx, r.Store, KindToken, id, id, ifMatch)
	if err != nil {
		return nil, err
	}
	if err := r.revokeOnce(ctx, actor, t, &t.RevokedAt, doc); err != nil {
		return nil, err
	}
	t.Hash = ""
	return t, nil
}

// revokeOnce sets the revocation time at of the token rec to now and saves
// it, unless it is revoked already (revoking again changes nothing).
func (r *Registry) revokeOnce(ctx context.Context, actor Actor, rec Record, at **time.Time, prev Doc) error {
	if *at != nil {
		return nil
	}
	now := r.Now()
	*at = &now
	return r.save(ctx, actor, rec, prev, "revoke")
}

// EnsureAdminToken makes secret a valid admin token (the --admin-token
// bootstrap), replacing an earlier bootstrap secret.
func (r *Registry) EnsureAdminToken(ctx context.Context, secret string) error {
	h := HashSecret(secret)
	t, doc, err := load[Token](ctx, r.Store, KindToken, BootstrapTokenID)
	switch {
	case ErrorCode(err) == ENOTFOUND:
		t = &Token{ID: BootstrapTokenID, Hash: h, Role: RoleAdmin, Subject: "admin", Label: "bootstrap (--admin-token)"}
		return create[Token](ctx, r, System, t, nil)
	case err != nil:
		return err
	case t.Hash == h && t.RevokedAt == nil:
		return nil
	}
	t.Hash, t.RevokedAt = h, nil
	return r.save(ctx, System, t, doc, "rotate")
}
