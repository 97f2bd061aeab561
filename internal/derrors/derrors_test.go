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
