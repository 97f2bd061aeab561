package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// A session id is 32 random bytes, base64url without padding (43
// characters), sent only in an HttpOnly cookie; the store keeps its
// SHA-256. The same shape serves the pre-session cookie that protects
// the log-in and register forms.
const sessionIDLen = 43

// NewSessionID draws a session id and returns it with its hash.
func NewSessionID() (id string, hash []byte) {
	var b [32]byte
	rand.Read(b[:])
	id = base64.RawURLEncoding.EncodeToString(b[:])
	return id, HashSecret(id)
}

// ParseSessionID checks that id has the shape NewSessionID makes and
// returns its hash (nil, false otherwise).
func ParseSessionID(id string) ([]byte, bool) {
	if len(id) != sessionIDLen {
		return nil, false
	}
	b, err := base64.RawURLEncoding.DecodeString(id)
	if err != nil || len(b) != 32 || base64.RawURLEncoding.EncodeToString(b) != id {
		return nil, false
	}
	return HashSecret(id), true
}

// FormToken is the CSRF token that every form of a session carries: an
// HMAC of a fixed label keyed with the session id. Only someone who
// holds the cookie can compute it, it needs no storage, and it changes
// with each log-in.
func FormToken(sessionID string) string {
	m := hmac.New(sha256.New, []byte(sessionID))
	m.Write([]byte("ccan form token v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// CheckFormToken reports, in constant time, whether token is the form
// token of sessionID.
func CheckFormToken(sessionID, token string) bool {
	if sessionID == "" || token == "" {
		return false
	}
	return hmac.Equal([]byte(FormToken(sessionID)), []byte(token))
}
