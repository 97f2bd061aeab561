package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/ccan-archive/ccan/internal/configure"
)

func main() {
	opts := configure.Options{Verbose: os.Stderr, CacheDir: os.Getenv("CACHE")}
	if f := os.Getenv("FLAGS"); f != "" {
		opts.CFlags = strings.Fields(f)
	}
	t := time.Now()
	cfg, err := configure.Run(context.Background(), opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Fprintln(os.Stderr, "elapsed", time.Since(t), "cached", cfg.Cached)
	os.Stdout.Write(cfg.Header())
}
