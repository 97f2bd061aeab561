// Package derrors defines the error kinds shared by the archive's
// storage, importer and web server, and the one table that maps them to
// HTTP status codes.
//
// A kind is a sentinel error; code wraps it with fmt.Errorf("...: %w",
// derrors.NotFound) (or with Wrap), and callers test it with errors.Is.
// NotFound also satisfies errors.Is(err, fs.ErrNotExist), so code that
// reads files and code that reads the store agree on "missing".
package derrors

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
)

// kind is a sentinel error kind.
type kind struct {
	name string
	is   error // another error this kind also matches, or nil
}

func (k *kind) Error() string { return k.name }

// Is reports whether target is k's alias (fs.ErrNotExist for NotFound).
func (k *kind) Is(target error) bool { return k.is != nil && target == k.is }

// The error kinds.
var (
	// NotFound: the thing asked for does not exist.
	NotFound error = &kind{name: "not found", is: fs.ErrNotExist}
	// InvalidArgument: the request is malformed (bad name, bad query).
	InvalidArgument error = &kind{name: "invalid argument"}
	// AlreadyExists: an immutable thing (a module version) exists with
	// other content.
	AlreadyExists error = &kind{name: "already exists", is: fs.ErrExist}
	// TooLarge: an input exceeds a size limit.
	TooLarge error = &kind{name: "too large"}
	// BadModule: a module could not be read or described.
	BadModule error = &kind{name: "bad module"}
	// Unavailable: a backend is down or shutting down.
	Unavailable error = &kind{name: "unavailable"}
	// Unauthenticated: the request carries no valid credentials (no
	// session, or a malformed, unknown, expired or revoked token).
	Unauthenticated error = &kind{name: "unauthenticated"}
	// PermissionDenied: the caller is known but may not do this (not an
	// owner, a token without the scope, a missing CSRF form token).
	PermissionDenied error = &kind{name: "permission denied", is: fs.ErrPermission}
	// RateLimited: too many requests; retry later.
	RateLimited error = &kind{name: "rate limited"}
)

// statuses is the one table from error kind to HTTP status.
var statuses = []struct {
	kind   error
	status int
}{
	{NotFound, http.StatusNotFound},
	{InvalidArgument, http.StatusBadRequest},
	{AlreadyExists, http.StatusConflict},
	{TooLarge, http.StatusRequestEntityTooLarge},
	{BadModule, http.StatusUnprocessableEntity},
	{Unavailable, http.StatusServiceUnavailable},
	{Unauthenticated, http.StatusUnauthorized},
	{PermissionDenied, http.StatusForbidden},
	{RateLimited, http.StatusTooManyRequests},
}

// HTTPStatus reports the HTTP status for err: the status of the first
// kind err matches, 200 for nil, and 500 for anything else.
func HTTPStatus(err error) int {
	if err == nil {
		return http.StatusOK
	}
	for _, s := range statuses {
		if errors.Is(err, s.kind) {
			return s.status
		}
	}
	return http.StatusInternalServerError
}

// Wrap adds context to *errp when it is non-nil, keeping the chain:
//
//	defer derrors.Wrap(&err, "store.GetModule(%q, %q)", name, version)
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}

// Errorf formats an error of the given kind: Errorf(NotFound, "module %q", n).
func Errorf(k error, format string, args ...any) error {
	return fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), k)
}

// Message returns what a user should read of err: the message of the
// error that gave err its kind (Errorf's text, or whatever wrapped the
// kind directly), without the context later Wraps added for logs
// (function names and their arguments). Errors without a kind, or with
// a chain that branches, give err.Error().
func Message(err error) string {
	for e := err; e != nil; e = errors.Unwrap(e) {
		if _, ok := errors.Unwrap(e).(*kind); ok {
			return e.Error()
		}
	}
	return err.Error()
}
