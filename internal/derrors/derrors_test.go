package derrors

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"testing"
)

func TestHTTPStatus(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want int
	}{
		{nil, http.StatusOK},
		{Errorf(NotFound, "module %q", "x"), http.StatusNotFound},
		{Errorf(InvalidArgument, "x"), http.StatusBadRequest},
		{Errorf(AlreadyExists, "x"), http.StatusConflict},
		{Errorf(TooLarge, "x"), http.StatusRequestEntityTooLarge},
		{Errorf(BadModule, "x"), http.StatusUnprocessableEntity},
		{Errorf(Unavailable, "x"), http.StatusServiceUnavailable},
		{Errorf(Unauthenticated, "log in first"), http.StatusUnauthorized},
		{fmt.Errorf("wrapped: %w", Errorf(PermissionDenied, "not an owner")), http.StatusForbidden},
		{Errorf(RateLimited, "slow down"), http.StatusTooManyRequests},
		{errors.New("boom"), http.StatusInternalServerError},
		{fs.ErrPermission, http.StatusInternalServerError}, // an OS error is not a refusal
	} {
		if got := HTTPStatus(tt.err); got != tt.want {
			t.Errorf("HTTPStatus(%v) = %d, want %d", tt.err, got, tt.want)
		}
	}
	if !errors.Is(Errorf(PermissionDenied, "x"), fs.ErrPermission) || !errors.Is(Errorf(NotFound, "x"), fs.ErrNotExist) {
		t.Error("kinds do not match their fs aliases")
	}
}

func TestMessage(t *testing.T) {
	wrapped := func(err error) error {
		Wrap(&err, "sqlite.GetLint(%q, %q)", "list", "")
		Wrap(&err, "server.apiLint")
		return err
	}
	for _, tc := range []struct {
		err  error
		want string
	}{
		{wrapped(Errorf(NotFound, "lint results of ccan/%s", "list")), "lint results of ccan/list: not found"},
		{Errorf(InvalidArgument, "bad query"), "bad query: invalid argument"},
		{wrapped(fmt.Errorf("upload 7: %w", PermissionDenied)), "upload 7: permission denied"},
		{wrapped(errors.New("disk on fire")), `server.apiLint: sqlite.GetLint("list", ""): disk on fire`},
		{errors.Join(Errorf(NotFound, "a"), errors.New("b")), "a: not found\nb"},
	} {
		if got := Message(tc.err); got != tc.want {
			t.Errorf("Message(%q) = %q, want %q", tc.err, got, tc.want)
		}
	}
}
