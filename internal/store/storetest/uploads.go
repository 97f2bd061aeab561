package storetest

import (
	"errors"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/derrors"
	"github.com/ccan-archive/ccan/internal/store"
	"github.com/google/go-cmp/cmp"
)

// UploadStore is a backend that also stores uploads.
type UploadStore interface {
	store.Store
	store.Uploads
}

// RunUploads runs the store.Uploads part of the suite; newStore must
// return a new, empty store each call.
func RunUploads(t *testing.T, newStore func(t *testing.T) UploadStore) {
	tests := []struct {
		name string
		fn   func(*testing.T, UploadStore)
	}{
		{"RoundTrip", testUploadRoundTrip},
		{"Lists", testUploadLists},
		{"Steps", testUploadSteps},
		{"Log", testUploadLog},
		{"Reject", testUploadReject},
		{"Junk", testUploadJunk},
		{"Publish", testUploadPublish},
		{"PublishConflict", testUploadPublishConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			defer s.Close()
			tt.fn(t, s)
		})
	}
}

func newUpload(t *testing.T, s UploadStore, userID int64, user string) *store.Upload {
	t.Helper()
	u := &store.Upload{UserID: userID, User: user, Files: []store.UploadFile{
		{Name: "list.tar.gz", BlobKey: strings.Repeat("a", 64), Size: 123},
	}}
	if err := s.CreateUpload(ctx, u); err != nil {
		t.Fatal(err)
	}
	return u
}

func getUpload(t *testing.T, s UploadStore, id int64) *store.Upload {
	t.Helper()
	u, err := s.GetUpload(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func testUploadRoundTrip(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 7, "alice")
	if u.ID == 0 || u.Status != store.UploadQueued || u.Created.IsZero() {
		t.Fatalf("CreateUpload left %+v", u)
	}
	got := getUpload(t, s, u.ID)
	if diff := cmp.Diff(u, got); diff != "" {
		t.Errorf("GetUpload (-want +got):\n%s", diff)
	}
	_, err := s.GetUpload(ctx, u.ID+100)
	wantKind(t, "GetUpload(missing)", err, derrors.NotFound)
	err = s.CreateUpload(ctx, &store.Upload{UserID: 1, User: "x"})
	wantKind(t, "CreateUpload(no files)", err, derrors.InvalidArgument)
}

func testUploadLists(t *testing.T, s UploadStore) {
	a1 := newUpload(t, s, 1, "alice")
	b1 := newUpload(t, s, 2, "bob")
	a2 := newUpload(t, s, 1, "alice")
	if err := s.RejectUpload(ctx, a1.ID, "no"); err != nil {
		t.Fatal(err)
	}
	ids := func(us []*store.Upload, err error) []int64 {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		out := []int64{}
		for _, u := range us {
			out = append(out, u.ID)
		}
		return out
	}
	if diff := cmp.Diff([]int64{a2.ID, a1.ID}, ids(s.ListUploads(ctx, 1, 10))); diff != "" {
		t.Errorf("ListUploads(alice) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{a2.ID}, ids(s.ListUploads(ctx, 1, 1))); diff != "" {
		t.Errorf("ListUploads(alice, 1) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int64{b1.ID, a2.ID}, ids(s.UnfinishedUploads(ctx))); diff != "" {
		t.Errorf("UnfinishedUploads (-want +got):\n%s", diff)
	}
}

func testUploadSteps(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 1, "alice")
	step := func(status string, restart bool) {
		t.Helper()
		if err := s.StartUploadStep(ctx, u.ID, status, restart); err != nil {
			t.Fatal(err)
		}
	}
	step(store.UploadExtracting, true)
	if err := s.AppendUploadLog(ctx, u.ID, "first try\n"); err != nil {
		t.Fatal(err)
	}
	step(store.UploadChecking, false)
	if got := getUpload(t, s, u.ID); got.Status != store.UploadChecking || got.Attempts != 1 || got.Log != "first try\n" {
		t.Errorf("after steps: status %q attempts %d log %q", got.Status, got.Attempts, got.Log)
	}
	step(store.UploadExtracting, true) // a retry starts over
	if got := getUpload(t, s, u.ID); got.Status != store.UploadExtracting || got.Attempts != 2 || got.Log != "" {
		t.Errorf("after restart: status %q attempts %d log %q", got.Status, got.Attempts, got.Log)
	}
	err := s.StartUploadStep(ctx, u.ID, store.UploadPublished, false)
	wantKind(t, "StartUploadStep(published)", err, derrors.InvalidArgument)
	err = s.StartUploadStep(ctx, u.ID+100, store.UploadChecking, false)
	wantKind(t, "StartUploadStep(missing)", err, derrors.NotFound)
}

func testUploadLog(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 1, "alice")
	chunk := strings.Repeat("é", 1000) + "\n" // multi-byte, to test cutting
	for i := 0; i < 2*store.MaxUploadLog/len(chunk); i++ {
		if err := s.AppendUploadLog(ctx, u.ID, chunk); err != nil {
			t.Fatal(err)
		}
	}
	got := getUpload(t, s, u.ID).Log
	if len(got) > store.MaxUploadLog || !strings.HasSuffix(got, "[log truncated]\n") || !strings.HasPrefix(got, chunk) {
		t.Errorf("log: %d bytes, ends %q", len(got), got[max(0, len(got)-40):])
	}
	if !strings.Contains(got, "é\n[log") && !strings.Contains(got, "\n\n[log") {
		t.Errorf("log cut in the middle of a character: %q", got[len(got)-40:])
	}
}

func testUploadReject(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 1, "alice")
	if err := s.RejectUpload(ctx, u.ID, "bad tarball"); err != nil {
		t.Fatal(err)
	}
	got := getUpload(t, s, u.ID)
	if got.Status != store.UploadRejected || got.Reason != "bad tarball" || !store.UploadFinal(got.Status) {
		t.Errorf("rejected upload = %+v", got)
	}
	// A final upload never changes again.
	for what, err := range map[string]error{
		"RejectUpload":    s.RejectUpload(ctx, u.ID, "again"),
		"StartUploadStep": s.StartUploadStep(ctx, u.ID, store.UploadChecking, true),
		"AppendUploadLog": s.AppendUploadLog(ctx, u.ID, "x"),
		"JunkUpload":      s.JunkUpload(ctx, u.ID, junk("alice-x"), ""),
		"PublishUpload":   func() error { _, err := s.PublishUpload(ctx, u.ID, Module("list", "1"), nil); return err }(),
	} {
		wantKind(t, what+" after reject", err, derrors.AlreadyExists)
	}
	if got := getUpload(t, s, u.ID); got.Reason != "bad tarball" {
		t.Errorf("reason changed to %q", got.Reason)
	}
	if _, err := s.GetModule(ctx, "list", ""); !errors.Is(err, derrors.NotFound) {
		t.Errorf("publishing a rejected upload inserted a version: %v", err)
	}
	if _, err := s.GetJunk(ctx, "alice-x"); !errors.Is(err, derrors.NotFound) {
		t.Errorf("junking a rejected upload stored junk: %v", err)
	}
}

func junk(name string) *store.Junk {
	return &store.Junk{Name: name, Created: epoch,
		Files:   []*store.File{{Path: "a.c", Size: 3, SHA256: strings.Repeat("d", 64)}},
		Tarball: store.Tarball{Kind: store.TarballJunk, Name: name + ".tar.gz", SHA256: strings.Repeat("e", 64), Size: 9}}
}

func testUploadJunk(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 1, "alice")
	err := s.JunkUpload(ctx, u.ID, junk("../bad"), "no _info")
	wantKind(t, "JunkUpload(bad name)", err, derrors.InvalidArgument)
	if got := getUpload(t, s, u.ID); got.Status != store.UploadQueued {
		t.Errorf("failed JunkUpload left status %q", got.Status)
	}
	j := junk("alice-thing")
	if err := s.JunkUpload(ctx, u.ID, j, "no _info"); err != nil {
		t.Fatal(err)
	}
	got := getUpload(t, s, u.ID)
	if got.Status != store.UploadJunkcode || got.Junk != "alice-thing" || got.Reason != "no _info" {
		t.Errorf("junked upload = %+v", got)
	}
	gj, err := s.GetJunk(ctx, "alice-thing")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(j, gj); diff != "" {
		t.Errorf("GetJunk (-want +got):\n%s", diff)
	}
}

func testUploadPublish(t *testing.T, s UploadStore) {
	u := newUpload(t, s, 1, "alice")
	mv := Module("list", "1.0")
	lint := &store.LintResult{Score: 5, Total: 6, Checks: []*store.LintCheck{
		{Key: "info_exists", Title: "Module has _info file", Status: "pass", Score: 1, Total: 1}}}
	v, err := s.PublishUpload(ctx, u.ID, mv, lint)
	if err != nil || v != "1.0" {
		t.Fatalf("PublishUpload = %q, %v", v, err)
	}
	got := getUpload(t, s, u.ID)
	if got.Status != store.UploadPublished || got.Module != "list" || got.Version != "1.0" {
		t.Errorf("published upload = %+v", got)
	}
	gm, err := s.GetModule(ctx, "list", "")
	if err != nil || gm.Version != "1.0" || !gm.Linted || gm.Score != 5 || gm.Total != 6 {
		t.Errorf("published module = %+v, %v", gm, err)
	}
	if gl, err := s.GetLint(ctx, "list", "1.0"); err != nil || len(gl.Checks) != 1 {
		t.Errorf("GetLint = %+v, %v", gl, err)
	}
	// The same content again (a date-based version would differ):
	// published as the existing version, nothing added.
	u2 := newUpload(t, s, 1, "alice")
	again := Module("list", "0.0.0-20260102-cccccccccccc")
	if v, err := s.PublishUpload(ctx, u2.ID, again, lint); err != nil || v != "1.0" {
		t.Errorf("republishing the same content = %q, %v; want 1.0", v, err)
	}
	if vs, _ := s.Versions(ctx, "list"); len(vs) != 1 {
		t.Errorf("republishing added a version: %d versions", len(vs))
	}
	if got := getUpload(t, s, u2.ID); got.Status != store.UploadPublished || got.Version != "1.0" || got.Reason == "" {
		t.Errorf("republished upload = %+v", got)
	}
	// New content, new version: it becomes the latest.
	u3 := newUpload(t, s, 1, "alice")
	mv2 := Module("list", "2.0")
	mv2.ContentSHA256 = strings.Repeat("9", 64)
	if v, err := s.PublishUpload(ctx, u3.ID, mv2, nil); err != nil || v != "2.0" {
		t.Fatalf("PublishUpload(2.0) = %q, %v", v, err)
	}
	if gm, err := s.GetModule(ctx, "list", ""); err != nil || gm.Version != "2.0" || gm.Linted {
		t.Errorf("latest = %+v, %v; want 2.0 unlinted", gm, err)
	}
}

func testUploadPublishConflict(t *testing.T, s UploadStore) {
	insert(t, s, Module("list", "1.0"))
	u := newUpload(t, s, 1, "alice")
	mv := Module("list", "1.0")
	mv.ContentSHA256 = strings.Repeat("9", 64)
	_, err := s.PublishUpload(ctx, u.ID, mv, nil)
	wantKind(t, "PublishUpload(existing version, other content)", err, derrors.AlreadyExists)
	if got := getUpload(t, s, u.ID); store.UploadFinal(got.Status) {
		t.Errorf("a failed publish finished the upload: %+v", got)
	}
	if gm, _ := s.GetModule(ctx, "list", "1.0"); gm.ContentSHA256 != strings.Repeat("c", 64) {
		t.Errorf("a failed publish changed the stored version")
	}
	_, err = s.PublishUpload(ctx, u.ID, Module("bad name", "1"), nil)
	wantKind(t, "PublishUpload(bad name)", err, derrors.InvalidArgument)
}
