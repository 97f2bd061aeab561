package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base32"
	"errors"
	"strings"
)

// API tokens look like
//
//	ccan_k3vq7xaw2dqzj5o6h4l7pcyh3q6b4mrtw3bdmkxe7fj2cgxv5wqsrn2pa4xa
//
// "ccan_" (so secret scanners and people can tell what it is), then
// the public prefix (8 characters, 40 random bits: the store looks the
// token up by it and lists show it), then the secret (52 characters, 32
// random bytes). All lowercase base32, so a double click selects the
// whole token. Only the SHA-256 of the secret is stored.
const (
	TokenMarker = "ccan_"
	PrefixLen   = 8
	secretLen   = 52 // base32 of 32 bytes, no padding
	// TokenLen is the length of a whole token.
	TokenLen = len(TokenMarker) + PrefixLen + secretLen
)

var b32 = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// ErrBadToken is returned by ParseToken for anything that is not a
// well-formed token.
var ErrBadToken = errors.New("malformed API token (want ccan_ and 60 characters a-z, 2-7)")

// NewToken draws a token: the whole token to show the user once, its
// public prefix, and the hash of its secret to store.
func NewToken() (token, prefix string, secretHash []byte) {
	var p [5]byte
	var s [32]byte
	rand.Read(p[:])
	rand.Read(s[:])
	prefix, secret := b32.EncodeToString(p[:]), b32.EncodeToString(s[:])
	return TokenMarker + prefix + secret, prefix, HashSecret(secret)
}

// ParseToken splits a token into its public prefix and its secret.
func ParseToken(token string) (prefix, secret string, err error) {
	rest, ok := strings.CutPrefix(token, TokenMarker)
	if !ok || len(rest) != PrefixLen+secretLen || strings.IndexFunc(rest, notB32) >= 0 {
		return "", "", ErrBadToken
	}
	// 52 base32 characters carry 260 bits: the last 4 must be zero, or
	// two spellings would name one secret.
	prefix, secret = rest[:PrefixLen], rest[PrefixLen:]
	if b, err := b32.DecodeString(secret); err != nil || b32.EncodeToString(b) != secret {
		return "", "", ErrBadToken
	}
	return prefix, secret, nil
}

func notB32(r rune) bool { return !('a' <= r && r <= 'z' || '2' <= r && r <= '7') }

// HashSecret is what the store keeps of a token secret or a session id.
func HashSecret(secret string) []byte {
	h := sha256.Sum256([]byte(secret))
	return h[:]
}

// CheckSecret reports, in constant time, whether secret hashes to hash.
func CheckSecret(secret string, hash []byte) bool {
	return subtle.ConstantTimeCompare(HashSecret(secret), hash) == 1
}
