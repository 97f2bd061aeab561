package configure

import (
	"context"
	"os"
	"strings"
	"testing"
)

// TestCompareOriginal checks every HAVE_ answer against a config.h written
// by the original configurator on this machine, probing with the same
// compiler and flags. Generate one with
//
//	cd /tmp && .../tools/configurator/configurator cc <flags> > orig-config.h
//
// and set CCAN_ORIG_CONFIG_H to its path.
func TestCompareOriginal(t *testing.T) {
	path := os.Getenv("CCAN_ORIG_CONFIG_H")
	if path == "" {
		t.Skip("CCAN_ORIG_CONFIG_H not set")
	}
	needCC(t)
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	orig, err := Parse(src)
	if err != nil {
		t.Fatalf("parsing %s: %v", path, err)
	}
	cfg, err := Run(context.Background(), Options{CC: orig.Compiler, CFlags: strings.Fields(orig.CFlags)})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(orig.Values) != len(cfg.Values) {
		t.Errorf("original has %d HAVE_ values, we have %d", len(orig.Values), len(cfg.Values))
	}
	ones := 0
	for _, o := range orig.Values {
		v, ok := cfg.Value(o.Name)
		switch {
		case !ok:
			t.Errorf("%s: not probed here", o.Name)
		case v != o.Value:
			t.Errorf("%s = %v, original says %v", o.Name, v, o.Value)
		}
		if o.Value {
			ones++
		}
	}
	t.Logf("%d HAVE_ values compared: %d ones, %d zeros", len(orig.Values), ones, len(orig.Values)-ones)
	if string(cfg.Header()) == string(src) {
		t.Log("config.h is byte-identical to the original's")
	}
}
