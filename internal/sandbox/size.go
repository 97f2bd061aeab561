package sandbox

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseSize parses a byte count such as "1048576", "512K", "64M",
// "1G" or "2GiB" (binary multiples, case-insensitive).
func ParseSize(s string) (int64, error) {
	num := strings.TrimSpace(s)
	upper := strings.ToUpper(num)
	upper = strings.TrimSuffix(strings.TrimSuffix(upper, "B"), "I")
	shift := 0
	if n := len(upper); n > 0 {
		switch upper[n-1] {
		case 'K':
			shift = 10
		case 'M':
			shift = 20
		case 'G':
			shift = 30
		case 'T':
			shift = 40
		}
		if shift > 0 {
			upper = upper[:n-1]
		}
	}
	v, err := strconv.ParseInt(upper, 10, 64)
	if err != nil || v < 0 || upper == "" || upper[0] == '+' {
		return 0, fmt.Errorf("bad size %q: want a byte count like 1048576, 512K, 64M or 1G", s)
	}
	if v > (1<<63-1)>>shift {
		return 0, fmt.Errorf("bad size %q: too large", s)
	}
	return v << shift, nil
}
