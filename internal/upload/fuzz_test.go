package upload

import (
	"io/fs"
	"strings"
	"testing"

	"github.com/ccan-archive/ccan/internal/extract"
	"github.com/ccan-archive/ccan/internal/store"
)

// FuzzNames feeds arbitrary user names, file names and archive layouts
// to what turns them into names: junkcode entry names must always be
// valid, a found module's name too, and nothing may panic.
func FuzzNames(f *testing.F) {
	f.Add("alice", "list.tar.gz", "ccan/list/_info\nccan/list/list.h", "")
	f.Add("bob@example.org", "x.c", "_info", "str-1.0")
	f.Add("..", "../../etc/passwd.tgz", "a/ccan/str/hex/_info\na/ccan/str/_info", "top")
	f.Add("-+_", "\x00.zip", "one/_info\ntwo/_info", "")
	f.Add(strings.Repeat("é", 100), strings.Repeat("a", 300)+".h", "ccan/_info\nccan/ccan/_info", "ccan")
	f.Fuzz(func(t *testing.T, user, file, paths, root string) {
		if n := junkName(user, stripExt(baseName(file))); store.CheckJunkName(n) != nil {
			t.Fatalf("junkName(%q, %q) = %q: invalid", user, file, n)
		}
		res := &extract.Result{Root: root}
		for _, p := range strings.Split(paths, "\n") {
			res.Files = append(res.Files, extract.File{Path: p, Mode: 0o644})
		}
		res.Files = append(res.Files, extract.File{Path: "link/_info", Mode: fs.ModeSymlink | 0o777})
		f := findModule(res, file)
		if (f.Name == "") == (f.Why == "") {
			t.Fatalf("findModule(%q, root %q) = %+v: want a name or a reason", paths, root, f)
		}
		if f.Name != "" && store.CheckModuleName(f.Name) != nil {
			t.Fatalf("findModule(%q, root %q) = invalid name %q", paths, root, f.Name)
		}
		_ = Kind(file)
		_ = checkFiles([]File{{Name: file}})
	})
}
