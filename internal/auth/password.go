// Package auth holds the credential primitives of the archive's
// accounts: argon2id password hashes, API tokens, session ids with
// their CSRF form tokens, and per-key rate limiters. It knows nothing of
// HTTP or storage: internal/server uses it, store.Accounts keeps the
// hashes.
//
// Secrets never reach the store: a password is kept as an encoded
// argon2id hash (slow, salted: passwords are guessable); a session id
// and a token secret, 32 random bytes each, are kept as their SHA-256
// (fast is fine: 256 random bits cannot be guessed, so a salt or a slow
// hash would add nothing). Every comparison of a secret is constant
// time.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are argon2id's cost parameters.
type Params struct {
	Time    uint32 // passes over memory
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultParams are the parameters of new hashes: one pass over 64 MiB
// with two lanes, about 0.3 s on this project's 2-core machines (the
// "second recommended option" of RFC 9106 uses 64 MiB, three passes).
func DefaultParams() Params { return Params{Time: 1, Memory: 64 * 1024, Threads: 2} }

const (
	saltLen = 16
	keyLen  = 32
	// Bounds on parameters read back from an encoded hash, so a corrupt
	// or hostile row cannot make a check allocate gigabytes.
	maxMemory  = 1 << 20 // KiB: 1 GiB
	maxTime    = 16
	maxThreads = 16
	// MaxPasswordLen bounds what is hashed.
	MaxPasswordLen = 1024
)

// ErrMismatch is returned by Check for a wrong password.
var ErrMismatch = errors.New("password does not match")

// Hasher hashes and checks passwords with bounded concurrency: each
// hash holds Memory KiB for its duration, so at most `slots` run at
// once and the rest wait (or give up with their context).
type Hasher struct {
	params Params
	slots  chan struct{}
}

// NewHasher returns a Hasher that makes hashes with p (DefaultParams
// when p is zero), running at most slots hashes at a time (1 when < 1).
func NewHasher(p Params, slots int) *Hasher {
	if p == (Params{}) {
		p = DefaultParams()
	}
	return &Hasher{params: p, slots: make(chan struct{}, max(slots, 1))}
}

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Hasher) release() { <-h.slots }

// Hash returns password's encoded argon2id hash, in the PHC string
// format: $argon2id$v=19$m=65536,t=1,p=2$SALT$HASH (base64, no padding).
func (h *Hasher) Hash(ctx context.Context, password string) (string, error) {
	if len(password) > MaxPasswordLen {
		return "", fmt.Errorf("password longer than %d bytes", MaxPasswordLen)
	}
	salt := make([]byte, saltLen)
	rand.Read(salt)
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	p := h.params
	key := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, keyLen)
	return encodeHash(p, salt, key), nil
}

func encodeHash(p Params, salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.Memory, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Check reports whether password matches encoded: nil when it does,
// ErrMismatch when it does not, another error when encoded is not a
// hash this package can check. The comparison is constant time.
func (h *Hasher) Check(ctx context.Context, encoded, password string) error {
	p, salt, key, err := DecodeHash(encoded)
	if err != nil {
		return err
	}
	if len(password) > MaxPasswordLen {
		return ErrMismatch
	}
	if err := h.acquire(ctx); err != nil {
		return err
	}
	defer h.release()
	got := argon2.IDKey([]byte(password), salt, p.Time, p.Memory, p.Threads, uint32(len(key)))
	if subtle.ConstantTimeCompare(got, key) != 1 {
		return ErrMismatch
	}
	return nil
}

// Waste spends the time of one Check without a stored hash, so that a
// login for an unknown user takes as long as one with a wrong password.
func (h *Hasher) Waste(ctx context.Context, password string) {
	h.Hash(ctx, password)
}

// NeedsRehash reports whether encoded was made with parameters other
// than h's (weaker or stronger): it should be replaced at the next
// successful login.
func (h *Hasher) NeedsRehash(encoded string) bool {
	p, _, _, err := DecodeHash(encoded)
	return err != nil || p != h.params
}

// DecodeHash parses an encoded argon2id hash, refusing other
// algorithms and versions, and parameters beyond sane bounds.
func DecodeHash(encoded string) (p Params, salt, key []byte, err error) {
	fail := func(why string) (Params, []byte, []byte, error) {
		return Params{}, nil, nil, fmt.Errorf("bad password hash: %s", why)
	}
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return fail("not $argon2id$v=..$m=..,t=..,p=..$salt$hash")
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return fail("unsupported version " + parts[2])
	}
	var m, t, th uint64
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, _ := strings.Cut(kv, "=")
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return fail("parameter " + kv)
		}
		switch k {
		case "m":
			m = n
		case "t":
			t = n
		case "p":
			th = n
		default:
			return fail("parameter " + kv)
		}
	}
	if m < 8 || m > maxMemory || t < 1 || t > maxTime || th < 1 || th > maxThreads || m < 8*th {
		return fail("parameters out of range")
	}
	b64 := base64.RawStdEncoding
	if salt, err = b64.DecodeString(parts[4]); err != nil || len(salt) < 8 || len(salt) > 64 {
		return fail("salt")
	}
	if key, err = b64.DecodeString(parts[5]); err != nil || len(key) < 16 || len(key) > 64 {
		return fail("hash")
	}
	return Params{Time: uint32(t), Memory: uint32(m), Threads: uint8(th)}, salt, key, nil
}
